/**
 * The targets source: the assets an event names, re-read from the API (an event is a hint, never the truth
 * about an asset). A task event names no environment, so a task is looked for in Prod, then Dev. Assets not
 * found are reported after the others were read, never dropped silently.
 */
import { AssetNotFoundError } from '../../errors';
import { ASSET_KIND_NAMES, LIMITS, type DataWorksApi, type EnvType, type Task } from '../../dataworks';
import { maxcomputeParent, withTableTags, withTaskTags } from '../assets';
import type { AssetRef } from '../types';
import type { EventSource, ReadContext } from './source';

async function findTask(api: DataWorksApi, projectId: number, taskId: number, env?: EnvType): Promise<{ task: Task; env: EnvType } | undefined> {
  for (const e of env ? [env] : (['Prod', 'Dev'] as const)) {
    const page = await api.listTasks({ projectId, projectEnv: e, ids: [taskId], pageNumber: 1, pageSize: LIMITS.pageSize });
    const task = page.items.find((t) => t.id === taskId);
    if (task) return { task, env: e };
  }
  return undefined;
}

async function* targetPages(ctx: ReadContext, refs: readonly AssetRef[]) {
  const { api } = ctx;
  const missing: string[] = [];
  for (const ref of refs) {
    if (ref.kind === 'task') {
      const found = ref.projectId === undefined ? undefined : await findTask(api, ref.projectId, ref.taskId, ref.env);
      if (found) yield await withTaskTags(api, [found.task], found.env);
      else missing.push(`task ${ref.taskId}${ref.projectId === undefined ? ' (no workspace in the event)' : ` in workspace ${ref.projectId}`}`);
    } else {
      const page = await api.listTables({ parentMetaEntityId: maxcomputeParent(ref.maxcomputeProject), name: ref.tableName, pageNumber: 1, pageSize: LIMITS.pageSize });
      const tables = page.items.filter((t) => t.name === ref.tableName);
      if (tables.length) yield await withTableTags(api, ctx.tableIdFormat, tables, ref.maxcomputeProject);
      else missing.push(`table ${ref.maxcomputeProject}.${ref.tableName}`);
    }
  }
  if (missing.length) throw new AssetNotFoundError(missing);
}

export const targets: EventSource = {
  label: 'named by events',
  description: 'the assets an event names, re-read from the API',
  kinds: ASSET_KIND_NAMES,
  partitions: (refs) => [{ label: `targets (${refs.length})`, read: (ctx) => targetPages(ctx, refs) }],
  ramActions: [
    { action: 'ListTasks', why: 'event-driven runs re-read the tasks events name' },
    { action: 'ListTables', why: 'event-driven runs re-read the tables events name' },
    { action: 'GetTable', why: 'reads the owner and workspace of a table an event names' },
  ],
};
