/**
 * The bad rule files of test/corpus through the built CLI, several processes at a time (each case with its
 * own emulator, so its calls are its own): `autotag plan --json` exits 2 with the file, the field and the fix
 * in its error, before any API call (the emulator counts none), with no stack trace and no secret, and never
 * crashes or hangs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator';
import type { InputIssue } from '../../shared/errors';
import { expectNothingLeaked } from '../corpus/refusal';
import { BAD_RULE_FILES, issueMatches, writeRuleFile, type BadRuleFile } from '../corpus/rule-files';
import { CLI_CONCURRENCY, startAll } from '../support/pool';
import { credentialsEnv, runCli, type CliResult } from './built-cli';

const dir = mkdtempSync(join(tmpdir(), 'autotag-bad-rules-'));
const fileOf = (c: BadRuleFile) => join(dir, `case-${BAD_RULE_FILES.indexOf(c)}.yaml`);

async function run(c: BadRuleFile): Promise<CliResult & { calls: number; secret: string }> {
  const file = fileOf(c);
  writeRuleFile(file, c.input);
  const emulator = await startEmulator({ assets: 50, readQps: 0, writeQps: 0 });
  try {
    const r = await runCli(['plan', '--rules', file, '--json', '--endpoint', emulator.url], credentialsEnv(emulator.credentials));
    return { ...r, calls: emulator.calls().total, secret: emulator.credentials.accessKeySecret };
  } finally {
    await emulator.stop();
  }
}

describe('cli: bad rule files (test/corpus)', () => {
  let outcomes: Map<string, ReturnType<typeof run>>;
  beforeAll(() => {
    outcomes = startAll(BAD_RULE_FILES, CLI_CONCURRENCY, (c) => c.id, run);
  });

  it.each(BAD_RULE_FILES.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const r = await outcomes.get(c.id)!;
    const file = fileOf(c);
    expect(r.code).toBe(c.exitCode);
    const { error } = JSON.parse(r.stdout) as { error: { code: string; issues: InputIssue[] } };
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues).toContainEqual(expect.objectContaining({ file }));
    expect(error.issues.filter((issue) => issueMatches(issue, c, c.field))).not.toHaveLength(0);
    expect(r.stderr).toContain(file);
    expect(r.stderr).not.toMatch(/\n\s+at |a bug in autotag/);
    expectNothingLeaked([r.stdout, r.stderr], [r.secret]);
    expect(r.calls).toBe(0);
  });
});
