/**
 * Applying a plan against the emulator: a plan made by a dry run (its records) applied later, as a saved plan
 * is. A tag key whose create answer was lost counts as created; a call rejected for one asset is split until
 * that asset stands alone; an asset another writer changed since the plan is left alone and reported.
 */
import { parseRuleSet } from '../../shared/rules';
import { runRules, type BindingResult, type PlannedBinding, type PlanRecord } from '../../shared/engine';
import { suiteHarness, type Harness } from '../support/harness';

/** A dry run's records (the plan), and the bindings to write in it. */
async function planOf(h: Harness, rules: string, runId: string) {
  const records: PlanRecord[] = [];
  const ruleSet = parseRuleSet(rules, `${runId}.yaml`);
  await runRules({ ruleSet, trigger: 'cli', runId, dryRun: true }, { ...h.deps(), observer: { plan: (r) => records.push(r) } });
  const binds = records.filter((r): r is PlanRecord & PlannedBinding & { kind: 'binding' } => r.kind === 'binding' && r.action === 'bind');
  return { ruleSet, records, binds };
}

async function applyRecords(h: Harness, plan: Awaited<ReturnType<typeof planOf>>) {
  const results: BindingResult[] = [];
  const deps = h.deps();
  const report = await runRules({ ruleSet: plan.ruleSet, trigger: 'cli', plan: plan.records }, { ...deps, observer: { result: (r) => results.push(r) } });
  return { report, results };
}

const tablesRules = (key: string, values: string[], project: string, tags: string) => `
version: 1
tagKeys: [{ key: ${key}, values: [${values.join(', ')}] }]
sources:
  tables: { maxcomputeProjects: [${project}] }
rules:
  - id: dims
    match: { type: table, name: "dim_*" }
    tags: { ${tags} }
`;

describe('engine/apply', () => {
  // the split test binds over another writer's value on purpose: a Tag over a bound value (test/support/violations.ts)
  const h = suiteHarness({ assets: 3000, seed: 21, expectViolations: ['silent-overwrite'] });

  it('treats a tag key that already exists with the needed values as created (a create whose answer was lost)', async () => {
    const plan = await planOf(h, tablesRules('owner-team', ['data'], 'mkt_dw', 'owner-team: data'), 'lost');
    expect(plan.records.filter((r) => r.kind === 'tag-key')).toEqual([expect.objectContaining({ key: 'owner-team', action: 'create' })]);
    await h.deps().api.createDataAssetTag({ key: 'owner-team', values: ['data'] });
    const { results } = await applyRecords(h, plan);
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.outcome === 'applied')).toBe(true);
  });

  it('splits a rejected call until the one bad asset is isolated, and reports it with its id and reason', async () => {
    const plan = await planOf(h, tablesRules('classification', ['public', 'restricted'], 'trade_dw', 'classification: public'), 'split');
    expect(plan.binds.length).toBeGreaterThan(2);
    // The asset disappears between plan and apply: the server refuses any call that names it.
    const victim = plan.binds[Math.floor(plan.binds.length / 2)];
    h.emulator.delayAsset({ assetId: victim.assetId, visibleInMs: 3_600_000 });
    try {
      const { results } = await applyRecords(h, plan);
      const failed = results.filter((r) => r.outcome === 'failed');
      expect(failed).toHaveLength(1);
      expect(failed[0].assetId).toBe(victim.assetId);
      expect(failed[0].reason).toContain(victim.assetId);
      expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(plan.binds.length - 1);
    } finally {
      h.emulator.revealAsset(victim.assetId);
    }
  });

  it('leaves alone, and reports, an asset another writer bound to another value between plan and apply', async () => {
    const plan = await planOf(h, tablesRules('classification', ['public', 'restricted'], 'user_dw', 'classification: public'), 'drift');
    expect(plan.binds.length).toBeGreaterThan(2);
    const victim = plan.binds[Math.floor(plan.binds.length / 2)];
    await h.deps().api.tagDataAssets({ dataAssetIds: [victim.assetId], dataAssetType: victim.assetType, tags: [{ key: 'classification', value: 'restricted' }] });

    const { report, results } = await applyRecords(h, plan);
    expect(results.filter((r) => r.outcome === 'failed')).toEqual([]);
    expect(results.find((r) => r.assetId === victim.assetId)).toMatchObject({ outcome: 'skipped', code: 'CHANGED_CONCURRENTLY' });
    expect(report.concurrent).toEqual({ count: 1, changes: [{ assetId: victim.assetId, key: 'classification', planned: null, found: 'restricted', ruleId: 'dims' }] });
    expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(plan.binds.length - 1);
    const bound = h.emulator.catalog().bindings.find((b) => b.assetId === victim.assetId && b.key === 'classification');
    expect(bound?.value).toBe('restricted');
  });

  it('refuses a saved plan made with another version of the rule set, before any write', async () => {
    const plan = await planOf(h, tablesRules('layer', ['dim'], 'sales_dw', 'layer: dim'), 'stale');
    const changed = parseRuleSet(tablesRules('layer', ['dim', 'ods'], 'sales_dw', 'layer: dim'), 'stale.yaml');
    h.emulator.resetStats();
    await expect(runRules({ ruleSet: changed, trigger: 'cli', plan: plan.records }, h.deps())).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(h.emulator.calls().writeCalls).toBe(0);
  });
});
