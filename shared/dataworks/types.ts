/**
 * autotag's own types for what the DataWorks API (dataworks-public 2024-05-18) answers. Wire names are
 * PascalCase; these are camelCase: schemas.ts turns answers into them. What each action is sent is its
 * entry's request schema in actions/.
 */

export const API_VERSION = '2024-05-18';

export const ASSET_TYPES = ['ACS::DataWorks::Table', 'ACS::DataWorks::Task'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];
export const ENV_TYPES = ['Prod', 'Dev'] as const;
export type EnvType = (typeof ENV_TYPES)[number];

/** Limits autotag imposes on itself, whatever the server allows (reference README, decision 2). */
export const LIMITS = {
  maxIdsPerCall: 100,
  maxTagsPerCall: 20,
  maxTagsPerAsset: 20,
  pageSize: 100,
  maxKeyLength: 64,
  maxValueLength: 128,
} as const;

export interface Tag {
  key: string;
  value: string;
}

/** One tag bound to an asset, as ListDataAssets reports it. */
export interface TagMapping extends Tag {
  creator?: string;
  tagSource?: 'System' | 'UserDefined' | string;
  autoTraceEnabled?: boolean;
}

/** A data asset as ListDataAssets returns it (only assets that already carry a tag). */
export interface DataAsset {
  id: string;
  name: string;
  type: AssetType;
  envType?: EnvType;
  projectId?: number;
  tags: TagMapping[];
}

/** A tag key definition (ListDataAssetTags). */
export interface TagKeyDefinition {
  key: string;
  category?: string;
  description?: string;
  valueType?: string;
  values: string[];
  managers: string[];
}

/** A scheduling task (ListTasks). `owner` is an account id. */
export interface Task {
  id: number;
  name: string;
  owner?: string;
  projectId: number;
  projectEnv?: EnvType;
  type?: string;
  modifyTime?: number;
}

/** A table (ListTables / GetTable). `owner` only comes from GetTable. */
export interface Table {
  /** MetaEntityId, e.g. `maxcompute-table:::sales_dw::ods_user_info` */
  id: string;
  name: string;
  parentMetaEntityId?: string;
  tableType?: string;
  comment?: string;
  owner?: string;
  projectId?: number;
  envType?: EnvType;
  /** data-asset tags GetTable reports in BusinessMetadata (informational) */
  tags?: Tag[];
  modifyTime?: number;
}

export interface Page<T> {
  items: T[];
  totalCount: number;
  pageNumber: number;
  pageSize: number;
  requestId?: string;
}

export interface WriteResult {
  requestId?: string;
}
