/**
 * The targets source: the assets an event names, re-read from the API (an event is a hint, never the truth
 * about an asset). A task event names no environment, so a task is looked for in Prod, then Dev. Assets not
 * found are reported after the others were read, never dropped silently. Each named asset is one page, so a
 * run cut short counts the named assets it never read.
 */
import { AssetNotFoundError } from '../../errors';
import { ASSET_KIND_NAMES, LIMITS, type DataWorksApi, type EnvType, type Task } from '../../dataworks';
import { maxcomputeParent, withTableTags, withTaskTags } from '../assets';
import type { AssetRef, AssetView } from '../types';
import type { EventSource, ReadContext } from './source';

async function findTask(api: DataWorksApi, projectId: number, taskId: number, env?: EnvType): Promise<{ task: Task; env: EnvType } | undefined> {
  for (const e of env ? [env] : (['Prod', 'Dev'] as const)) {
    const page = await api.listTasks({ projectId, projectEnv: e, ids: [taskId], pageNumber: 1, pageSize: LIMITS.pageSize });
    const task = page.items.find((t) => t.id === taskId);
    if (task) return { task, env: e };
  }
  return undefined;
}

/** The named asset re-read with its current tags, or why it was not found. */
async function readTarget(ctx: ReadContext, ref: AssetRef): Promise<AssetView[] | string> {
  const { api } = ctx;
  if (ref.kind === 'task') {
    const found = ref.projectId === undefined ? undefined : await findTask(api, ref.projectId, ref.taskId, ref.env);
    if (found) return withTaskTags(ctx.currentTags, [found.task], found.env);
    return `task ${ref.taskId}${ref.projectId === undefined ? ' (no workspace in the event)' : ` in workspace ${ref.projectId}`}`;
  }
  const page = await api.listTables({ parentMetaEntityId: maxcomputeParent(ref.maxcomputeProject), name: ref.tableName, pageNumber: 1, pageSize: LIMITS.pageSize });
  const tables = page.items.filter((t) => t.name === ref.tableName);
  return tables.length ? withTableTags(ctx.currentTags, ctx.tableIdFormat, tables, ref.maxcomputeProject) : `table ${ref.maxcomputeProject}.${ref.tableName}`;
}

/** One page per named asset (an empty one for an asset not found), so a run cut short knows how many are left. */
async function* targetPages(ctx: ReadContext, refs: readonly AssetRef[], from: number) {
  const missing: string[] = [];
  for (let i = from - 1; i < refs.length; i++) {
    const found = await readTarget(ctx, refs[i]);
    if (typeof found === 'string') missing.push(found);
    yield { page: i + 1, assets: typeof found === 'string' ? [] : found, left: refs.length - i - 1, last: i === refs.length - 1 };
  }
  if (missing.length) throw new AssetNotFoundError(missing);
}

export const targets: EventSource = {
  label: 'named by events',
  description: 'the assets an event names, re-read from the API',
  kinds: ASSET_KIND_NAMES,
  partitions: (refs) => [{ label: `targets (${refs.length})`, read: (ctx, from) => targetPages(ctx, refs, from) }],
  ramActions: [
    { action: 'ListTasks', why: 'event-driven runs re-read the tasks events name' },
    { action: 'ListTables', why: 'event-driven runs re-read the tables events name' },
    { action: 'GetTable', why: 'reads the owner and workspace of a table an event names' },
  ],
};
