/**
 * Cutting a full run into shards, and a shard back into the rule set it runs. A shard is one slice of
 * the rule set's sources, each source cutting its own (shared/discovery/sources): one tasks workspace and
 * environment, one MaxCompute project of tables, the tagged assets. It is carried as a scheduled-run scope
 * (`mode: "shard"`), so the shard function parses it like a timer payload and never fans out again. Each
 * shard gets its own FC time budget; the API quotas stay shared (every shard carries the shard count, and
 * its limiter takes that share of the configured QPS), so sharding buys time, not speed.
 *
 * Overlap: the engine leaves a tagged asset to the tasks/tables source that also lists it; a shard runs the
 * whole rule set and reads only its slice (RunRequest.shard), so that rule still holds across shards.
 */
import { InvalidInputError } from '../errors';
import type { RuleSet } from '../rules';
import type { ShardingPolicy, RunScope } from './scope';
import { shardRefusal, shardSlices, type ShardSpec } from '../discovery';

export interface ShardOptions {
  policy: ShardingPolicy;
  /** `auto` shards when `estimatedAssets` reaches this */
  minAssets: number;
  /** assets counted before the run (`countCatalog`); `auto` does not shard without it */
  estimatedAssets?: number;
  /** the full run being split: its ruleSet, ruleIds, projects and dryRun are kept in every shard */
  scope: RunScope;
  /** the full run's id, carried by every shard so their logs and reports can be joined */
  runId: string;
}

export interface ShardPlan {
  /** empty = run in place */
  shards: RunScope[];
  reason: string;
}

/** Every slice of the rule set's sources, narrowed to `projects` (workspace ids) when given. */
export function shardSpecs(ruleSet: RuleSet, projects?: number[]): ShardSpec[] {
  return shardSlices(ruleSet.sources, projects).map((s) => s.key);
}

function decide(specs: ShardSpec[], options: ShardOptions): { split: boolean; reason: string } {
  const { scope, policy, estimatedAssets, minAssets } = options;
  if (scope.shard) return { split: false, reason: 'the run is already a shard' };
  if (policy === 'never') return { split: false, reason: 'sharding is "never"' };
  if (specs.length < 2) return { split: false, reason: `the sources make ${specs.length} slice${specs.length === 1 ? '' : 's'}: nothing to split` };
  if (policy === 'always') return { split: true, reason: 'sharding is "always"' };
  if (estimatedAssets === undefined) return { split: false, reason: 'the catalog was not counted' };
  const counted = `${estimatedAssets} assets counted`;
  return estimatedAssets >= minAssets
    ? { split: true, reason: `${counted}, at least ${minAssets}` }
    : { split: false, reason: `${counted}, fewer than ${minAssets}` };
}

/** Pure: which shard payloads a full run becomes, or none (with the reason). */
export function planShards(ruleSet: RuleSet, options: ShardOptions): ShardPlan {
  const specs = shardSpecs(ruleSet, options.scope.projects);
  const { split, reason } = decide(specs, options);
  if (!split) return { shards: [], reason };
  const { ruleSet: name, ruleIds, projects, dryRun } = options.scope;
  const base: RunScope = {
    ...(name !== undefined && { ruleSet: name }),
    ...(ruleIds && { ruleIds }),
    ...(projects && { projects }),
    ...(dryRun !== undefined && { dryRun }),
  };
  const fanOut = { parentRunId: options.runId, shards: specs.length };
  return { shards: specs.map((shard) => ({ ...base, mode: 'shard', shard, fanOut })), reason: `${specs.length} shards: ${reason}` };
}

/**
 * Refuses a shard the rule set does not have (a stale payload queued before the rule set changed). The shard
 * then runs the whole rule set with `RunRequest.shard` set: only its slice is read, and the other sources still
 * decide which shard owns an asset, so an asset listed by two sources is evaluated once.
 */
export function checkShard(ruleSet: RuleSet, shard: ShardSpec): void {
  const refusal = shardRefusal(ruleSet.sources, shard);
  if (refusal) throw new InvalidInputError([{ field: 'shard', message: refusal }], 'shard');
}
