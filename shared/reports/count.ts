/**
 * The size of each scope no source reads (shared/rules `unreadScopes`), for an on-demand coverage pass: one
 * ListTasks of one item per scope, whose TotalCount is the answer (a read like the run's own, under the same
 * budget). A scope the API will not count (no permission, a workspace that does not exist) keeps the reason.
 */
import { isAutotagError } from '../errors';
import type { DataWorksApi } from '../dataworks';
import type { UnreadScope } from '../rules';
import type { ScopeCount } from './unscanned';

export async function countUnreadScopes(api: DataWorksApi, scopes: readonly UnreadScope[]): Promise<Map<string, ScopeCount>> {
  const counts = new Map<string, ScopeCount>();
  for (const s of scopes) {
    try {
      counts.set(s.label, { assets: (await api.listTasks({ projectId: s.projectId, projectEnv: s.env, pageNumber: 1, pageSize: 1 })).totalCount });
    } catch (e) {
      if (!isAutotagError(e)) throw e;
      counts.set(s.label, { message: e.message });
    }
  }
  return counts;
}
