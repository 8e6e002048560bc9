/**
 * The sources registry as fan-out relies on it: every slice a source cuts is a payload the shard schema reads
 * back and a shard the rule set accepts, and the shards of a run read, between them, each partition of the
 * whole run exactly once, under the source that cut the slice.
 */
import { ASSET_KIND_NAMES } from '../../shared/dataworks';
import { planPartitions, shardRefusal, shardSlices, shardSpecSchema, type DiscoveryScope, type Sources } from '../../shared/discovery';

const sources: Sources = {
  tagged: { projects: [91234, 10001] },
  tasks: { projects: [91234, 10001], env: ['Prod', 'Dev'] },
  tables: { maxcomputeProjects: ['sales_dw', 'user_dw'], assetIdFormat: 'metaEntityId' },
};
const scope: DiscoveryScope = { sources, kinds: new Set(ASSET_KIND_NAMES), hints: new Map() };
const keys = shardSlices(sources).map((s) => s.key);

describe('discovery/sources', () => {
  it('cuts every configured source into slices', () => {
    expect(new Set(keys.map((k) => k.source))).toEqual(new Set(['tagged', 'tasks', 'tables']));
  });

  it.each(keys.map((k) => [JSON.stringify(k), k]))('makes %s a payload the shard schema reads back, and a shard the rule set has', (_json, key) => {
    expect(shardSpecSchema.parse(JSON.parse(JSON.stringify(key)))).toEqual(key);
    expect(shardRefusal(sources, key)).toBeUndefined();
  });

  it('reads each partition of the whole run in exactly one shard, under the source that cut its slice', () => {
    const whole = planPartitions(scope).map((p) => `${p.source}: ${p.label}`);
    const perShard = keys.flatMap((shard) => planPartitions({ ...scope, shard }).map((p) => {
      expect(p.source).toBe(shard.source);
      return `${p.source}: ${p.label}`;
    }));
    expect(perShard.sort()).toEqual(whole.sort());
    expect(whole).toHaveLength(8); // tagged: one per workspace; tasks: one per workspace and env; tables: one per project
  });

  it('refuses a shard of a source the rule set does not configure, naming what is missing', () => {
    expect(shardRefusal({ tasks: sources.tasks }, { source: 'tables', maxcomputeProject: 'sales_dw' })).toMatch(/MaxCompute project sales_dw/);
  });
});
