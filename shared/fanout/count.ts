/**
 * How large a full run is, before running it: one list call per shard slice, reading `TotalCount`
 * (the first page the run would fetch anyway). `planShards` uses the sum for its `auto` policy.
 */
import type { DataWorksApi } from '../dataworks';
import type { RuleSet } from '../rules';
import { shardSlices } from '../discovery';

export async function countCatalog(api: DataWorksApi, ruleSet: RuleSet, projects?: number[]): Promise<number> {
  const counts = await Promise.all(shardSlices(ruleSet.sources, projects).map((slice) => slice.count(api)));
  return counts.reduce((sum, n) => sum + n, 0);
}
