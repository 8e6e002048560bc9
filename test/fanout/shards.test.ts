import { InvalidInputError } from '../../shared/errors';
import { checkShard, planShards, shardSpecs, type ShardOptions } from '../../shared/fanout/shards';
import type { Sources } from '../../shared/discovery';
import type { RuleSet } from '../../shared/rules/types';
import { parseScheduledEvent } from '../../shared/triggers/timer';

function ruleSet(sources: Sources): RuleSet {
  return {
    version: 1,
    name: 'default',
    tagKeys: [{ key: 'owner-team' }],
    sources,
    rules: [{ id: 'r1', match: { type: 'table' }, tags: { 'owner-team': 'data' }, onConflict: 'skip', priority: 0 }],
    settings: { maxBindings: 1000 },
  };
}

const all = ruleSet({
  tasks: { projects: [91234, 10001], env: ['Prod', 'Dev'] },
  tables: { maxcomputeProjects: ['sales_dw', 'user_dw'], assetIdFormat: 'metaEntityId' },
  tagged: { env: 'Prod' },
});

const options = (over: Partial<ShardOptions> = {}): ShardOptions => ({ policy: 'auto', minAssets: 1000, scope: { ruleSet: 'default' }, runId: 'run-7', ...over });

describe('fanout/shards', () => {
  describe('shardSpecs', () => {
    it('cuts the sources into one slice per workspace and env, per MaxCompute project, plus the tagged assets', () => {
      expect(shardSpecs(all)).toEqual([
        { source: 'tasks', projectId: 91234, env: 'Prod' },
        { source: 'tasks', projectId: 91234, env: 'Dev' },
        { source: 'tasks', projectId: 10001, env: 'Prod' },
        { source: 'tasks', projectId: 10001, env: 'Dev' },
        { source: 'tables', maxcomputeProject: 'sales_dw' },
        { source: 'tables', maxcomputeProject: 'user_dw' },
        { source: 'tagged' },
      ]);
    });

    it('keeps only the workspaces a run is narrowed to', () => {
      expect(shardSpecs(all, [10001]).filter((s) => s.source === 'tasks')).toEqual([
        { source: 'tasks', projectId: 10001, env: 'Prod' },
        { source: 'tasks', projectId: 10001, env: 'Dev' },
      ]);
    });
  });

  describe('planShards', () => {
    it('shards when the counted catalog reaches the threshold, each payload a shard scope keeping the run narrowing', () => {
      const plan = planShards(all, options({ estimatedAssets: 5000, scope: { ruleSet: 'default', ruleIds: ['r1'], dryRun: true, mode: 'full' } }));
      expect(plan.reason).toBe('7 shards: 5000 assets counted, at least 1000');
      expect(plan.shards[0]).toEqual({
        ruleSet: 'default',
        ruleIds: ['r1'],
        dryRun: true,
        mode: 'shard',
        shard: { source: 'tasks', projectId: 91234, env: 'Prod' },
        fanOut: { parentRunId: 'run-7', shards: 7 },
      });
      expect(plan.shards.map((s) => s.shard)).toEqual(shardSpecs(all));
    });

    it('makes payloads the scheduled function parses back as shard runs', () => {
      for (const shard of planShards(all, options({ policy: 'always' })).shards) {
        expect(parseScheduledEvent(Buffer.from(JSON.stringify(shard)))).toEqual({ via: 'invoke', scope: shard });
      }
    });

    it.each([
      ['the catalog is small', options({ estimatedAssets: 999 }), '999 assets counted, fewer than 1000'],
      ['the catalog was not counted', options(), 'the catalog was not counted'],
      ['sharding is "never"', options({ policy: 'never', estimatedAssets: 10 ** 6 }), 'sharding is "never"'],
      ['the run is already a shard', options({ policy: 'always', scope: { mode: 'shard', shard: { source: 'tagged' } } }), 'the run is already a shard'],
    ])('runs in place when %s', (_what, opts, reason) => {
      expect(planShards(all, opts)).toEqual({ shards: [], reason });
    });

    it('runs in place when the sources make a single slice, even with "always"', () => {
      expect(planShards(ruleSet({ tagged: {} }), options({ policy: 'always' }))).toEqual({ shards: [], reason: 'the sources make 1 slice: nothing to split' });
    });
  });

  describe('checkShard', () => {
    it('accepts the slices the rule set has', () => {
      expect(() => checkShard(all, { source: 'tasks', projectId: 10001, env: 'Dev' })).not.toThrow();
      expect(() => checkShard(all, { source: 'tables', maxcomputeProject: 'user_dw' })).not.toThrow();
      expect(() => checkShard(all, { source: 'tagged' })).not.toThrow();
    });

    it('refuses a shard outside the rule set (a stale payload after the rule set changed)', () => {
      expect(() => checkShard(all, { source: 'tasks', projectId: 777, env: 'Prod' })).toThrow(InvalidInputError);
      expect(() => checkShard(all, { source: 'tables', maxcomputeProject: 'other' })).toThrow(/MaxCompute project other/);
      expect(() => checkShard(ruleSet({ tasks: { projects: [1], env: ['Prod'] } }), { source: 'tagged' })).toThrow(/no tagged source/);
    });
  });
});
