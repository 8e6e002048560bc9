/** A run cut into shards plans exactly what the whole run plans, each asset in exactly one shard. */
import { parseRuleSet } from '../../shared/rules';
import { runRules, type PlannedBinding } from '../../shared/engine';
import { shardSpecs } from '../../shared/fanout';
import { suiteHarness } from '../support/harness';

const rules = `
version: 1
tagKeys:
  - { key: layer, values: [ods, dim] }
  - { key: classification, values: [internal] }
sources:
  tagged: true
  tasks: { projects: [91234, 10001], env: [Prod, Dev] }
  tables: { maxcomputeProjects: [sales_dw, user_dw] }
rules:
  - id: ods
    match: { name: "ods_*" }
    tags: { layer: ods }
  - id: dims
    match: { type: table, name: "dim_*" }
    tags: { layer: dim }
  - id: prod-tasks
    match: { type: task, env: Prod }
    tags: { classification: internal }
`;

const key = (b: PlannedBinding) => `${b.assetId}|${b.key}|${b.value}|${b.action}`;

describe('engine shards', () => {
  const h = suiteHarness({ assets: 3000, seed: 8 });

  it('plans, across all shards, exactly the whole run\'s bindings, no asset in two shards', async () => {
    const ruleSet = parseRuleSet(rules, 'shards.yaml');
    const whole = await runRules({ ruleSet, trigger: 'timer', dryRun: true }, h.deps());
    const specs = shardSpecs(ruleSet);
    expect(specs.length).toBeGreaterThan(4);
    const perShard = await Promise.all(specs.map((shard) => runRules({ ruleSet, trigger: 'timer', dryRun: true, shard }, h.deps())));
    const seen = new Map<string, number>();
    for (const r of perShard) for (const id of new Set(r.planDetail!.bindings.map((b) => b.assetId))) seen.set(id, (seen.get(id) ?? 0) + 1);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    const union = perShard.flatMap((r) => r.planDetail!.bindings.map(key)).sort();
    expect(union).toEqual(whole.planDetail!.bindings.map(key).sort());
    expect(perShard.find((r) => r.plan.assetsScanned.tagged !== undefined)?.plan.assetsEvaluated).toBeGreaterThan(0);
  });
});
