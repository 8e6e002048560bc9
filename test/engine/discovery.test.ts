/**
 * Discovery as the engine uses it, against the emulator: owners fetched only for assets that reach an
 * owner condition, unreadable owners counted and never matched, event targets re-read and evaluated alone,
 * and a call rejected for one asset split until that asset stands alone.
 */
import { parseRuleSet } from '../../shared/rules';
import { applyPlan, buildPlan, runRules } from '../../shared/engine';
import { createLogger } from '../../shared/log';
import { startHarness, type Harness } from '../support/harness';

const ownerRules = `
version: 1
tagKeys: [{ key: team, values: [alpha] }]
sources:
  tables: { maxcomputeProjects: [sales_dw, user_dw] }
rules:
  - id: alice-ods
    match: { type: table, name: "ods_*", owner: alice }
    tags: { team: alpha }
`;

describe('engine discovery', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ assets: 3000, seed: 21 });
  });
  afterAll(() => h.stop());

  describe('owner conditions', () => {
    it('reads owners (GetTable) only for tables that pass the other conditions, and binds only the owner\'s tables', async () => {
      const catalog = h.emulator.catalog();
      const inScope = catalog.tables.filter((t) => ['sales_dw', 'user_dw'].includes(t.maxcomputeProject) && t.name.startsWith('ods_'));
      h.emulator.resetStats();
      const report = await runRules({ ruleSet: parseRuleSet(ownerRules, 'owners.yaml'), trigger: 'cli', dryRun: true }, h.deps());
      expect(h.emulator.calls().byAction.GetTable.calls).toBe(inScope.length);
      const bound = report.planDetail!.bindings.map((b) => b.assetId).sort();
      expect(bound).toEqual(inScope.filter((t) => t.owner === 'alice').map((t) => t.id).sort());
      expect(report.plan.ownerUnreadable).toBe(inScope.filter((t) => t.owner === null).length);
      expect(report.plan.ownerUnreadable).toBeGreaterThan(0);
    });
  });

  describe('the tagged source', () => {
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

  describe('event targets', () => {
    it('re-reads the named task and evaluates only it', async () => {
      const rules = `
version: 1
tagKeys: [{ key: classification, values: [internal] }]
sources:
  tasks: { projects: [91234] }
rules:
  - id: prod-tasks
    match: { type: task, env: Prod }
    tags: { classification: internal }
`;
      const lines: string[] = [];
      const logger = createLogger({ write: (l) => lines.push(l) });
      const report = await runRules(
        { ruleSet: parseRuleSet(rules, 'events.yaml'), trigger: 'event', targets: [{ kind: 'task', taskId: 700000000003, projectId: 91234 }] },
        h.deps({ logger }),
      );
      // without an audit sink, each change is a log line (in FC: the function's log store)
      const audit = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'tag changed');
      expect(audit).toEqual([expect.objectContaining({ audit: expect.objectContaining({ assetId: '700000000003', key: 'classification', oldValue: null, newValue: 'internal', ruleId: 'prod-tasks', trigger: 'event' }) })]);
      expect(report.plan.assetsScanned).toEqual({ targets: 1 });
      expect(report.result.applied).toBe(1);
      const bound = h.emulator.catalog().bindings.filter((b) => b.assetId === '700000000003');
      expect(bound).toEqual([expect.objectContaining({ key: 'classification', value: 'internal' })]);
    });
  });

  describe('event targets not in Prod, or not at all', () => {
    const devRules = `
version: 1
tagKeys: [{ key: lifecycle, values: [draft] }]
sources:
  tasks: { projects: [91234, 10001, 10002, 10003], env: [Dev] }
rules:
  - id: dev-tasks
    match: { type: task, env: Dev }
    tags: { lifecycle: draft }
`;
    it('finds a task that only exists in Dev (the event names no env)', async () => {
      const dev = h.emulator.catalog().tasks.find((t) => t.projectEnv === 'Dev')!;
      const report = await runRules({ ruleSet: parseRuleSet(devRules, 'dev.yaml'), trigger: 'event', dryRun: true, targets: [{ kind: 'task', taskId: dev.id, projectId: dev.projectId }] }, h.deps());
      expect(report.planDetail!.bindings).toEqual([expect.objectContaining({ assetId: String(dev.id), envType: 'Dev', action: 'bind' })]);
      expect(report.status).toBe('ok');
      expect(report.sourceErrors).toEqual([]);
    });

    it('reports the assets an event names that the API does not know, and still runs the others', async () => {
      const dev = h.emulator.catalog().tasks.find((t) => t.projectEnv === 'Dev')!;
      const report = await runRules(
        {
          ruleSet: parseRuleSet(devRules, 'dev.yaml'),
          trigger: 'event',
          dryRun: true,
          targets: [
            { kind: 'task', taskId: 1, projectId: 91234 },
            { kind: 'table', maxcomputeProject: 'sales_dw', tableName: 'no_such_table' },
            { kind: 'task', taskId: dev.id, projectId: dev.projectId },
          ],
        },
        h.deps(),
      );
      expect(report.plan.assetsScanned.targets).toBe(1);
      expect(report.status).toBe('partial');
      expect(report.sourceErrors).toEqual([expect.objectContaining({ code: 'ASSET_NOT_FOUND', message: expect.stringContaining('task 1 in workspace 91234, table sales_dw.no_such_table') })]);
    });
  });

  describe('apply', () => {
    it('treats a tag key that already exists with the needed values as created (a create whose answer was lost)', async () => {
      const rules = `
version: 1
tagKeys: [{ key: owner-team, values: [data] }]
sources:
  tables: { maxcomputeProjects: [mkt_dw] }
rules:
  - id: all-dims
    match: { type: table, name: "dim_*" }
    tags: { owner-team: data }
`;
      const ruleSet = parseRuleSet(rules, 'lost-create.yaml');
      const deps = h.deps();
      const { plan } = await buildPlan({ ruleSet, trigger: 'cli', runId: 'lost' }, deps);
      expect(plan.tagKeys).toEqual([expect.objectContaining({ key: 'owner-team', action: 'create' })]);
      await deps.api.createDataAssetTag({ key: 'owner-team', values: ['data'] });
      const { results } = await applyPlan(plan, deps);
      expect(results.length).toBeGreaterThan(0);
      expect(results.every((r) => r.outcome === 'applied')).toBe(true);
    });

    it('splits a rejected call until the one bad asset is isolated, and reports it with its id and reason', async () => {
      const rules = `
version: 1
tagKeys: [{ key: classification, values: [public, restricted] }]
sources:
  tables: { maxcomputeProjects: [trade_dw] }
rules:
  - id: dims
    match: { type: table, name: "dim_*" }
    tags: { classification: public }
`;
      const ruleSet = parseRuleSet(rules, 'split.yaml');
      const deps = h.deps();
      const { plan } = await buildPlan({ ruleSet, trigger: 'cli', runId: 'split' }, deps);
      const binds = plan.bindings.filter((b) => b.action === 'bind');
      expect(binds.length).toBeGreaterThan(2);
      // Another writer binds a different value on one asset between plan and apply.
      const victim = binds[Math.floor(binds.length / 2)];
      await deps.api.tagDataAssets({ dataAssetIds: [victim.assetId], dataAssetType: victim.assetType, tags: [{ key: 'classification', value: 'restricted' }] });

      const { results } = await applyPlan(plan, deps);
      const failed = results.filter((r) => r.outcome === 'failed');
      expect(failed).toHaveLength(1);
      expect(failed[0].assetId).toBe(victim.assetId);
      expect(failed[0].reason).toContain(victim.assetId);
      expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(binds.length - 1);
    });
  });
});
