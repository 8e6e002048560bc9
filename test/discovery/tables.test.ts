/**
 * The tables source against the emulator: owners and workspaces read (GetTable) only for the tables whose
 * other conditions pass, unreadable owners counted and never matched, and a MaxCompute project that cannot
 * be listed reported while the others are read.
 */
import { parseRuleSet } from '../../shared/rules';
import { runRules } from '../../shared/engine';
import { suiteHarness } from '../support/harness';
import { aliceTablesRuleSet } from '../support/rule-sets';

describe('discovery: the tables source', () => {
  const h = suiteHarness({ assets: 3000, seed: 21 });

  describe('owner conditions', () => {
    /** the ods tables of both projects, and the tag each carries on the rule's key now */
    const inScope = () => {
      const catalog = h.emulator.catalog();
      const team = new Map(catalog.bindings.filter((b) => b.key === 'team').map((b) => [b.assetId, b.value]));
      return catalog.tables.filter((t) => ['sales_dw', 'user_dw'].includes(t.maxcomputeProject) && t.name.startsWith('ods_')).map((t) => ({ ...t, team: team.get(t.id) }));
    };

    it("reads owners (GetTable) only for tables that pass the other conditions and lack the rule's tag, and binds only the owner's tables", async () => {
      const tables = inScope();
      // a table carrying `team` already (the same value, or another one the rule skips) needs no owner: nothing it could say changes a write
      const open = tables.filter((t) => t.team === undefined);
      expect(open.length).toBeLessThan(tables.length);
      h.emulator.resetStats();
      const report = await runRules({ ruleSet: aliceTablesRuleSet(['sales_dw', 'user_dw'], 'ods_*'), trigger: 'cli', dryRun: true }, h.deps());
      expect(h.emulator.calls().byAction.GetTable.calls).toBe(open.length);
      expect(report.plan.detailsSkipped).toBe(tables.length - open.length);
      const bound = report.planDetail!.bindings.map((b) => b.assetId).sort();
      expect(bound).toEqual(open.filter((t) => t.owner === 'alice').map((t) => t.id).sort());
      expect(report.plan.ownerUnreadable).toBe(open.filter((t) => t.owner === null).length);
      expect(report.plan.ownerUnreadable).toBeGreaterThan(0);
    });

    it('still reads the owner of a table carrying another value when the rule would overwrite it', async () => {
      const tables = inScope();
      const needed = tables.filter((t) => t.team !== 'alpha');
      expect(needed.some((t) => t.team !== undefined)).toBe(true);
      h.emulator.resetStats();
      const report = await runRules({ ruleSet: aliceTablesRuleSet(['sales_dw', 'user_dw'], 'ods_*', 'overwrite'), trigger: 'cli', dryRun: true }, h.deps());
      expect(h.emulator.calls().byAction.GetTable.calls).toBe(needed.length);
      const overwritten = report.planDetail!.bindings.filter((b) => b.resolution === 'overwrite').map((b) => b.assetId).sort();
      expect(overwritten).toEqual(needed.filter((t) => t.team !== undefined && t.owner === 'alice').map((t) => t.id).sort());
    });
  });

  describe('workspace conditions on tables', () => {
    it('reads the workspace with GetTable only for untagged tables that pass the cheaper conditions, and matches on it', async () => {
      // two name patterns: nothing to push down to ListTables, so every table is listed and the name decides locally
      const rules = `
version: 1
tagKeys: [{ key: team, values: [sales] }]
sources:
  tables: { maxcomputeProjects: [sales_dw, user_dw] }
rules:
  - id: sales-workspace
    match: { type: table, projects: [91234], name: ["dws_*", "ads_*"] }
    tags: { team: sales }
`;
      const catalog = h.emulator.catalog();
      const tagged = new Set(catalog.bindings.map((b) => b.assetId));
      const listed = catalog.tables.filter((t) => ['sales_dw', 'user_dw'].includes(t.maxcomputeProject));
      const candidates = listed.filter((t) => t.name.startsWith('dws_') || t.name.startsWith('ads_'));
      expect(candidates.length).toBeLessThan(listed.length / 2);
      h.emulator.resetStats();
      const report = await runRules({ ruleSet: parseRuleSet(rules, 'workspace.yaml'), trigger: 'cli', dryRun: true }, h.deps());
      expect(h.emulator.calls().byAction.GetTable.calls).toBe(candidates.filter((t) => !tagged.has(t.id)).length);
      const expected = candidates.filter((t) => t.projectId === 91234).map((t) => t.id).sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(report.planDetail!.bindings.map((b) => b.assetId).sort()).toEqual(expected);
    });
  });

  describe('unreadable sources', () => {
    it('reports a MaxCompute project that cannot be listed and still runs the others', async () => {
      const rules = `
version: 1
tagKeys: [{ key: layer, values: [dim] }]
sources:
  tables: { maxcomputeProjects: [no_such_project, mkt_dw_dev] }
rules:
  - id: dims
    match: { type: table, name: "dim_*" }
    tags: { layer: dim }
`;
      const report = await runRules({ ruleSet: parseRuleSet(rules, 'missing.yaml'), trigger: 'cli', dryRun: true }, h.deps());
      expect(report.sourceErrors).toEqual([expect.objectContaining({ source: 'tables', partition: 'tables no_such_project', code: 'API_INVALID_REQUEST' })]);
      expect(report.plan.assetsScanned.tables).toBe(h.emulator.catalog().tables.filter((t) => t.maxcomputeProject === 'mkt_dw_dev' && t.name.includes('dim_')).length);
    });
  });
});
