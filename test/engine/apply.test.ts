/**
 * Applying a plan against the emulator: a tag key whose create answer was lost counts as created, and a call
 * rejected for one asset is split until that asset stands alone.
 */
import { parseRuleSet } from '../../shared/rules';
import { applyPlan, buildPlan } from '../../shared/engine';
import { suiteHarness } from '../support/harness';

describe('engine/apply', () => {
  // the split test binds over another writer's value on purpose: a Tag over a bound value (test/support/violations.ts)
  const h = suiteHarness({ assets: 3000, seed: 21, expectViolations: ['silent-overwrite'] });

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
