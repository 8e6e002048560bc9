/**
 * The kinds of data asset the tag API knows (`DataAssetType`), as rules name them (`type: table`), each with
 * the scope a bind call must carry for it. A new kind is one entry here; rule conditions, discovery sources and
 * the batching of writes all read this table.
 */
import type { AssetType, EnvType } from './types';

export interface AssetKindSpec {
  /** the API's DataAssetType */
  assetType: AssetType;
  /** for messages: "tables", "tasks" */
  plural: string;
  /**
   * The workspace and env a TagDataAssets/UnTagDataAssets call carries for an asset of this kind. Tasks carry
   * theirs (ListTasks always reports them). Tables do not: their asset id already names them, and ListTables
   * reports no workspace, so sending it only for some tables would split calls that belong together.
   */
  writeScope(asset: { projectId?: number; envType?: EnvType }): { projectId?: number; envType?: EnvType };
}

export const ASSET_KINDS = {
  table: { assetType: 'ACS::DataWorks::Table', plural: 'tables', writeScope: () => ({}) },
  task: { assetType: 'ACS::DataWorks::Task', plural: 'tasks', writeScope: ({ projectId, envType }) => ({ projectId, envType }) },
} as const satisfies Record<string, AssetKindSpec>;

export type AssetKind = keyof typeof ASSET_KINDS;

export const ASSET_KIND_NAMES = Object.keys(ASSET_KINDS) as AssetKind[];

const KIND_BY_TYPE = new Map<string, AssetKind>(ASSET_KIND_NAMES.map((k) => [ASSET_KINDS[k].assetType, k]));

/** The kind of an API asset type. */
export function assetKindOf(assetType: AssetType): AssetKind {
  return KIND_BY_TYPE.get(assetType)!;
}
