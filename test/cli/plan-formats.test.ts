/**
 * What plan and apply print besides text, through the built CLI against the emulator: `--format csv` (a row
 * per planned binding, the same rows as the JSON lines; a row per binding outcome, streamed as the writes
 * settle; cells a spreadsheet would run as formulas guarded, read back by another parser), `--format json` as
 * `--json`, and `--detailed-exitcode` (4: the complete plan would change something; 0: nothing; other codes
 * as they are).
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCatalog, startEmulator, tableAssetId, type Catalog } from '../../emulator';
import type { PlannedBinding } from '../../shared/engine';
import { csvRecords, parseCsv } from '../support/csv';
import { startHoldingProxy } from '../support/holding-proxy';
import { jsonLines } from '../support/plan-lines';
import { credentialsEnv, finished, harnessForEachTest, ROOT, runCli, startCli } from './built-cli';

const RULES = join(ROOT, 'test', 'cli', 'fixtures', 'rules.yaml');
const READS = ['--read-qps', '1000'];
const WRITES = ['--write-qps', '500'];

/** A planned binding as the CSV's columns hold it. */
const planRow = (b: PlannedBinding): Record<string, string> => ({
  asset_id: b.assetId,
  asset_name: b.assetName,
  asset_type: b.assetType,
  workspace: b.projectId === undefined ? '' : String(b.projectId),
  env: b.envType ?? '',
  key: b.key,
  value: b.value,
  action: b.action,
  current_value: b.currentValue ?? '',
  resolution: b.resolution ?? '',
  rule: b.ruleId,
});
const sorted = (rows: Record<string, string>[]) => rows.map((r) => JSON.stringify(r)).sort();

describe('cli: --format and --detailed-exitcode', () => {
  const each = harnessForEachTest({ assets: 400, seed: 11 });
  const target = () => ['--endpoint', each.h.emulator.url, ...READS];

  it('plan --format csv: one row per planned binding, the same rows as the JSON lines, the report on stderr', async () => {
    const csv = await runCli(['plan', '--rules', RULES, '--format', 'csv', ...target()], each.env);
    expect(csv.code).toBe(0);
    const json = jsonLines((await runCli(['plan', '--rules', RULES, '--format', 'json', ...target()], each.env)).stdout);
    expect(csv.stdout.split('\r\n')[0]).toBe('asset_id,asset_name,asset_type,workspace,env,key,value,action,current_value,resolution,rule');
    const rows = csvRecords(csv.stdout);
    expect(rows.length).toBe(json.bindings.length);
    expect(sorted(rows)).toEqual(sorted(json.bindings.map(planRow)));
    expect(rows.some((r) => r.action === 'conflict' && r.current_value !== '' && r.resolution !== '')).toBe(true);
    expect(csv.stderr).toMatch(/Planned: scanned [\d,]+ assets .* → [\d,]+ writes/);
    expect(csv.stderr).toContain('Dry run: nothing was written.');
  });

  it('apply --format csv: one row per binding outcome, the applied ones being the writes the catalog got', async () => {
    const plan = jsonLines((await runCli(['plan', '--rules', RULES, '--json', ...target()], each.env)).stdout);
    const r = await runCli(['apply', '--rules', RULES, '--format', 'csv', ...target(), ...WRITES], each.env);
    expect(r.code).toBe(0);
    const [header] = parseCsv(r.stdout);
    expect(header).toEqual(['asset_id', 'key', 'value', 'rule', 'outcome', 'reason', 'code']);
    const rows = csvRecords(r.stdout);
    const applied = rows.filter((x) => x.outcome === 'applied').map((x) => `${x.asset_id} ${x.key}=${x.value}`);
    const writes = plan.bindings.filter((b) => b.action === 'bind' || b.resolution === 'overwrite').map((b) => `${b.assetId} ${b.key}=${b.value}`);
    expect(applied.sort()).toEqual(writes.sort());
    const bound = new Set(each.h.emulator.catalog().bindings.map((b) => `${b.assetId} ${b.key}=${b.value}`));
    expect(applied.every((a) => bound.has(a))).toBe(true);
    const skipped = rows.filter((x) => x.outcome === 'skipped');
    expect(skipped.length).toBe(plan.report.plan.conflict - plan.report.plan.overwrite);
    expect(skipped.every((x) => x.reason.startsWith('conflict:'))).toBe(true);
    expect(r.stderr).toContain(`Done: applied ${writes.length} ·`);
  });

  it('apply --format csv streams each outcome as its write settles', async () => {
    let tagCalls = 0;
    const proxy = await startHoldingProxy(each.h.emulator.url, (action) => action === 'TagDataAssets' && ++tagCalls > 1);
    try {
      const child = startCli(['apply', '--rules', RULES, '--format', 'csv', '--endpoint', proxy.url, ...READS, ...WRITES], each.env);
      const done = finished(child);
      let stdout = '';
      const rowsBeforeRelease = new Promise<number>((resolve) => {
        child.stdout!.on('data', (d: Buffer) => {
          stdout += d.toString();
          const rows = stdout.split('\r\n').length - 2;
          if (rows > 0) resolve(rows);
        });
      });
      await proxy.firstHeld;
      // a write call is held, and the outcomes of the first are out already
      expect(await rowsBeforeRelease).toBeGreaterThan(0);
      proxy.release();
      expect((await done).code).toBe(0);
    } finally {
      proxy.release();
      await proxy.stop();
    }
  });

  it('--detailed-exitcode: 4 while the plan would change something, 0 once applied; without it, 0 either way', async () => {
    expect((await runCli(['plan', '--rules', RULES, ...target()], each.env)).code).toBe(0);
    const changes = await runCli(['plan', '--rules', RULES, '--detailed-exitcode', ...target()], each.env);
    expect(changes.code).toBe(4);
    expect(changes.stdout).toContain('Apply it with:');
    expect((await runCli(['apply', '--rules', RULES, '--dry-run', '--json', '--detailed-exitcode', ...target()], each.env)).code).toBe(4);
    expect((await runCli(['apply', '--rules', RULES, ...target(), ...WRITES], each.env)).code).toBe(0);
    expect((await runCli(['plan', '--rules', RULES, '--detailed-exitcode', ...target()], each.env)).code).toBe(0);
  });

  it('--detailed-exitcode keeps 1 for a plan that could not read a source, and exits 2 on a run that writes', async () => {
    const rules = join(mkdtempSync(join(tmpdir(), 'autotag-formats-')), 'rules.yaml');
    writeFileSync(rules, readFileSync(RULES, 'utf8').replace('maxcomputeProjects: [sales_dw, user_dw]', 'maxcomputeProjects: [sales_dw, user_dw, no_such_dw]'));
    expect((await runCli(['plan', '--rules', rules, '--detailed-exitcode', ...target()], each.env)).code).toBe(1);
    each.h.emulator.resetStats();
    const r = await runCli(['apply', '--rules', RULES, '--detailed-exitcode', ...target()], each.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--detailed-exitcode: says whether a plan would change anything: use it with autotag plan or apply --dry-run');
    expect(each.h.emulator.calls().total).toBe(0);
  });

  it('exits 2 on --json with another --format, and on a format it does not know', async () => {
    const both = await runCli(['plan', '--rules', RULES, '--json', '--format', 'csv', ...target()], each.env);
    expect(both.code).toBe(2);
    expect(JSON.parse(both.stdout)).toMatchObject({ formatVersion: 1, error: { code: 'INVALID_INPUT', issues: [{ field: '--json' }] } });
    const unknown = await runCli(['plan', '--rules', RULES, '--format', 'xml', ...target()], each.env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Allowed choices are text, json, csv");
  });
});

describe('cli: CSV of assets with hostile names', () => {
  /** Names a spreadsheet would run, and names CSV must quote. */
  const NAMES = ['=HYPERLINK("http://evil.example","click")', '+cmd|calc', '-2+3', '@SUM(A1)', "'quoted", 'a,b', 'say "hi"', 'two\nlines', 'plain_name'];
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  beforeAll(async () => {
    const base = generateCatalog({ assets: 3, seed: 1 });
    const table = (name: string) => ({ ...base.tables[0], id: tableAssetId('sales_dw', name), name });
    const catalog: Catalog = { ...base, tables: NAMES.map(table), tasks: [], bindings: [] };
    emulator = await startEmulator({ catalog, readQps: 0, writeQps: 0 });
  });
  afterAll(() => emulator.stop());

  it('guards every cell a spreadsheet would run with a leading \', and reads back to the names as they are', async () => {
    const rules = join(mkdtempSync(join(tmpdir(), 'autotag-hostile-')), 'rules.json');
    writeFileSync(
      rules,
      JSON.stringify({ version: 1, tagKeys: [{ key: 'classification', values: ['internal'] }], sources: { tables: { maxcomputeProjects: ['sales_dw'] } }, rules: [{ id: 'all', match: { type: 'table' }, tags: { classification: 'internal' } }] }),
    );
    const r = await runCli(['plan', '--rules', rules, '--format', 'csv', '--endpoint', emulator.url, ...READS], credentialsEnv(emulator.credentials));
    expect(r.code).toBe(0);
    const raw = parseCsv(r.stdout).slice(1);
    const names = raw.map((row) => row[1]);
    for (const name of NAMES.filter((n) => /^[=+\-@']/.test(n))) expect(names).toContain(`'${name}`);
    expect(names).toContain('plain_name');
    expect(csvRecords(r.stdout).map((row) => row.asset_name).sort()).toEqual([...NAMES].sort());
  });
});
