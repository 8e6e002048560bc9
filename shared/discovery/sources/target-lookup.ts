/**
 * Re-reading the assets events name, together rather than one by one: tasks by id, up to 100 per ListTasks
 * call of one workspace and env (Prod, then Dev for those not in Prod, unless the event named the env);
 * tables by name, one ListTables per table under its MaxCompute project (the API filters on one name), and
 * then the current tags of what was found, one ListDataAssets per 100 ids of a workspace's tasks or a
 * project's tables. The calls run concurrently; the client's read limiter sets the pace.
 *
 * Every asset ends in one of four lists: found; missing (the API does not show it: deleted, never deployed,
 * or not visible yet — a pre-event fires before the commit); invalid (the API refused to look it up as a bad
 * request, e.g. a MaxCompute project it does not know, or the event names too little to look it up: looking
 * again cannot help); unreadable (throttled or transient after the client's own retries: worth looking
 * again, like a missing one). What would fail for every asset alike (a permission, the credentials, the
 * deadline) is thrown.
 */
import { hasCode } from '../../errors';
import { LIMITS, paginate, type DataWorksApi, type EnvType, type Table, type Task } from '../../dataworks';
import { chunk, forEachLimit } from '../../concurrency';
import { maxcomputeParent, withTableTags, withTaskTags } from '../assets';
import { tagsFromApi } from '../current-tags';
import type { AssetRef, AssetView, TableAssetIdFormat } from '../types';

export interface RefusedTarget {
  ref: AssetRef;
  /** the error's code: the service's (InvalidParameter...) or autotag's */
  code: string;
  message: string;
}

export interface TargetLookup {
  found: { ref: AssetRef; asset: AssetView }[];
  missing: AssetRef[];
  invalid: RefusedTarget[];
  unreadable: RefusedTarget[];
}

type TaskRef = Extract<AssetRef, { kind: 'task' }>;
type TableRef = Extract<AssetRef, { kind: 'table' }>;

/** One key per asset an event can name (two events about one asset share it). */
export function targetKey(ref: AssetRef): string {
  return ref.kind === 'task' ? `task:${ref.taskId}` : `table:${ref.maxcomputeProject}.${ref.tableName}`;
}

/** The asset as people name it in reports and logs. */
export function describeTarget(ref: AssetRef): string {
  if (ref.kind === 'table') return `table ${ref.maxcomputeProject}.${ref.tableName}`;
  return `task ${ref.taskId}${ref.projectId === undefined ? ' (no workspace in the event)' : ` in workspace ${ref.projectId}`}`;
}

/** Calls at once; enough to keep a 50/s read budget busy over loopback or a region's latency. */
const LOOKUP_CONCURRENCY = 8;

/** Which list a failed lookup puts its assets in; anything else fails the whole lookup (other lookups of named assets sort their failures alike). */
export function listOf(e: unknown): { list: 'invalid' | 'unreadable'; code: string; message: string } {
  if (hasCode(e, 'API_INVALID_REQUEST')) return { list: 'invalid', code: e.serviceCode, message: e.message };
  if (hasCode(e, 'API_THROTTLED') || hasCode(e, 'API_TRANSIENT')) return { list: 'unreadable', code: e.serviceCode, message: e.message };
  throw e;
}

/** Collects the four lists. */
class Lookup {
  readonly out: TargetLookup = { found: [], missing: [], invalid: [], unreadable: [] };

  /** Runs one step for `refs`, which adds to the lists only once all its calls answered; false when it failed (`refs` are then refused). */
  async settle(refs: readonly AssetRef[], step: () => Promise<void>): Promise<boolean> {
    try {
      await step();
      return true;
    } catch (e) {
      const { list, code, message } = listOf(e);
      this.out[list].push(...refs.map((ref) => ({ ref, code, message })));
      return false;
    }
  }
}

/** Tasks of one workspace (and env, when the event named it), at most 100 ids. */
async function lookUpTasks(api: DataWorksApi, lookup: Lookup, projectId: number, refs: TaskRef[], env: EnvType | undefined): Promise<void> {
  let pending = refs;
  for (const e of env ? [env] : (['Prod', 'Dev'] as const)) {
    const asked = pending;
    const answered = await lookup.settle(asked, async () => {
      const page = await api.listTasks({ projectId, projectEnv: e, ids: asked.map((r) => r.taskId), pageNumber: 1, pageSize: LIMITS.pageSize });
      const byId = new Map<number, Task>(page.items.map((t) => [t.id, t]));
      const found = asked.filter((r) => byId.has(r.taskId));
      const views = found.length ? await withTaskTags(tagsFromApi(api), found.map((r) => byId.get(r.taskId)!), e) : [];
      found.forEach((ref, i) => lookup.out.found.push({ ref, asset: views[i] }));
      pending = asked.filter((r) => !byId.has(r.taskId));
    });
    if (!answered) return;
    if (!pending.length) return;
  }
  lookup.out.missing.push(...pending);
}

/** One table by name under its MaxCompute project (the name filter may match others: the exact one is kept). */
async function listTable(api: DataWorksApi, ref: TableRef): Promise<Table | undefined> {
  const pages = paginate((pageNumber, pageSize) => api.listTables({ parentMetaEntityId: maxcomputeParent(ref.maxcomputeProject), name: ref.tableName, pageNumber, pageSize }));
  for await (const items of pages) {
    const table = items.find((t) => t.name === ref.tableName);
    if (table) return table;
  }
  return undefined;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.values()];
}

export async function lookUpTargets(api: DataWorksApi, refs: readonly AssetRef[], format: TableAssetIdFormat): Promise<TargetLookup> {
  const lookup = new Lookup();
  const tasks = refs.filter((r): r is TaskRef => r.kind === 'task');
  const tables = refs.filter((r): r is TableRef => r.kind === 'table');
  for (const ref of tasks.filter((r) => r.projectId === undefined)) {
    lookup.out.invalid.push({ ref, code: 'NO_WORKSPACE', message: 'the event names no workspace (projectId), and ListTasks needs one' });
  }

  const taskUnits = groupBy(
    tasks.filter((r) => r.projectId !== undefined),
    (r) => `${r.projectId}|${r.env ?? ''}`,
  ).flatMap((group) => chunk(group, LIMITS.maxIdsPerCall));
  const listed: { ref: TableRef; table: Table }[] = [];
  const units: (() => Promise<unknown>)[] = [
    ...taskUnits.map((group) => () => lookUpTasks(api, lookup, group[0].projectId!, group, group[0].env)),
    ...tables.map((ref) => () =>
      lookup.settle([ref], async () => {
        const table = await listTable(api, ref);
        if (table) listed.push({ ref, table });
        else lookup.out.missing.push(ref);
      }),
    ),
  ];
  await forEachLimit(units, LOOKUP_CONCURRENCY, async (unit) => void (await unit()));

  // ListTables reports no tags: read them per project, 100 ids a call
  const tagUnits = groupBy(listed, (l) => l.ref.maxcomputeProject).flatMap((group) => chunk(group, LIMITS.maxIdsPerCall));
  await forEachLimit(tagUnits, LOOKUP_CONCURRENCY, async (group) => {
    await lookup.settle(
      group.map((g) => g.ref),
      async () => {
        const views = await withTableTags(tagsFromApi(api), format, group.map((g) => g.table), group[0].ref.maxcomputeProject);
        group.forEach((g, i) => lookup.out.found.push({ ref: g.ref, asset: views[i] }));
      },
    );
  });
  // in the order the event named them, whichever call answered first
  const order = new Map(refs.map((r, i) => [r, i]));
  const byOrder = (a: AssetRef, b: AssetRef) => order.get(a)! - order.get(b)!;
  const { found, missing, invalid, unreadable } = lookup.out;
  return {
    found: found.sort((a, b) => byOrder(a.ref, b.ref)),
    missing: missing.sort(byOrder),
    invalid: invalid.sort((a, b) => byOrder(a.ref, b.ref)),
    unreadable: unreadable.sort((a, b) => byOrder(a.ref, b.ref)),
  };
}
