/**
 * How discovered things become assets: the data-asset id of a task or table, and the conversion of each
 * API record into the engine's AssetView, with the tags bound to it now.
 */
import { ASSET_KINDS, assetKindOf, type AssetType, type DataAsset, type EnvType, type Table, type Task } from '../dataworks';
import type { AssetView, TableAssetIdFormat } from './types';

/** id → tagged asset record for the ids that carry a tag (a source's ReadContext.currentTags) */
type CurrentTags = (ids: string[], type: AssetType) => Promise<Map<string, DataAsset>>;

export const maxcomputeParent = (project: string) => `maxcompute-project:::${project}`;
const maxcomputeTableId = (project: string, table: string) => `maxcompute-table:::${project}::${table}`;

/** `maxcompute-table:::proj::tbl` (or `...:proj:schema:tbl`) → {project, table}; undefined for other engines. */
function parseMetaEntityId(id: string): { project: string; table: string } | undefined {
  const m = /^maxcompute-table:[^:]*::([^:]+):[^:]*:([^:]+)$/.exec(id);
  return m ? { project: m[1], table: m[2] } : undefined;
}

/**
 * The data-asset id of a MaxCompute table. The format is not documented (reference decision 6), so it is
 * one configurable mapping: the MetaEntityId ListTables returns (default), the Data Map guid, or the legacy
 * qualified name.
 */
function tableAssetId(format: TableAssetIdFormat, table: { id: string; name: string }, project: string): string {
  switch (format) {
    case 'metaEntityId':
      return table.id;
    case 'guid':
      return `odps.${project}.${table.name}`;
    case 'qualifiedName':
      return `maxcompute-table.${project}.${table.name}`;
  }
}

/** The MetaEntityId GetTable takes, from a table asset id in any of the three formats. */
function metaEntityIdOf(format: TableAssetIdFormat, assetId: string): string | undefined {
  if (format === 'metaEntityId') return assetId;
  const project = projectOfTableAssetId(format, assetId);
  const table = assetId.split('.').slice(2).join('.');
  return project && table ? maxcomputeTableId(project, table) : undefined;
}

/** The MaxCompute project and table a table's MetaEntityId, or its asset id in `format`, names; undefined for anything else. */
export function tableOfAssetId(format: TableAssetIdFormat, id: string): { project: string; table: string } | undefined {
  const metaEntityId = parseMetaEntityId(id) ? id : metaEntityIdOf(format, id);
  return metaEntityId === undefined ? undefined : parseMetaEntityId(metaEntityId);
}

/** The data-asset id of a MaxCompute table, from its project and name. */
export const tableAssetIdOf = (format: TableAssetIdFormat, project: string, table: string): string =>
  tableAssetId(format, { id: maxcomputeTableId(project, table), name: table }, project);

/** The MaxCompute project a table asset id names, for any of the three formats. */
export function projectOfTableAssetId(format: TableAssetIdFormat, assetId: string): string | undefined {
  if (format === 'metaEntityId') return parseMetaEntityId(assetId)?.project;
  const prefix = format === 'guid' ? 'odps.' : 'maxcompute-table.';
  if (!assetId.startsWith(prefix)) return undefined;
  return assetId.slice(prefix.length).split('.')[0];
}

function taskView(task: Task, tags: Record<string, string>): AssetView {
  return {
    id: String(task.id),
    kind: 'task',
    type: ASSET_KINDS.task.assetType,
    name: task.name,
    projectId: task.projectId,
    envType: task.projectEnv,
    owner: task.owner ?? null,
    tags,
  };
}

function tableView(table: Table, assetId: string, tagged: DataAsset | undefined): AssetView {
  return {
    metaEntityId: table.id,
    id: assetId,
    kind: 'table',
    type: ASSET_KINDS.table.assetType,
    name: table.name,
    // ListTables has no workspace or env; a tagged asset's record does, GetTable does (fetched on demand).
    projectId: table.projectId ?? tagged?.projectId,
    envType: table.envType ?? tagged?.envType,
    owner: table.owner,
    tags: tagMap(tagged),
    modifyTime: table.modifyTime,
  };
}

export function dataAssetView(asset: DataAsset, tableIdFormat: TableAssetIdFormat): AssetView {
  return {
    metaEntityId: asset.type === ASSET_KINDS.table.assetType ? metaEntityIdOf(tableIdFormat, asset.id) : undefined,
    id: asset.id,
    kind: assetKindOf(asset.type),
    type: asset.type,
    name: asset.name,
    projectId: asset.projectId,
    envType: asset.envType,
    owner: undefined,
    tags: tagMap(asset),
  };
}

/** A tagged asset's tags as a key → value map ({} for none). */
export function tagMap(asset: DataAsset | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const t of asset?.tags ?? []) tags[t.key] = t.value;
  return tags;
}

/** Listed tasks as assets with their current tags (ListTasks reports none). A task without an env has `env`'s. */
export async function withTaskTags(currentTags: CurrentTags, tasks: Task[], env?: EnvType): Promise<AssetView[]> {
  const tagged = await currentTags(tasks.map((t) => String(t.id)), ASSET_KINDS.task.assetType);
  return tasks.map((t) => taskView({ ...t, projectEnv: t.projectEnv ?? env }, tagMap(tagged.get(String(t.id)))));
}

/** Listed tables of one MaxCompute project as assets with their current tags (ListTables reports none). */
export async function withTableTags(currentTags: CurrentTags, format: TableAssetIdFormat, tables: Table[], project: string): Promise<AssetView[]> {
  const ids = tables.map((t) => tableAssetId(format, t, project));
  const tagged = await currentTags(ids, ASSET_KINDS.table.assetType);
  return tables.map((t, i) => tableView(t, ids[i], tagged.get(ids[i])));
}
