/** The tagged source against the emulator: the name keyword the rules agree on is pushed to ListDataAssets. */
import { parseRuleSet } from '../../shared/rules';
import { runRules, type PlanRecord } from '../../shared/engine';
import { suiteHarness } from '../support/harness';

describe('discovery/tagged', () => {
  const h = suiteHarness({ assets: 3000, seed: 21 });

  it('pushes the one name keyword every rule requires to ListDataAssets, and still checks each name', async () => {
    const rules = `
version: 1
tagKeys: [{ key: layer, values: [dim] }]
sources: { tagged: true }
rules:
  - id: dims
    match: { name: "dim_*" }
    tags: { layer: dim }
`;
    const catalog = h.emulator.catalog();
    const tagged = new Set(catalog.bindings.map((b) => b.assetId));
    const names = [...catalog.tables.map((t) => [t.id, t.name]), ...catalog.tasks.map((t) => [String(t.id), t.name])].filter(([id]) => tagged.has(id));
    const report = await runRules({ ruleSet: parseRuleSet(rules, 'tagged.yaml'), trigger: 'cli', dryRun: true }, h.deps());
    // the emulator's Name filter is a case-insensitive "contains": what it returns, and no more, is scanned
    expect(report.plan.assetsScanned.tagged).toBe(names.filter(([, n]) => n.toLowerCase().includes('dim_')).length);
    expect(report.plan.assetsScanned.tagged).toBeLessThan(names.length / 2);
    expect(report.planDetail!.bindings.every((b) => b.assetName.startsWith('dim_'))).toBe(true);
  });

  it('lists no tagged tasks of a workspace the tasks source lists in both envs: they would be read twice', async () => {
    const rules = `
version: 1
tagKeys: [{ key: layer, values: [ods, dim] }]
sources:
  tagged: { projects: [10001, 10002] }
  tasks: { projects: [10001], env: [Prod, Dev] }
rules:
  - id: ods-tasks
    match: { type: task, name: "ods_*" }
    tags: { layer: ods }
  - id: dims
    match: { name: "dim_*" }
    tags: { layer: dim }
`;
    const deps = h.deps();
    const listings: { projectId?: number; dataAssetType?: string }[] = [];
    const api = { ...deps.api, listDataAssets: (r: Parameters<typeof deps.api.listDataAssets>[0]) => (r.dataAssetIds ? undefined : listings.push(r), deps.api.listDataAssets(r)) };
    const report = await runRules({ ruleSet: parseRuleSet(rules, 'covered.yaml'), trigger: 'cli', dryRun: true }, { ...deps, api });
    // workspace 10001: only its tables are listed (its tasks come with the tasks source); 10002: both kinds
    expect(new Set(listings.map((l) => `${l.projectId} ${l.dataAssetType ?? 'any'}`))).toEqual(new Set(['10001 ACS::DataWorks::Table', '10002 any']));
    const catalog = h.emulator.catalog();
    const tagged = new Set(catalog.bindings.map((b) => b.assetId));
    const taggedTasks10001 = catalog.tasks.filter((t) => t.projectId === 10001 && tagged.has(String(t.id)));
    expect(taggedTasks10001.length).toBeGreaterThan(0);
    // and nothing is lost: every ods task of 10001 (through the tasks source) and each tagged one of 10002, once
    const ods = catalog.tasks.filter((t) => t.name.startsWith('ods_') && (t.projectId === 10001 || (t.projectId === 10002 && tagged.has(String(t.id)))));
    const t = report.plan.byRule['ods-tasks'];
    expect(t.bind + t.present + t.conflict).toBe(ods.length);
  });

  it('keeps the tags it passed over for the sources that list those assets, which then read none of them by id', async () => {
    const rules = (tagged: boolean) => `
version: 1
tagKeys: [{ key: layer, values: [ods, dwd] }]
sources:
  tagged: ${tagged}
  tasks: { projects: [91234, 10001, 10002, 10003], env: [Prod, Dev] }
  tables: { maxcomputeProjects: [sales_dw, sales_dw_dev, user_dw, user_dw_dev, trade_dw, trade_dw_dev, mkt_dw, mkt_dw_dev] }
rules:
  - id: ods
    match: { name: "ods_*" }
    tags: { layer: ods }
  - id: dwd
    match: { name: "dwd_*", tags: { lacks: [classification] } }
    tags: { layer: dwd }
`;
    const plan = async (tagged: boolean) => {
      const deps = h.deps();
      let byId = 0;
      const records: PlanRecord[] = [];
      const api = { ...deps.api, listDataAssets: (r: Parameters<typeof deps.api.listDataAssets>[0]) => ((byId += r.dataAssetIds ? 1 : 0), deps.api.listDataAssets(r)) };
      const report = await runRules({ ruleSet: parseRuleSet(rules(tagged), 'index.yaml'), trigger: 'cli', dryRun: true }, { ...deps, api, observer: { plan: (r) => records.push(r) } });
      const bindings = records.filter((r) => r.kind === 'binding').map((r) => JSON.stringify(r)).sort();
      return { report, byId, bindings };
    };
    const [withTagged, without] = [await plan(true), await plan(false)];
    expect(without.byId).toBeGreaterThan(0);
    expect(withTagged.byId).toBe(0);
    expect(withTagged.bindings).toEqual(without.bindings);
    expect(withTagged.report.plan.assetsScanned.tagged).toBe(0);
    expect(withTagged.report.api.calls.ListDataAssets).toBeLessThan(without.report.api.calls.ListDataAssets);
  });
});
