/**
 * Fetches what listing calls do not return, only for assets whose rules need it: a table's owner and
 * workspace (GetTable), a task's owner when it was found through ListDataAssets (ListTasks by Ids).
 * A table's details come from the table-details cache (table-cache/) when it holds a fresh entry read at the
 * ModifyTime listed now, and what is read goes into it; within the run the last details read are kept too.
 *
 * An owner that cannot be read becomes `null`: it never matches an owner condition and is counted, never
 * guessed. A read that fails after its retries fails only its own asset: its details are unreadable, the
 * failure is logged and kept for the engine's report (`takeFailures`), and the partition goes on. Only what
 * fails every read alike — credentials, permissions, the deadline, a bug — is thrown.
 */
import { type AssetKind, type DataWorksApi, LIMITS } from '../dataworks';
import { breaksEveryRead, type AutotagError } from '../errors';
import { chunk, forEachLimit } from '../concurrency';
import { silentLogger, type Logger } from '../log';
import type { TableDetailsCache } from './table-cache/table-cache';
import type { AssetView } from './types';

type Detail = Pick<AssetView, 'owner' | 'projectId' | 'envType'>;

/** One asset whose details could not be read. */
export interface DetailFailure {
  assetId: string;
  kind: AssetKind;
  name: string;
  /** autotag's error code, e.g. API_TRANSIENT */
  code: string;
  /** the service's, e.g. ServiceUnavailable, when the service answered */
  serviceCode?: string;
  message: string;
}

export interface DetailResolver {
  /** returns the views with owner (and, for tables, workspace and env) filled in */
  resolve(assets: AssetView[]): Promise<AssetView[]>;
  /** the assets whose details could not be read since the last call, each once (they were evaluated as unreadable) */
  takeFailures(): DetailFailure[];
  /** writes what the table-details cache learned: call it before a run (or a piece of one) returns */
  flush(): Promise<void>;
}

export interface DetailResolverOptions {
  /** detail reads in flight at once (default 8; the read limiter still sets the pace) */
  concurrency?: number;
  /** table details kept across runs */
  cache?: TableDetailsCache;
  logger?: Logger;
}

/** details kept for the run: enough for the pages in flight (each asset is evaluated once) */
const MEMO_SIZE = 10_000;

const keyOf = (a: AssetView) => (a.kind === 'table' ? (a.metaEntityId ?? a.id) : a.id);

export function createDetailResolver(api: DataWorksApi, options: DetailResolverOptions = {}): DetailResolver {
  const { concurrency = 8, cache, logger = silentLogger } = options;
  const memo = new Map<string, Detail>();
  let failures: DetailFailure[] = [];

  const learn = (found: Map<string, Detail>, key: string, detail: Detail) => {
    found.set(key, detail);
    memo.delete(key);
    memo.set(key, detail);
    if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
  };

  const fail = (found: Map<string, Detail>, asset: AssetView, e: unknown) => {
    if (breaksEveryRead(e)) throw e;
    const error = e as AutotagError & { serviceCode?: string };
    const failure: DetailFailure = { assetId: asset.id, kind: asset.kind, name: asset.name, code: error.code, serviceCode: error.serviceCode, message: error.message };
    failures.push(failure);
    logger.warn('the details of an asset could not be read; it is evaluated without them and the rest goes on', { ...failure });
    learn(found, keyOf(asset), { owner: null });
  };

  const resolveTables = async (tables: AssetView[], found: Map<string, Detail>) => {
    const todo = [...new Map(tables.filter((t) => !found.has(keyOf(t))).map((t) => [keyOf(t), t])).values()];
    const cached = cache ? await cache.lookup(todo.map((t) => ({ id: keyOf(t), modifyTime: t.modifyTime }))) : new Map();
    for (const [id, detail] of cached) learn(found, id, detail);
    await forEachLimit(
      todo.filter((t) => !found.has(keyOf(t))),
      concurrency,
      async (asset) => {
        const id = keyOf(asset);
        try {
          const t = await api.getTable({ id });
          const detail = { owner: t.owner ?? null, projectId: t.projectId, envType: t.envType };
          learn(found, id, detail);
          cache?.remember({ id, modifyTime: asset.modifyTime ?? t.modifyTime }, detail);
        } catch (e) {
          fail(found, asset, e);
        }
      },
    );
    await cache?.flushIfDue();
  };

  const resolveTasks = async (tasks: AssetView[], found: Map<string, Detail>) => {
    const byProject = new Map<number, AssetView[]>();
    for (const t of tasks) {
      if (found.has(t.id)) continue;
      if (t.projectId === undefined) learn(found, t.id, { owner: null });
      else byProject.set(t.projectId, [...(byProject.get(t.projectId) ?? []), t]);
    }
    const calls = [...byProject].flatMap(([projectId, assets]) => chunk(assets, LIMITS.pageSize).map((part) => ({ projectId, part })));
    await forEachLimit(calls, concurrency, async ({ projectId, part }) => {
      const ids = part.map((t) => Number(t.id));
      try {
        for (const env of ['Prod', 'Dev'] as const) {
          const page = await api.listTasks({ projectId, projectEnv: env, ids, pageNumber: 1, pageSize: LIMITS.pageSize });
          for (const task of page.items) {
            if (ids.includes(task.id)) learn(found, String(task.id), { owner: task.owner ?? null, projectId: task.projectId, envType: task.projectEnv ?? env });
          }
        }
      } catch (e) {
        for (const t of part) if (!found.has(t.id)) fail(found, t, e);
      }
      for (const t of part) if (!found.has(t.id)) learn(found, t.id, { owner: null });
    });
  };

  return {
    async resolve(assets) {
      const found = new Map<string, Detail>();
      for (const a of assets) {
        const known = memo.get(keyOf(a));
        if (known) found.set(keyOf(a), known);
      }
      await resolveTables(assets.filter((a) => a.kind === 'table'), found);
      await resolveTasks(assets.filter((a) => a.kind === 'task'), found);
      return assets.map((a) => {
        const d = found.get(keyOf(a));
        if (!d) return { ...a, owner: null };
        return { ...a, owner: d.owner, projectId: a.projectId ?? d.projectId, envType: a.envType ?? d.envType };
      });
    },
    takeFailures() {
      const taken = failures;
      failures = [];
      return taken;
    },
    flush: async () => cache?.flush(),
  };
}
