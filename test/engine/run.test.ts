/**
 * The engine end to end against the emulator: what a run binds is computed here independently from the
 * emulator's catalog (plain predicates, not the engine's matcher), then compared with the emulator's state.
 */
import type { Catalog } from '../../emulator';
import { parseRuleSet } from '../../shared/rules';
import { runRules, type AuditRecord, type RunReport } from '../../shared/engine';
import { startHarness, type Harness } from '../support/harness';

const TABLE_PROJECTS = ['sales_dw', 'sales_dw_dev', 'user_dw', 'user_dw_dev', 'trade_dw', 'trade_dw_dev', 'mkt_dw', 'mkt_dw_dev'];
const WORKSPACES = [91234, 10001, 10002, 10003];

const ruleSetText = (onConflict: 'skip' | 'overwrite', maxBindings = 100000) => `
version: 1
name: engine-test
tagKeys:
  - key: classification
    values: [public, internal, confidential, restricted]
  - key: pii
    values: ["true"]
  - key: sensitivity
    values: [high]
sources:
  tagged: true
  tasks: { projects: [${WORKSPACES.join(', ')}], env: [Prod, Dev] }
  tables: { maxcomputeProjects: [${TABLE_PROJECTS.join(', ')}] }
settings: { maxBindings: ${maxBindings} }
rules:
  - id: pii-user-tables
    match: { type: table, name: ["ods_user_*", "ods_member_*"], not: { name: "*_tmp_*" } }
    tags: { classification: confidential, pii: "true" }
    onConflict: ${onConflict}
  - id: public-dims
    match: { type: table, name: "dim_*" }
    tags: { classification: public }
  - id: prod-tasks-internal
    match: { type: task, env: Prod }
    tags: { classification: internal }
  - id: pii-is-sensitive
    match: { tags: { has: { pii: "true" } } }
    tags: { sensitivity: high }
`;

type Asset = { id: string; type: 'ACS::DataWorks::Table' | 'ACS::DataWorks::Task'; name: string; projectId: number; env: string; tags: Record<string, string> };

function assetsOf(catalog: Catalog): Asset[] {
  const tags = new Map<string, Record<string, string>>();
  for (const b of catalog.bindings) tags.set(b.assetId, { ...tags.get(b.assetId), [b.key]: b.value });
  return [
    ...catalog.tables.map((t) => ({ id: t.id, type: 'ACS::DataWorks::Table' as const, name: t.name, projectId: t.projectId, env: t.envType, tags: tags.get(t.id) ?? {} })),
    ...catalog.tasks.map((t) => ({ id: String(t.id), type: 'ACS::DataWorks::Task' as const, name: t.name, projectId: t.projectId, env: t.projectEnv, tags: tags.get(String(t.id)) ?? {} })),
  ];
}

/** The state the rule set implies, written without the engine: the expected tags of every asset. */
function expectedState(catalog: Catalog, piiOnConflict: 'skip' | 'overwrite'): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const a of assetsOf(catalog)) {
    const want: Record<string, string> = {};
    let overwrite = false;
    const isTable = a.type === 'ACS::DataWorks::Table';
    if (isTable && /^ods_(user|member)_/.test(a.name) && !a.name.includes('_tmp_')) {
      Object.assign(want, { classification: 'confidential', pii: 'true' });
      overwrite = piiOnConflict === 'overwrite';
    }
    if (isTable && a.name.startsWith('dim_')) want.classification = 'public';
    if (!isTable && a.env === 'Prod') want.classification = 'internal';
    const next = { ...a.tags };
    for (const [k, v] of Object.entries(want)) if (next[k] === undefined || overwrite) next[k] = v;
    if (next.pii === 'true' && next.sensitivity === undefined) next.sensitivity = 'high';
    out.set(a.id, next);
  }
  return out;
}

const stateOf = (catalog: Catalog) => new Map(assetsOf(catalog).map((a) => [a.id, a.tags]));

/** Independent count of the fewest TagDataAssets calls: assets grouped by type (+ workspace and env for tasks) and tag set. */
function minimumBindCalls(before: Catalog, after: Map<string, Record<string, string>>): number {
  const groups = new Map<string, number>();
  for (const a of assetsOf(before)) {
    const added = Object.entries(after.get(a.id) ?? {}).filter(([k]) => a.tags[k] === undefined).sort();
    if (!added.length) continue;
    const scope = a.type === 'ACS::DataWorks::Task' ? `${a.projectId}|${a.env}` : '';
    const sig = `${a.type}|${scope}|${JSON.stringify(added)}`;
    groups.set(sig, (groups.get(sig) ?? 0) + 1);
  }
  return [...groups.values()].reduce((n, size) => n + Math.ceil(size / 100), 0);
}

const writes = (h: Harness) => h.emulator.calls().writeCalls;

describe('engine/run', () => {
  describe('runRules on a 20,000-asset catalog', () => {
    let h: Harness;
    let before: Catalog;
    let first: RunReport;
    const audit: AuditRecord[] = [];
    beforeAll(async () => {
      h = await startHarness({ assets: 20000, seed: 11 });
      before = h.emulator.catalog();
      first = await runRules({ ruleSet: parseRuleSet(ruleSetText('skip'), 'test.yaml'), trigger: 'cli' }, { ...h.deps(), audit: (r) => audit.push(r) });
    });
    afterAll(() => h.stop());

    it('binds exactly what the rules imply, leaving conflicting values alone under skip', () => {
      expect(first.status).toBe('ok');
      expect(first.result.failed).toBe(0);
      expect(stateOf(h.emulator.catalog())).toEqual(expectedState(before, 'skip'));
    });

    it('reports conflicts and applies none of them', () => {
      expect(first.conflicts.length).toBeGreaterThan(0);
      const state = stateOf(h.emulator.catalog());
      for (const c of first.conflicts) {
        expect(c.resolution).toBe('skip');
        expect(state.get(c.assetId)?.[c.key]).toBe(c.currentValue);
      }
    });

    it('never sends more than 100 ids or 20 tags in one call', () => {
      const stats = h.emulator.calls();
      expect(stats.maxDataAssetIds).toBeLessThanOrEqual(100);
      expect(stats.maxTags).toBeLessThanOrEqual(20);
      expect(h.emulator.violations()).toEqual([]);
    });

    it('makes the fewest bind calls the grouping allows', () => {
      expect(h.emulator.calls().byAction.TagDataAssets.calls).toBe(minimumBindCalls(before, expectedState(before, 'skip')));
    });

    it('writes one audit line per applied binding, and one per tag key it created or extended', () => {
      const bindings = audit.filter((r) => r.kind === 'binding');
      expect(bindings).toHaveLength(first.result.applied);
      expect(bindings[0]).toMatchObject({ runId: first.runId, trigger: 'cli', oldValue: null, ruleSetHash: first.ruleSetHash });
      expect(audit.filter((r) => r.kind === 'tag-key')).toEqual([
        expect.objectContaining({ key: 'sensitivity', action: 'create', addedValues: ['high'], runId: first.runId, ruleSetHash: first.ruleSetHash }),
      ]);
    });

    it('makes zero write calls when run again on the unchanged catalog', async () => {
      h.emulator.resetStats();
      const again = await runRules({ ruleSet: parseRuleSet(ruleSetText('skip'), 'test.yaml'), trigger: 'cli' }, h.deps());
      expect(writes(h)).toBe(0);
      expect(again.plan.bind).toBe(0);
      expect(again.plan.present).toBe(first.plan.present + first.result.applied);
    });
  });

  describe('runRules with onConflict: overwrite', () => {
    it('replaces conflicting values and records old → new in the audit', async () => {
      const h = await startHarness({ assets: 3000, seed: 5 });
      try {
        const before = h.emulator.catalog();
        const audit: AuditRecord[] = [];
        const report = await runRules({ ruleSet: parseRuleSet(ruleSetText('overwrite'), 'test.yaml'), trigger: 'cli' }, { ...h.deps(), audit: (r) => audit.push(r) });
        expect(report.status).toBe('ok');
        expect(report.conflicts.filter((c) => c.resolution === 'overwrite').length).toBeGreaterThan(0);
        expect(stateOf(h.emulator.catalog())).toEqual(expectedState(before, 'overwrite'));
        expect(audit.some((r) => r.kind === 'binding' && r.oldValue === 'internal' && r.newValue === 'confidential')).toBe(true);
        expect(h.emulator.violations()).toEqual([]);
      } finally {
        await h.stop();
      }
    });
  });

  describe('runRules under faults', () => {
    it('reaches exactly the expected state after a run with 5% faults and lost responses and a re-run', async () => {
      const h = await startHarness({ assets: 4000, seed: 3, faults: { failRate: 0.05, kinds: ['5xx', 'reset', 'lostResponse'], seed: 9 } });
      try {
        const before = h.emulator.catalog();
        const deps = h.deps({ timeoutMs: 2000 });
        const first = await runRules({ ruleSet: parseRuleSet(ruleSetText('skip'), 'test.yaml'), trigger: 'cli' }, deps);
        expect(first.api.retries).toBeGreaterThan(0);
        await runRules({ ruleSet: parseRuleSet(ruleSetText('skip'), 'test.yaml'), trigger: 'cli' }, h.deps({ timeoutMs: 2000 }));
        expect(stateOf(h.emulator.catalog())).toEqual(expectedState(before, 'skip'));
        expect(h.emulator.violations()).toEqual([]);
      } finally {
        await h.stop();
      }
    });
  });

  describe('runRules guards', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ assets: 2000, seed: 4 });
    });
    afterAll(() => h.stop());

    it('stops before its first write when the plan exceeds maxBindings', async () => {
      h.emulator.resetStats();
      const report = await runRules({ ruleSet: parseRuleSet(ruleSetText('skip', 10), 'test.yaml'), trigger: 'cli' }, h.deps());
      expect(report.status).toBe('blocked');
      expect(report.stoppedBy?.code).toBe('GUARD_BLAST_RADIUS');
      expect(report.plan.plannedWrites).toBeGreaterThan(10);
      expect(writes(h)).toBe(0);
    });

    it('runs past the guard when the caller allows more bindings', async () => {
      const report = await runRules({ ruleSet: parseRuleSet(ruleSetText('skip', 10), 'test.yaml'), trigger: 'cli', dryRun: true, maxBindings: 1e6 }, h.deps());
      expect(report.status).toBe('ok');
    });

    it('writes nothing on a dry run and returns the plan', async () => {
      h.emulator.resetStats();
      const report = await runRules({ ruleSet: parseRuleSet(ruleSetText('skip'), 'test.yaml'), trigger: 'cli', dryRun: true }, h.deps());
      expect(writes(h)).toBe(0);
      expect(report.planDetail?.bindings.filter((b) => b.action === 'bind')).toHaveLength(report.plan.bind);
    });

    it('starts no call after the deadline and says the run was cut short', async () => {
      h.emulator.resetStats();
      const report = await runRules({ ruleSet: parseRuleSet(ruleSetText('skip'), 'test.yaml'), trigger: 'cli' }, h.deps({ deadline: Date.now() - 1 }));
      expect(report.status).toBe('deadline');
      expect(h.emulator.calls().total).toBe(0);
    });
  });
});
