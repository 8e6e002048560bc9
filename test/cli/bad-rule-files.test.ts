/**
 * The bad rule files of test/corpus through the built CLI: `autotag plan --json` exits 2 with the file, the
 * field and the fix in its error, before any API call (the emulator counts none), and never crashes or hangs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator';
import type { InputIssue } from '../../shared/errors';
import { BAD_RULE_FILES, issueMatches, writeRuleFile } from '../corpus/rule-files';
import { credentialsEnv, runCli } from './built-cli';

let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ assets: 50, readQps: 0, writeQps: 0 });
  dir = mkdtempSync(join(tmpdir(), 'autotag-bad-rules-'));
});
afterAll(() => emulator.stop());

describe('cli: bad rule files (test/corpus)', () => {
  it.each(BAD_RULE_FILES.map((c, i) => [c.id, c, i] as const))('%s', async (_id, c, i) => {
    const file = join(dir, `case-${i}.yaml`);
    writeRuleFile(file, c.input);
    emulator.resetStats();
    const r = await runCli(['plan', '--rules', file, '--json', '--endpoint', emulator.url], credentialsEnv(emulator.credentials));
    expect(r.code).toBe(c.exitCode);
    const { error } = JSON.parse(r.stdout) as { error: { code: string; issues: InputIssue[] } };
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues).toContainEqual(expect.objectContaining({ file }));
    expect(error.issues.filter((issue) => issueMatches(issue, c, c.field))).not.toHaveLength(0);
    expect(r.stderr).toContain(file);
    expect(r.stderr).not.toMatch(/\n\s+at |a bug in autotag/);
    expect(emulator.calls().total).toBe(0);
  });
});
