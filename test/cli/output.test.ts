/**
 * The CLI's output reaches a pipe whole, whatever the exit code: stdout and stderr are real pipes here (as in
 * `autotag plan --json | wc -c`), and each command prints megabytes, far more than a pipe holds (64 KiB) or a
 * reader can drain in the moment between the last write and an exit that does not wait for the streams.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator';
import { jsonLines } from '../support/plan-lines';
import { credentialsEnv, ROOT, runCliIntoPipes } from './built-cli';

const MiB = 1024 * 1024;

/**
 * A rule set whose every rule sets a value its key does not allow: one issue per rule, each quoting the key's
 * 400 allowed values, so a small file gives megabytes of messages.
 */
function undeclaredValues(rules: number): string {
  const values = Array.from({ length: 400 }, (_, i) => `value-${String(i).padStart(4, '0')}`);
  const lines = ['version: 1', 'tagKeys:', `  - key: layer`, `    values: [${values.join(', ')}]`, 'sources:', '  tagged: true', 'rules:'];
  for (let i = 0; i < rules; i++) lines.push(`  - id: r${i}`, `    match: { name: "t${i}_*" }`, `    tags: { layer: other }`);
  return `${lines.join('\n')}\n`;
}

let dir: string;
let emulator: Emulator;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'autotag-output-'));
  emulator = await startEmulator({ assets: 12000, seed: 3, readQps: 0, writeQps: 0 });
});
afterAll(() => emulator.stop());

describe('cli output into a pipe', () => {
  it('prints a --json plan of megabytes whole, exit 0', async () => {
    const rules = join(ROOT, 'test', 'cli', 'fixtures', 'rules.yaml');
    const r = await runCliIntoPipes(['plan', '--rules', rules, '--json', '--endpoint', emulator.url, '--read-qps', '1000'], credentialsEnv(emulator.credentials));
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(MiB);
    // JSON lines: every binding, then the report
    const { bindings, report } = jsonLines(r.stdout);
    expect(bindings.length).toBe(report.plan.bind + report.plan.present + report.plan.conflict);
  });

  it('prints an error of megabytes on stderr, and its --json document on stdout, whole, exit 2', async () => {
    const file = join(dir, 'undeclared-values.yaml');
    writeFileSync(file, undeclaredValues(600));
    const r = await runCliIntoPipes(['validate', file, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout.length).toBeGreaterThan(MiB);
    expect(r.stderr.length).toBeGreaterThan(MiB);
    expect((JSON.parse(r.stdout) as { error: { issues: unknown[] } }).error.issues).toHaveLength(600);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 600);
    expect(lines[600]).toContain('rule r599: rules[599].tags.layer: value "other" is not declared');
  });
});
