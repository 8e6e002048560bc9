/**
 * `autotag explain` as users run it: the built CLI as a process against an emulator serving the demo catalog
 * (with the fixed table dim_customer already tagged by hand, test/support/explain-catalog.ts), with
 * rules/governance.yaml and a rule file that exercises owners, a rule building on another's pending tag,
 * priority and conflicts. What it prints, the JSON document, the exit codes, and the calls it makes.
 */
import { join } from 'node:path';
import { FIXED_TABLES, FIXED_TASK, startEmulator, type Emulator } from '../../emulator';
import type { ExplainDocument } from '../../cli/render/explain';
import { DIM_CUSTOMER, explainCatalog, TASK_TWIN } from '../support/explain-catalog';
import { credentialsEnv, ROOT, runCli } from './built-cli';

const GOVERNANCE = join(ROOT, 'rules', 'governance.yaml');
const RULES = join(ROOT, 'test', 'cli', 'fixtures', 'explain.yaml');
const TMP_UPLOAD = FIXED_TABLES[1];

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ catalog: explainCatalog(), readQps: 0, writeQps: 0 });
});
afterAll(() => emulator.stop());

/** `autotag explain` against the emulator, its calls counted from zero. */
async function explain(rules: string, ...args: string[]) {
  emulator.resetStats();
  const r = await runCli(['explain', '--rules', rules, '--endpoint', emulator.url, '--read-qps', '1000', ...args], credentialsEnv(emulator.credentials));
  const calls = Object.fromEntries(Object.entries(emulator.calls().byAction).map(([action, s]) => [action, s.calls]));
  return { ...r, calls };
}

/** The lines of one rule's block in the text: its head and the indented lines below it. */
function ruleBlock(stdout: string, ruleId: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^  [✓✗?] ${ruleId}\\b`).test(l));
  expect(start).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('      '));
  return lines.slice(start, end);
}

describe('autotag explain (built, run as a process)', () => {
  it('--help shows usage, examples and the exit codes', async () => {
    const r = await runCli(['explain', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: autotag explain [options] <assets...>');
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toMatch(/1 {2}an asset was not found, several assets have the name/);
  });

  describe('with rules/governance.yaml', () => {
    it('shows a table\'s facts, every rule with each condition it tested, and what a plan does; reading only that table', async () => {
      const r = await explain(GOVERNANCE, `sales_dw.${DIM_CUSTOMER.name}`);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`table dim_customer · ${DIM_CUSTOMER.id} (named "sales_dw.dim_customer")`);
      expect(r.stdout).toMatch(/workspace +91234\n +env +Prod\n +owner +alice\n +details +fetched, because a rule's outcome depended on them\n +tags now +classification=confidential, team=bi/);
      expect(r.stdout).toContain('Rules: 2 of 14 match');
      expect(ruleBlock(r.stdout, 'layer-dim')).toEqual(['  ✓ layer-dim', '      ✓ name: dim_* · saw dim_customer', '      → layer=dim: bind']);
      expect(ruleBlock(r.stdout, 'pii-detect')).toEqual([
        '  ✗ pii-detect — Tables about people hold personal data (scratch copies excepted)',
        '      ✓ type: table · saw table',
        '      ✗ name: /^(ods|dwd|dim)_(user|member|customer)_/ · saw dim_customer',
        '      ✓ not',
        '        ✗ name: *_tmp or *_bak · saw dim_customer',
      ]);
      expect(ruleBlock(r.stdout, 'classification-default')).toContain('      ✗ tags: lacks classification · saw classification=confidential');
      expect(ruleBlock(r.stdout, 'classification-finance')).toEqual([
        '  ✗ classification-finance · priority 10 — Finance data is confidential and belongs to finance',
        '      ✓ type: table · saw table',
        '      ✗ any',
        '        ✗ name: *_finance_* or *_ledger_* · saw dim_customer',
        '        ✗ owner: fin_etl or fin_analyst · saw alice',
      ]);
      expect(ruleBlock(r.stdout, 'team-growth-tables')).toContain('      → team=growth: conflict with team=bi: skipped, the current value stays (onConflict skip)');
      expect(ruleBlock(r.stdout, 'lifecycle-active')).toEqual(['  ✗ lifecycle-active', '      ✗ type: task · saw table', '      ✓ env: Prod · saw Prod']);
      expect(r.stdout).toContain('  A plan would:\n    + bind      layer=dim  (rule layer-dim)\n    ! conflict  team: bi → growth (skip)  (rule team-growth-tables)');
      // ListTables in its project, its tags, and GetTable because owner rules decide
      expect(r.calls).toEqual({ ListTables: 1, ListDataAssets: 1, GetTable: 1 });
      expect(r.stdout).toContain('Explained 1 of 1 asset named with 14 rules of data-platform-governance · API calls: 3 (');
    });

    it('says where it looked for what the sources never read, and exits 1 while explaining the rest', async () => {
      const r = await explain(GOVERNANCE, String(FIXED_TASK.id), TMP_UPLOAD.name);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`✗ "${FIXED_TASK.id}": not found in tasks of workspace 10001 (Prod, Dev), tasks of workspace 10002 (Prod, Dev), tagged assets`);
      expect(r.stdout).toContain(`table tmp_customer_upload · ${TMP_UPLOAD.id}\n`);
      expect(r.stdout).toContain('Explained 1 of 2 assets named');
    });
  });

  describe('with a rule file of owners, pending tags, priorities and conflicts', () => {
    it('shows the pending tag a rule builds on, the priority that decides a key, and both kinds of conflict', async () => {
      const r = await explain(RULES, DIM_CUSTOMER.id);
      expect(r.code).toBe(0);
      expect(ruleBlock(r.stdout, 'personal-restricted')).toEqual([
        '  ✓ personal-restricted · priority 20 · onConflict overwrite',
        '      ✓ type: table · saw table',
        '      ✓ tags: has pii=true · saw pii=true (pending, from dim-pii)',
        '      → classification=restricted: conflict with classification=confidential: overwritten (onConflict overwrite)',
      ]);
      expect(ruleBlock(r.stdout, 'open-unless-pii')).toContain('      ✗ tags: lacks pii · saw pii=true (pending, from dim-pii)');
      expect(ruleBlock(r.stdout, 'tables-internal')).toContain('      → classification=internal: lost to personal-restricted (priority 20 over 5), which sets restricted');
      expect(ruleBlock(r.stdout, 'team-alice')).toEqual([
        '  ✓ team-alice',
        '      ✓ type: table · saw table',
        '      ✓ owner: alice · saw alice',
        '      → team=growth: conflict with team=bi: skipped, the current value stays (onConflict skip)',
      ]);
      expect(r.stdout).toContain(
        [
          '  A plan would:',
          '    ! conflict  classification: confidential → restricted (overwrite)  (rule personal-restricted)',
          '    + bind      pii=true  (rule dim-pii)',
          '    ! conflict  team: bi → growth (skip)  (rule team-alice)',
        ].join('\n'),
      );
      expect(r.calls).toEqual({ ListTables: 1, ListDataAssets: 1, GetTable: 1 });
    });

    it('prints one JSON document with a formatVersion, the same explanation as data', async () => {
      const r = await explain(RULES, DIM_CUSTOMER.id, String(FIXED_TASK.id), '--json');
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as ExplainDocument;
      expect(doc).toMatchObject({ formatVersion: 1, ruleSet: 'explain-test', rules: ['dim-pii', 'personal-restricted', 'open-unless-pii', 'tables-internal', 'team-alice', 'ods-layer', 'owner-layer'] });
      const [table, task] = doc.assets.map((a) => (a.outcome === 'explained' ? a.explanation : undefined));
      expect(table?.rules.find((x) => x.ruleId === 'personal-restricted')).toMatchObject({ verdict: 'match', pending: [{ key: 'pii', value: 'true', ruleId: 'dim-pii' }] });
      expect(table?.rules.find((x) => x.ruleId === 'tables-internal')?.tags).toEqual([{ key: 'classification', value: 'internal', fate: 'overridden', winningRuleId: 'personal-restricted', winningValue: 'restricted' }]);
      // a task found by ListTasks comes with its owner: nothing more to fetch
      expect(task).toMatchObject({ details: 'listed', asset: { id: String(FIXED_TASK.id), owner: FIXED_TASK.owner, projectId: 91234, envType: 'Prod' } });
      expect(task?.rules.find((x) => x.ruleId === 'owner-layer')?.tags).toEqual([{ key: 'layer', value: 'ods', fate: 'shared', winningRuleId: 'ods-layer' }]);
      expect(task?.result).toEqual([{ key: 'layer', value: 'ods', ruleId: 'ods-layer', fate: 'bind' }]);
      expect(doc.api.calls).toMatchObject({ ListTables: 1, ListTasks: 1, GetTable: 1 });
      expect(r.calls).toEqual({ ListTables: 1, ListTasks: 1, ListDataAssets: 2, GetTable: 1 });
    });

    it('lists the assets a name two of them have, and explains neither', async () => {
      const r = await explain(RULES, FIXED_TASK.name);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(
        [`✗ "${FIXED_TASK.name}": 2 assets have this name; name one by its id:`, `    table ${TASK_TWIN.id}`, `    task ${FIXED_TASK.id} (workspace 91234 Prod)`].join('\n'),
      );
      expect(r.stdout).not.toContain('Rules:');
      expect(r.calls).toEqual({ ListTables: 2, ListTasks: 1, ListDataAssets: 2 });
    });

    it('refuses a name that cannot be one with exit 2, before any call', async () => {
      const r = await explain(RULES, 'maxcompute-table:sales_dw', '--json');
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'INVALID_INPUT', issues: [{ field: 'assets[0]' }] } });
      expect(r.calls).toEqual({});
    });
  });
});
