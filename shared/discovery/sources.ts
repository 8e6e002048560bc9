/**
 * The discovery sources a rule set names, each cut into partitions (one workspace and env of tasks, one
 * MaxCompute project of tables, the tagged assets, or the assets an event names) and streamed page by
 * page as AssetViews with their current tags. Filters are pushed to the server where the API has them;
 * the engine still checks every condition itself, so a filter the server ignores never widens a match.
 */
import { AssetNotFoundError } from '../errors';
import { LIMITS, type DataWorksApi, type EnvType, type Table, type Task, paginate, ASSET_KINDS } from '../dataworks';
import { type Rule, type RuleSet, pushdownHints } from '../rules';
import { readTaggedAssets } from './current-tags';
import {
  coveredByListingSource,
  dataAssetView,
  maxcomputeParent,
  tableAssetId,
  tableView,
  taskView,
} from './assets';
import type { AssetView, SourceName, AssetRef, ShardSpec } from './types';

export type Partition =
  | { source: 'tagged'; projectId?: number; env?: EnvType }
  | { source: 'tasks'; projectId: number; env: EnvType; owner?: string }
  | { source: 'tables'; maxcomputeProject: string }
  | { source: 'targets'; refs: AssetRef[] };

export interface DiscoveryScope {
  ruleSet: RuleSet;
  /** the rules this run evaluates */
  rules: Rule[];
  /** narrow to these workspaces */
  projects?: number[];
  /** read only this slice of the sources */
  shard?: ShardSpec;
}

const intersect = (a: number[] | undefined, b: number[] | undefined) => (a && b ? a.filter((x) => b.includes(x)) : (a ?? b));
const kinds = (rules: Rule[]) => new Set(rules.map((r) => r.match.type ?? 'any'));

/** The partitions a full run reads. Sources no active rule could use are not read at all. */
export function planPartitions(scope: DiscoveryScope): Partition[] {
  const { sources } = scope.ruleSet;
  const ruleKinds = kinds(scope.rules);
  const wants = (k: 'table' | 'task') => ruleKinds.has(k) || ruleKinds.has('any');
  const out: Partition[] = [];

  if (sources.tagged) {
    const projects = intersect(sources.tagged.projects, scope.projects);
    const env = sources.tagged.env;
    if (projects) for (const projectId of projects) out.push({ source: 'tagged', projectId, env });
    else out.push({ source: 'tagged', env });
  }
  if (sources.tasks && wants('task')) {
    const hints = pushdownHints(scope.rules, 'task');
    const projects = intersect(intersect(sources.tasks.projects, scope.projects), hints.projects) ?? [];
    const envs = hints.env ? sources.tasks.env.filter((e) => e === hints.env) : sources.tasks.env;
    // ListTasks filters by one owner: one partition per owner when every task rule names owners.
    const owners: (string | undefined)[] = hints.owners?.length ? hints.owners : [undefined];
    for (const projectId of projects) for (const env of envs) for (const owner of owners) out.push({ source: 'tasks', projectId, env, owner });
  }
  if (sources.tables && wants('table')) {
    for (const maxcomputeProject of sources.tables.maxcomputeProjects) out.push({ source: 'tables', maxcomputeProject });
  }
  return scope.shard ? out.filter((p) => inShard(p, scope.shard!)) : out;
}

function inShard(p: Partition, shard: ShardSpec): boolean {
  switch (shard.source) {
    case 'tasks':
      return p.source === 'tasks' && p.projectId === shard.projectId && p.env === shard.env;
    case 'tables':
      return p.source === 'tables' && p.maxcomputeProject === shard.maxcomputeProject;
    case 'tagged':
      return p.source === 'tagged';
  }
}

/** The one keyword every matching name contains, when the rules agree on exactly one (ListTables/ListTasks `Name`). */
function nameKeyword(rules: Rule[], kind: 'table' | 'task'): string | undefined {
  const names = pushdownHints(rules, kind).names;
  return names?.length === 1 ? names[0] : undefined;
}

export async function* discoverPartition(api: DataWorksApi, scope: DiscoveryScope, p: Partition): AsyncGenerator<AssetView[]> {
  switch (p.source) {
    case 'tagged':
      yield* taggedPages(api, scope, p);
      return;
    case 'tasks':
      yield* taskPages(api, scope, p);
      return;
    case 'tables':
      yield* tablePages(api, scope, p.maxcomputeProject);
      return;
    case 'targets':
      yield* targetPages(api, scope, p.refs);
      return;
  }
}

async function* taggedPages(api: DataWorksApi, scope: DiscoveryScope, p: Extract<Partition, { source: 'tagged' }>) {
  const format = scope.ruleSet.sources.tables?.assetIdFormat ?? 'metaEntityId';
  const ruleKinds = kinds(scope.rules);
  const onlyKind = ruleKinds.size === 1 && !ruleKinds.has('any') ? ([...ruleKinds][0] as 'table' | 'task') : undefined;
  const only = onlyKind && ASSET_KINDS[onlyKind].assetType;
  // ListDataAssets' Name is a fuzzy filter too: pushed when the rules of every kind read agree on one keyword
  const keywords = new Set((onlyKind ? [onlyKind] : (['table', 'task'] as const)).map((k) => nameKeyword(scope.rules, k)));
  const name = keywords.size === 1 ? [...keywords][0] : undefined;
  const pages = paginate((pageNumber, pageSize) =>
    api.listDataAssets({ projectId: p.projectId, envType: p.env, dataAssetType: only, name, pageNumber, pageSize }),
  );
  for await (const items of pages) {
    yield items
      .filter((a) => (p.projectId === undefined || a.projectId === p.projectId) && (!p.env || a.envType === p.env))
      .filter((a) => !only || a.type === only)
      .filter((a) => !coveredByListingSource(scope.ruleSet.sources, a))
      .map((a) => dataAssetView(a, format));
  }
}

async function* taskPages(api: DataWorksApi, scope: DiscoveryScope, p: Extract<Partition, { source: 'tasks' }>) {
  const name = nameKeyword(scope.rules, 'task');
  const pages = paginate((pageNumber, pageSize) =>
    api.listTasks({ projectId: p.projectId, projectEnv: p.env, owner: p.owner, name, pageNumber, pageSize }),
  );
  for await (const tasks of pages) {
    // The server's filters are hints: keep only what was asked for.
    const mine = tasks.filter((t) => t.projectId === p.projectId && (!t.projectEnv || t.projectEnv === p.env) && (!p.owner || t.owner === p.owner));
    yield await withTaskTags(api, mine, 'tasks', p.env);
  }
}

async function withTaskTags(api: DataWorksApi, tasks: Task[], source: SourceName, env?: EnvType): Promise<AssetView[]> {
  const tagged = await readTaggedAssets(api, tasks.map((t) => String(t.id)), ASSET_KINDS.task.assetType);
  return tasks.map((t) => {
    const view = taskView({ ...t, projectEnv: t.projectEnv ?? env }, {}, source);
    const current = tagged.get(view.id);
    return current ? { ...view, tags: Object.fromEntries(current.tags.map((m) => [m.key, m.value])) } : view;
  });
}

async function* tablePages(api: DataWorksApi, scope: DiscoveryScope, project: string) {
  const name = nameKeyword(scope.rules, 'table');
  const pages = paginate((pageNumber, pageSize) => api.listTables({ parentMetaEntityId: maxcomputeParent(project), name, pageNumber, pageSize }));
  for await (const tables of pages) yield await withTableTags(api, scope, tables, project, 'tables');
}

async function withTableTags(api: DataWorksApi, scope: DiscoveryScope, tables: Table[], project: string, source: SourceName) {
  const format = scope.ruleSet.sources.tables?.assetIdFormat ?? 'metaEntityId';
  const ids = tables.map((t) => tableAssetId(format, t, project));
  const tagged = await readTaggedAssets(api, ids, ASSET_KINDS.table.assetType);
  return tables.map((t, i) => tableView(t, ids[i], tagged.get(ids[i]), source));
}

/**
 * Event-named assets, re-read from the API: an event is a hint, never the truth about an asset. A task event
 * names no environment, so a task is looked for in Prod, then Dev. Assets not found are reported after the
 * others were read, never dropped silently.
 */
async function* targetPages(api: DataWorksApi, scope: DiscoveryScope, refs: AssetRef[]) {
  const missing: string[] = [];
  for (const ref of refs) {
    if (ref.kind === 'task') {
      const found = ref.projectId === undefined ? undefined : await findTask(api, ref.projectId, ref.taskId, ref.env);
      if (found) yield await withTaskTags(api, [found.task], 'targets', found.env);
      else missing.push(`task ${ref.taskId}${ref.projectId === undefined ? ' (no workspace in the event)' : ` in workspace ${ref.projectId}`}`);
    } else {
      const page = await api.listTables({ parentMetaEntityId: maxcomputeParent(ref.maxcomputeProject), name: ref.tableName, pageNumber: 1, pageSize: LIMITS.pageSize });
      const tables = page.items.filter((t) => t.name === ref.tableName);
      if (tables.length) yield await withTableTags(api, scope, tables, ref.maxcomputeProject, 'targets');
      else missing.push(`table ${ref.maxcomputeProject}.${ref.tableName}`);
    }
  }
  if (missing.length) throw new AssetNotFoundError(missing);
}

async function findTask(api: DataWorksApi, projectId: number, taskId: number, env?: EnvType): Promise<{ task: Task; env: EnvType } | undefined> {
  for (const e of env ? [env] : (['Prod', 'Dev'] as const)) {
    const page = await api.listTasks({ projectId, projectEnv: e, ids: [taskId], pageNumber: 1, pageSize: LIMITS.pageSize });
    const task = page.items.find((t) => t.id === taskId);
    if (task) return { task, env: e };
  }
  return undefined;
}
