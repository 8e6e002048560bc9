/**
 * `formatVersion` in every JSON document the CLI prints: each command with JSON output run as a process (the
 * emulator, a local FC with the built http bundle for `remote`), its documents parsed, each carrying the one
 * version (shared/json); error documents too. Every command whose --help offers --json or --format must be
 * here, so a new one cannot print JSON without the field. Formats defined elsewhere (`schema`: a JSON Schema,
 * `policy`: a RAM policy) carry none.
 */
import { join } from 'node:path';
import { FORMAT_VERSION } from '../../shared/json';
import { handlerEnv } from '../support/functions';
import { builtBundle, CALLER, ROLE, startCloud, type Cloud } from '../support/local-fc';
import { credentialsEnv, ROOT, runCli, startCli, tempFiles, type CliResult } from './built-cli';

const RULES = join(ROOT, 'test', 'cli', 'fixtures', 'rules.yaml');
const EVENTS = join(ROOT, 'test', 'fixtures', 'events');

/** Every document in a command's stdout: one pretty-printed JSON document, or JSON lines. */
function documents(stdout: string): Record<string, unknown>[] {
  const text = stdout.trim();
  try {
    return [JSON.parse(text) as Record<string, unknown>];
  } catch {
    return text.split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

/** The commands (and subcommands) whose --help offers JSON output. */
async function commandsWithJson(prefix: string[] = []): Promise<string[]> {
  const help = (await runCli([...prefix, '--help'])).stdout;
  const commands = /\nCommands:\n([\s\S]*?)(?:\n\n|$)/.exec(help);
  if (!commands) return /--json|--format/.test(help) ? [prefix.join(' ')] : [];
  const names = [...commands[1].matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]).filter((name) => name !== 'help');
  return (await Promise.all(names.map((name) => commandsWithJson([...prefix, name])))).flat();
}

describe('formatVersion in every JSON document the CLI prints', () => {
  const file = tempFiles('autotag-format-version-');
  /** one finished piece of run-1, as the scheduled function logs it */
  const pieceLines = () =>
    file('pieces.jsonl', JSON.stringify({ level: 'info', msg: 'run piece finished', runId: 'run-1', piece: 1, status: 'ok', durationMs: 5, counts: { scanned: 1, evaluated: 1, bind: 0, present: 1, conflict: 0, applied: 0, skipped: 0, failed: 0, notStarted: 0 }, failures: [], sourceErrors: [] }));
  let cloud: Cloud;
  let url: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    cloud = await startCloud({ dataworks: { assets: 300, seed: 11 } });
    const { AUTOTAG_RULES: _bundled, ...fnEnv } = handlerEnv(cloud.dataworks);
    cloud.fc.register({ name: 'autotag-http', bundle: builtBundle('http'), timeout: 60, memory: 512, role: ROLE, maxAsyncRetryAttempts: 0, env: fnEnv });
    url = (await cloud.fc.startHttpTrigger('autotag-http')).url;
    env = credentialsEnv(cloud.dataworks.credentials);
  });
  afterAll(() => cloud.stop());

  const target = () => ['--endpoint', cloud.dataworks.url, '--read-qps', '1000'];
  const remote = (...args: string[]) => runCli(['remote', ...args, '--url', url, '--json'], credentialsEnv(CALLER));
  /** Each command with JSON output, by the name its --help has; each run prints one or more documents. */
  const CASES: Record<string, (() => Promise<CliResult>)[]> = {
    validate: [() => runCli(['validate', RULES, '--json']), () => runCli(['validate', join(ROOT, 'no-such-rules.yaml'), '--json'])],
    plan: [() => runCli(['plan', '--rules', RULES, '--json', ...target()], env), () => runCli(['plan', '--rules', RULES, '--format', 'json', '--lines', 'x'])],
    apply: [
      () => runCli(['apply', '--rules', RULES, '--json', '--dry-run', ...target()], env),
      () => runCli(['apply', '--rules', RULES, '--json', ...target(), '--write-qps', '500'], env),
      () => runCli(['apply', '--rules', RULES, '--format', 'json', ...target()]),
    ],
    explain: [() => runCli(['explain', '--rules', RULES, 'ods_user_info', '--json', ...target()], env)],
    report: [() => runCli(['report', '--run', 'run-1', pieceLines(), '--json']), () => runCli(['report', '--run', 'no-such-run', pieceLines(), '--json'])],
    coverage: [() => runCli(['coverage', '--rules', RULES, '--format', 'json', ...target()], env), () => runCli(['coverage', '--rules', join(ROOT, 'no-such-rules.yaml'), '--format', 'json'])],
    invoke: [
      () => runCli(['invoke', 'scheduled', '--event', join(EVENTS, 'timer.json'), '--rules', RULES, '--json', ...target()], env),
      () => runCli(['invoke', 'http', '--event', join(EVENTS, 'http.json'), '--rules', RULES, '--json', ...target()], env),
    ],
    'remote plan': [() => remote('plan', '--rule-set', 'example')],
    'remote run': [() => remote('run', '--rule-set', 'no-such-rules')],
    'remote rules': [() => remote('rules')],
    'events connect': [() => runCli(['events', 'connect', '--bus', 'b', '--function', 'autotag-events', '--region', 'cn-hangzhou', '--account-id', '1234567890123456', '--dry-run', '--json'])],
  };

  it('covers every command whose --help offers --json or --format', async () => {
    expect((await commandsWithJson()).sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.keys(CASES))('%s: every document it prints, error documents included, has formatVersion', async (name) => {
    for (const run of CASES[name]) {
      const r = await run();
      const docs = documents(r.stdout);
      expect(docs.length).toBeGreaterThan(0);
      for (const doc of docs) {
        // a plan's JSON lines: the header names the version of the plan, the report line that of the report
        const versioned = doc.kind === 'report' ? (doc.report as Record<string, unknown>) : doc.kind === undefined || doc.kind === 'plan' ? doc : undefined;
        if (versioned) expect({ name, formatVersion: versioned.formatVersion }).toEqual({ name, formatVersion: FORMAT_VERSION });
      }
      // what the http function answered, inside the invoke document
      if (name === 'invoke' && typeof docs[0].body === 'string') expect(JSON.parse(docs[0].body)).toMatchObject({ formatVersion: FORMAT_VERSION });
    }
  });

  it('the emulator prints its one line with formatVersion', async () => {
    const child = startCli(['emulator', '--port', '0', '--assets', '10']);
    const line = await new Promise<string>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(d.toString())));
    const exited = new Promise((resolve) => child.on('close', resolve));
    child.kill('SIGINT');
    await exited;
    expect(JSON.parse(line)).toMatchObject({ formatVersion: FORMAT_VERSION, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
  });

  it('schema and policy print their own formats (a JSON Schema, a RAM policy) without one', async () => {
    const schema = JSON.parse((await runCli(['schema'])).stdout);
    expect(schema.$schema).toMatch(/json-schema/);
    expect(schema).not.toHaveProperty('formatVersion');
    const policy = JSON.parse((await runCli(['policy', '--rules', RULES])).stdout);
    expect(policy.Version).toBe('1');
    expect(policy).not.toHaveProperty('formatVersion');
  });
});
