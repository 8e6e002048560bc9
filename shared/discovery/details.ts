/**
 * Fetches what listing calls do not return, only for assets whose rules need it: a table's owner and
 * workspace (GetTable), a task's owner when it was found through ListDataAssets (ListTasks by Ids).
 * Results are cached for the run. An owner that cannot be read becomes `null`: it never matches an owner
 * condition and is counted, never guessed.
 */
import { type DataWorksApi, LIMITS } from '../dataworks';
import { InvalidRequestError, UnexpectedResponseError } from '../errors';
import { chunk, forEachLimit } from '../concurrency';
import type { AssetView } from './types';

type Detail = Pick<AssetView, 'owner' | 'projectId' | 'envType'>;

export interface DetailResolver {
  /** returns the views with owner (and, for tables, workspace and env) filled in */
  resolve(assets: AssetView[]): Promise<AssetView[]>;
}

/** Errors that mean "this one asset cannot be read", as opposed to a broken run (permissions, network). */
const unreadable = (e: unknown) => e instanceof InvalidRequestError || e instanceof UnexpectedResponseError;

export function createDetailResolver(api: DataWorksApi, concurrency = 8): DetailResolver {
  const cache = new Map<string, Detail>();

  const resolveTables = async (tables: AssetView[]) => {
    const todo = [...new Set(tables.map((t) => t.metaEntityId ?? t.id))].filter((id) => !cache.has(id));
    await forEachLimit(todo, concurrency, async (id) => {
      try {
        const t = await api.getTable({ id });
        cache.set(id, { owner: t.owner ?? null, projectId: t.projectId, envType: t.envType });
      } catch (e) {
        if (!unreadable(e)) throw e;
        cache.set(id, { owner: null });
      }
    });
  };

  const resolveTasks = async (tasks: AssetView[]) => {
    const byProject = new Map<number, number[]>();
    for (const t of tasks) {
      if (cache.has(t.id)) continue;
      if (t.projectId === undefined) {
        cache.set(t.id, { owner: null });
        continue;
      }
      byProject.set(t.projectId, [...(byProject.get(t.projectId) ?? []), Number(t.id)]);
    }
    const calls = [...byProject].flatMap(([projectId, ids]) => chunk(ids, LIMITS.pageSize).map((part) => ({ projectId, part })));
    await forEachLimit(calls, concurrency, async ({ projectId, part }) => {
      for (const env of ['Prod', 'Dev'] as const) {
        const page = await api.listTasks({ projectId, projectEnv: env, ids: part, pageNumber: 1, pageSize: LIMITS.pageSize });
        for (const task of page.items) {
          if (part.includes(task.id)) cache.set(String(task.id), { owner: task.owner ?? null, projectId: task.projectId, envType: task.projectEnv ?? env });
        }
      }
      for (const id of part) if (!cache.has(String(id))) cache.set(String(id), { owner: null });
    });
  };

  return {
    async resolve(assets) {
      await resolveTables(assets.filter((a) => a.kind === 'table'));
      await resolveTasks(assets.filter((a) => a.kind === 'task'));
      return assets.map((a) => {
        const d = cache.get(a.kind === 'table' ? (a.metaEntityId ?? a.id) : a.id);
        if (!d) return { ...a, owner: null };
        return { ...a, owner: d.owner, projectId: a.projectId ?? d.projectId, envType: a.envType ?? d.envType };
      });
    },
  };
}
