/**
 * Finding assets that were never tagged (reference dataworks-discovery.md §2): ListTasks (form body,
 * `ProjectId` required, ProjectEnv default Prod, Owner exact, Name case-insensitive substring, Ids, SortBy
 * default `Id Desc`), ListTables (only under `maxcompute-project:::<project>`; an unbound project is 400
 * `InvalidParameter.ParentMetaEntityId.NotFound` so a typo in a rule set shows; items carry no owner) and
 * GetTable (owner in TechnicalMetadata, absent when unreadable; BusinessMetadata with the workspace only
 * when IncludeBusinessMetadata=true, as the API defaults it to false). A delayed asset (visibility.ts) is
 * absent from all three, GetTable answering as for an unknown id.
 */
import { z } from 'zod';
import { ENV_TYPES } from '../../shared/dataworks';
import { maxcomputeProjectEntityId, type TableRecord, type TaskRecord } from '../catalog';
import { pagingParams, parseParams, wire } from '../params';
import { invalidParameter } from '../service-error';
import { listed, pageOf, type ActionSpec } from './context';

type Order = 'Asc' | 'Desc';

function sortedBy<T>(items: readonly T[], field: (item: T) => string | number, order: Order): T[] {
  const sign = order === 'Asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const x = field(a);
    const y = field(b);
    return x < y ? -sign : x > y ? sign : 0;
  });
}

const includes = (text: string, fragment: string | undefined) => fragment === undefined || text.toLowerCase().includes(fragment.toLowerCase());

const TASK_SORT_BY = ['Id Asc', 'Id Desc', 'CreateTime Asc', 'CreateTime Desc', 'ModifyTime Asc', 'ModifyTime Desc'] as const;
const taskSortField: Record<string, (t: TaskRecord) => number> = {
  Id: (t) => t.id,
  CreateTime: (t) => t.createTime,
  ModifyTime: (t) => t.modifyTime,
};

const listTasksSchema = z
  .object({
    ProjectId: wire.positiveInteger,
    ProjectEnv: z.enum(ENV_TYPES).optional(),
    Owner: z.string().optional(),
    Name: z.string().optional(),
    Ids: wire.json(z.array(z.number().int())).optional(),
    TaskType: z.string().optional(),
    SortBy: z.enum(TASK_SORT_BY).optional(),
    ...pagingParams,
  })
  .strict();

function taskView(t: TaskRecord) {
  return {
    Id: t.id,
    Name: t.name,
    Owner: t.owner,
    CreateUser: t.owner,
    ModifyUser: t.owner,
    CreateTime: t.createTime,
    ModifyTime: t.modifyTime,
    ProjectId: t.projectId,
    ProjectEnv: t.projectEnv,
    Type: t.type,
    Description: '',
    Trigger: { Type: 'Scheduler', Recurrence: 'Normal', Cron: '00 00 00 * * ?' },
  };
}

export const listTasks: ActionSpec = {
  budget: 'read',
  handle(ctx) {
    const p = parseParams(listTasksSchema, ctx.params);
    const env = p.ProjectEnv ?? 'Prod';
    const ids = p.Ids && new Set(p.Ids);
    const [field, order] = (p.SortBy ?? 'Id Desc').split(' ') as [string, Order];
    const query = ['ListTasks', p.ProjectId, env, p.Owner, p.Name, p.Ids, p.TaskType, field, order];
    const matching = listed(ctx, query, 'fixed', (t) => String(t.id), () =>
      sortedBy(
        ctx.store
          .tasksOfWorkspace(p.ProjectId)
          .filter((t) => t.projectEnv === env && (p.Owner === undefined || t.owner === p.Owner) && includes(t.name, p.Name) && (!ids || ids.has(t.id)) && (p.TaskType === undefined || t.type === p.TaskType)),
        taskSortField[field],
        order,
      ),
    );
    const { items, ...paging } = pageOf(ctx, matching, p);
    return { PagingInfo: { ...paging, Tasks: items.map(taskView) } };
  },
};

const tableSortField = {
  CreateTime: (t: TableRecord) => t.createTime,
  ModifyTime: (t: TableRecord) => t.modifyTime,
  Name: (t: TableRecord) => t.name,
  TableType: (t: TableRecord) => t.tableType ?? 'TABLE',
};

const listTablesSchema = z
  .object({
    ParentMetaEntityId: z.string(),
    Name: z.string().optional(),
    Comment: z.string().optional(),
    SortBy: z.enum(['CreateTime', 'ModifyTime', 'Name', 'TableType']).optional(),
    Order: z.enum(['Asc', 'Desc']).optional(),
    ...pagingParams,
  })
  .strict();

/** What ListTables returns: basic information, no technical or business metadata (so no owner). */
function tableView(t: TableRecord) {
  return {
    Id: t.id,
    Name: t.name,
    ParentMetaEntityId: maxcomputeProjectEntityId(t.maxcomputeProject),
    TableType: t.tableType ?? 'TABLE',
    Comment: t.comment ?? '',
    CreateTime: t.createTime,
    ModifyTime: t.modifyTime,
    PartitionKeys: [],
  };
}

const PROJECT_PARENT = /^maxcompute-project:::([^:]+)$/;

export const listTables: ActionSpec = {
  budget: 'read',
  handle(ctx) {
    const p = parseParams(listTablesSchema, ctx.params);
    const project = PROJECT_PARENT.exec(p.ParentMetaEntityId)?.[1];
    if (project === undefined)
      throw invalidParameter('InvalidParameter.ParentMetaEntityId', `The emulator lists tables only under maxcompute-project:::<project>, not ${p.ParentMetaEntityId}.`);
    const tables = ctx.store.tablesOfProject(project);
    if (!tables) throw invalidParameter('InvalidParameter.ParentMetaEntityId.NotFound', `The MetaEntity ${p.ParentMetaEntityId} does not exist.`);
    const [by, order] = [p.SortBy ?? 'CreateTime', p.Order ?? 'Asc'] as const;
    const query = ['ListTables', project, p.Name, p.Comment, by, order];
    const matching = listed(ctx, query, 'fixed', (t) => t.id, () =>
      sortedBy(
        tables.filter((t) => includes(t.name, p.Name) && includes(t.comment ?? '', p.Comment)),
        tableSortField[by],
        order,
      ),
    );
    const { items, ...paging } = pageOf(ctx, matching, p);
    return { Success: true, PagingInfo: { ...paging, Tables: items.map(tableView) } };
  },
};

const getTableSchema = z
  .object({ Id: z.string(), IncludeBusinessMetadata: wire.boolean.optional(), IncludeExtendedProperties: wire.boolean.optional() })
  .strict();

export const getTable: ActionSpec = {
  budget: 'read',
  handle(ctx) {
    const p = parseParams(getTableSchema, ctx.params);
    const t = ctx.store.table(p.Id);
    if (!t || !ctx.visibility.asked(t.id)) throw invalidParameter('InvalidParameter.Id.NotFound', `The table ${p.Id} does not exist.`);
    const technical = { ...(t.owner === null ? {} : { Owner: t.owner }), Compressed: false, Parameters: {} };
    const business = p.IncludeBusinessMetadata
      ? {
          BusinessMetadata: {
            Readme: '',
            Tags: ctx.store.bindingsOf(t.id).map((b) => ({ Key: b.key, Value: b.value })),
            Categories: [],
            UpstreamTasks: [],
            Extension: { ProjectId: t.projectId, EnvType: t.envType, FavorCount: 0, ReadCount: 0, ViewCount: 0 },
          },
        }
      : {};
    return { Success: true, Table: { ...tableView(t), TechnicalMetadata: technical, ...business } };
  },
};
