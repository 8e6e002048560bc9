/**
 * How discovered things become assets: the data-asset id of a task or table, the conversion of each
 * API record into the engine's AssetView, and which source "owns" an asset so that an asset seen by
 * several sources is evaluated once.
 */
import { ASSET_KINDS, assetKindOf, type DataAsset, type Table, type Task } from '../dataworks';
import type { Sources, TableAssetIdFormat } from '../rules';
import type { AssetView, SourceName } from './types';


export const maxcomputeParent = (project: string) => `maxcompute-project:::${project}`;
export const maxcomputeTableId = (project: string, table: string) => `maxcompute-table:::${project}::${table}`;

/** `maxcompute-table:::proj::tbl` (or `...:proj:schema:tbl`) → {project, table}; undefined for other engines. */
export function parseMetaEntityId(id: string): { project: string; table: string } | undefined {
  const m = /^maxcompute-table:[^:]*::([^:]+):[^:]*:([^:]+)$/.exec(id);
  return m ? { project: m[1], table: m[2] } : undefined;
}

/**
 * The data-asset id of a MaxCompute table. The format is not documented (reference decision 6), so it is
 * one configurable mapping: the MetaEntityId ListTables returns (default), the Data Map guid, or the legacy
 * qualified name.
 */
export function tableAssetId(format: TableAssetIdFormat, table: { id: string; name: string }, project: string): string {
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
export function metaEntityIdOf(format: TableAssetIdFormat, assetId: string): string | undefined {
  if (format === 'metaEntityId') return assetId;
  const project = projectOfTableAssetId(format, assetId);
  const table = assetId.split('.').slice(2).join('.');
  return project && table ? maxcomputeTableId(project, table) : undefined;
}

/** The MaxCompute project a table asset id names, for any of the three formats. */
export function projectOfTableAssetId(format: TableAssetIdFormat, assetId: string): string | undefined {
  if (format === 'metaEntityId') return parseMetaEntityId(assetId)?.project;
  const prefix = format === 'guid' ? 'odps.' : 'maxcompute-table.';
  if (!assetId.startsWith(prefix)) return undefined;
  return assetId.slice(prefix.length).split('.')[0];
}

export function taskView(task: Task, tags: Record<string, string>, source: SourceName): AssetView {
  return {
    id: String(task.id),
    kind: 'task',
    type: ASSET_KINDS.task.assetType,
    name: task.name,
    projectId: task.projectId,
    envType: task.projectEnv,
    owner: task.owner ?? null,
    tags,
    source,
  };
}

export function tableView(
  table: Table,
  assetId: string,
  tagged: DataAsset | undefined,
  source: SourceName,
): AssetView {
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
    source,
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
    source: 'tagged',
  };
}

export function tagMap(asset: DataAsset | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const t of asset?.tags ?? []) tags[t.key] = t.value;
  return tags;
}

/**
 * Whether a tagged asset will also be listed by the tasks or tables source. Such an asset is left to
 * that source (which knows its owner), so it is evaluated once.
 */
export function coveredByListingSource(sources: Sources, asset: DataAsset): boolean {
  if (asset.type === ASSET_KINDS.task.assetType) {
    const t = sources.tasks;
    return !!t && asset.projectId !== undefined && t.projects.includes(asset.projectId) && asset.envType !== undefined && t.env.includes(asset.envType);
  }
  const tb = sources.tables;
  if (!tb) return false;
  const project = projectOfTableAssetId(tb.assetIdFormat, asset.id);
  return project !== undefined && tb.maxcomputeProjects.includes(project);
}
