/** The DataWorks API as autotag uses it: the public face of shared/dataworks. */
export { createDataWorksClient, type ApiMetrics, type ClientOptions, type DataWorksClient } from './client';
export { resolveEndpoint, type EndpointOptions, type ResolvedEndpoint } from './endpoint';
export { budgetOf, createApiLimiters, DEFAULT_QPS, type ApiLimiters, type Budget, type BudgetOptions } from './budgets';
export { paginate } from './pages';
export { ASSET_KINDS, ASSET_KIND_NAMES, assetKindOf, type AssetKind, type AssetKindSpec } from './asset-kinds';
export { tagKeyProblem, tagValueProblem } from './tags';
export {
  API_VERSION,
  ASSET_TYPES,
  ENV_TYPES,
  LIMITS,
  type ActionName,
  type AssetType,
  type CreateDataAssetTagRequest,
  type DataAsset,
  type DataWorksApi,
  type EnvType,
  type GetTableRequest,
  type ListDataAssetTagsRequest,
  type ListDataAssetsRequest,
  type ListTablesRequest,
  type ListTasksRequest,
  type Page,
  type Table,
  type Tag,
  type TagDataAssetsRequest,
  type TagKeyDefinition,
  type TagMapping,
  type Task,
  type UnTagDataAssetsRequest,
  type UpdateDataAssetTagRequest,
  type WriteResult,
} from './types';
