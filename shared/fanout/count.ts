/**
 * How large a full run is, before running it: one list call per shard slice, reading `TotalCount`
 * (the first page the run would fetch anyway). `planShards` uses the sum for its `auto` policy.
 */
import { LIMITS, type DataWorksApi } from '../dataworks';
import type { RuleSet } from '../rules';
import { maxcomputeParent } from '../discovery';
import { shardSpecs } from './shards';

export async function countCatalog(api: DataWorksApi, ruleSet: RuleSet, projects?: number[]): Promise<number> {
  const page = { pageNumber: 1, pageSize: LIMITS.pageSize };
  const { tagged } = ruleSet.sources;
  const counts = shardSpecs(ruleSet, projects).map(async (spec) => {
    switch (spec.source) {
      case 'tasks':
        return (await api.listTasks({ projectId: spec.projectId, projectEnv: spec.env, ...page })).totalCount;
      case 'tables':
        return (await api.listTables({ parentMetaEntityId: maxcomputeParent(spec.maxcomputeProject), ...page })).totalCount;
      case 'tagged': {
        const listed = tagged?.projects;
        const scoped = projects && listed ? projects.filter((p) => listed.includes(p)) : (projects ?? listed);
        const lists = (scoped ?? [undefined]).map((projectId) => api.listDataAssets({ projectId, envType: tagged?.env, ...page }));
        return (await Promise.all(lists)).reduce((sum, p) => sum + p.totalCount, 0);
      }
    }
  });
  return (await Promise.all(counts)).reduce((sum, n) => sum + n, 0);
}
