/**
 * The bad command lines of test/corpus through the built CLI, several processes at a time (each case has its
 * own emulator and request counter, so its calls are its own): each exits 2 naming the flag and the fix,
 * prints no stack trace and no secret, and sends no request to the emulator or the counter.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator';
import { BAD_COMMAND_LINES, type BadCommandLine } from '../corpus/cli-flags';
import { expectNothingLeaked, expectRefusal } from '../corpus/refusal';
import { CLI_CONCURRENCY, startAll } from '../support/pool';
import { startRequestCounter } from '../support/request-counter';
import { credentialsEnv, finished, startCli, type CliResult } from './built-cli';

/** a case that is not refused may start serving (autotag emulator): it is stopped, and fails */
const CASE_TIMEOUT_MS = 30_000;

interface Outcome extends CliResult {
  calls: number;
  requests: number;
  secret: string;
}

const dir = mkdtempSync(join(tmpdir(), 'autotag-bad-flags-'));
const FILES = {
  rules: 'rules/example.yaml',
  event: 'test/fixtures/events/timer.json',
  badRules: join(dir, 'bad-rules.yaml'),
  notJson: join(dir, 'not.json'),
  dir,
  fifo: join(dir, 'audit.fifo'),
};
writeFileSync(FILES.badRules, 'rules: []\n');
writeFileSync(FILES.notJson, '# not JSON\n');
execFileSync('mkfifo', [FILES.fifo]);

async function run(c: BadCommandLine): Promise<Outcome> {
  const [emulator, counter] = await Promise.all([startEmulator({ assets: 10, readQps: 0, writeQps: 0 }), startRequestCounter()]);
  try {
    const values: Record<string, string> = { ...FILES, dataworks: emulator.url, sink: counter.url };
    const args = c.args.map((a) => a.replace(/\{(\w+)\}/g, (_, name: string) => values[name]));
    const child = startCli(args, c.credentials === 'none' ? {} : credentialsEnv(emulator.credentials));
    const timer = setTimeout(() => child.kill('SIGKILL'), CASE_TIMEOUT_MS);
    const result = await finished(child).finally(() => clearTimeout(timer));
    return { ...result, calls: emulator.calls().total, requests: counter.count(), secret: emulator.credentials.accessKeySecret };
  } finally {
    await Promise.all([emulator.stop(), counter.stop()]);
  }
}

describe('cli: bad command lines (test/corpus)', () => {
  let outcomes: Map<string, Promise<Outcome>>;
  beforeAll(() => {
    outcomes = startAll(BAD_COMMAND_LINES, CLI_CONCURRENCY, (c) => c.id, run);
  });

  it.each(BAD_COMMAND_LINES.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const r = await outcomes.get(c.id)!;
    expect(r.code).toBe(2);
    const secrets = [r.secret, ...(c.secret ? [c.secret] : [])];
    expectRefusal(r.stderr, c, secrets);
    expectNothingLeaked([r.stdout], secrets);
    if (c.args.includes('--json')) expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect([r.calls, r.requests]).toEqual([0, 0]);
  });
});
