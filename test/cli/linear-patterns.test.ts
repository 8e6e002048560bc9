/**
 * Name patterns match in linear time whatever they are (issue 10, defect 6): patterns a backtracking engine
 * needs exponential time for, against long adversarial names, through the built CLI as users run it (so the
 * bundled engine is what is exercised). `validate` runs them too: its overlap check tests one rule's pattern
 * against another rule's literal name.
 *
 * A hang guard, not a speed target: each command runs in a child process, killed if it has not finished within
 * HANG_BOUND_MS. Matching one of these names takes a linear-time engine microseconds; a backtracking one takes
 * about 2^n steps for an n-character name (the issue measured 14 s for n = 29; here n > 40: days), so only a
 * catastrophic backtracker ever reaches the bound, however slow the machine.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCatalog, startEmulator, tableAssetId, type Catalog, type Emulator } from '../../emulator';
import { jsonLines } from '../support/plan-lines';
import type { NamePattern } from '../../shared/rules';
import { credentialsEnv, finished, startCli, type CliResult } from './built-cli';

const HANG_BOUND_MS = 30_000;
const DIGITS = '1'.repeat(48);

/**
 * [pattern, a name it matches, an adversarial name it does not match]. The names hold no glob syntax, so
 * each is a literal name the overlap check tests the pattern on. A glob with k stars costs a backtracking
 * engine about n^k / k! steps.
 */
const CATASTROPHIC: [NamePattern, string, string][] = [
  [{ regex: '^(\\w|\\d)+$' }, DIGITS, `${DIGITS}-`],
  [{ regex: '^(a+)+$' }, 'a'.repeat(48), `${'a'.repeat(48)}-`],
  [{ regex: '(x*)*y' }, `${'x'.repeat(48)}y`, 'x'.repeat(48)],
  [{ regex: '^(\\w+\\s?)*$' }, 'ab cd', `${'a'.repeat(48)}-`],
  [{ regex: '^([a-z0-9]+_?)*$' }, 'ods_user', `${'ods'.repeat(16)}-`],
  [{ glob: `${'*a'.repeat(10)}*b` }, `${'a'.repeat(120)}b`, 'a'.repeat(120)],
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'autotag-linear-'));
});

/** Runs the CLI, killed (code null) if it has not finished within the bound. */
async function guarded(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const child = startCli(args, env);
  const timer = setTimeout(() => child.kill('SIGKILL'), HANG_BOUND_MS);
  try {
    return await finished(child);
  } finally {
    clearTimeout(timer);
  }
}

/** A rule file with the pattern and a rule naming one asset, setting one key to different values at one priority. */
function rulesFile(pattern: NamePattern, literalName: string): string {
  const file = join(dir, `rules-${Math.random().toString(36).slice(2)}.json`);
  const rules = {
    version: 1,
    tagKeys: [{ key: 'classification', values: ['public', 'internal'] }],
    sources: { tables: { maxcomputeProjects: ['sales_dw'] } },
    rules: [
      { id: 'by-pattern', match: { type: 'table', name: pattern }, tags: { classification: 'internal' } },
      { id: 'by-name', match: { type: 'table', name: { glob: literalName } }, tags: { classification: 'public' } },
    ],
  };
  writeFileSync(file, JSON.stringify(rules));
  return file;
}

describe('name patterns match in linear time (built CLI)', () => {
  describe('validate: the overlap check runs each pattern against the other rule\'s literal name', () => {
    it.each(CATASTROPHIC)('%j does not match the adversarial name: no conflict, exit 0', async (pattern, _, adversarial) => {
      const r = await guarded(['validate', rulesFile(pattern, adversarial)]);
      expect(r.code).not.toBeNull(); // null: killed at the bound, i.e. matching hung
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }, HANG_BOUND_MS + 10_000);

    it.each(CATASTROPHIC)('%j matches its name: the two rules conflict, exit 2', async (pattern, matching) => {
      const r = await guarded(['validate', rulesFile(pattern, matching)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('rules "by-pattern" and "by-name" can match the same asset');
    }, HANG_BOUND_MS + 10_000);
  });

  describe('plan: an asset with an adversarial name', () => {
    let emulator: Emulator;

    function catalog(): Catalog {
      const base = generateCatalog({ assets: 3, seed: 1 });
      const table = (name: string) => ({ ...base.tables[0], id: tableAssetId('sales_dw', name), name });
      return { ...base, tables: [table(DIGITS), table(`${DIGITS}!`), table(`1${DIGITS}!`)], tasks: [], bindings: [] };
    }

    beforeAll(async () => {
      emulator = await startEmulator({ catalog: catalog(), readQps: 0, writeQps: 0 });
    });
    afterAll(() => emulator.stop());

    it('plans the one table the pattern matches and finishes', async () => {
      const file = join(dir, 'plan.json');
      const rules = {
        version: 1,
        tagKeys: [{ key: 'classification', values: ['internal'] }],
        sources: { tables: { maxcomputeProjects: ['sales_dw'] } },
        rules: [{ id: 'digits', match: { type: 'table', name: { regex: '^(\\w|\\d)+$' } }, tags: { classification: 'internal' } }],
      };
      writeFileSync(file, JSON.stringify(rules));
      const r = await guarded(['plan', '--rules', file, '--json', '--endpoint', emulator.url, '--read-qps', '1000'], credentialsEnv(emulator.credentials));
      expect(r.code).not.toBeNull(); // null: killed at the bound, i.e. matching hung
      expect(r.code).toBe(0);
      const { bindings, report } = jsonLines(r.stdout);
      expect(report.plan.assetsEvaluated).toBe(3);
      expect(bindings.map((b) => b.assetName)).toEqual([DIGITS]);
    }, HANG_BOUND_MS + 10_000);
  });
});
