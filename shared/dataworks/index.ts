/** The DataWorks API as autotag uses it: the public face of shared/dataworks. */
export { createDataWorksClient, type ApiMetrics, type ClientOptions, type DataWorksClient } from './client';
export { endpointUrl, resolveEndpoint, type EndpointOptions, type ResolvedEndpoint } from './endpoint';
export { PUBLIC_REGIONS } from './regions';
export { createApiLimiters, DEFAULT_QPS, type ApiLimiters, type Budget, type BudgetOptions } from './budgets';
export { budgetOf, type ActionName, type DataWorksApi } from './actions';
export type { CreateDataAssetTagRequest } from './actions/create-data-asset-tag';
export type { GetTableRequest } from './actions/get-table';
export type { ListDataAssetTagsRequest } from './actions/list-data-asset-tags';
export type { ListDataAssetsRequest } from './actions/list-data-assets';
export type { ListTablesRequest } from './actions/list-tables';
export type { ListTasksRequest } from './actions/list-tasks';
export type { TagDataAssetsRequest } from './actions/tag-data-assets';
export type { UnTagDataAssetsRequest } from './actions/un-tag-data-assets';
export type { UpdateDataAssetTagRequest } from './actions/update-data-asset-tag';
export { paginate, pagesAhead, type PageAhead, type PagesAheadOptions } from './pages';
export { ASSET_KINDS, ASSET_KIND_NAMES, assetKindOf, type AssetKind, type AssetKindSpec } from './asset-kinds';
export { TAG_KEY_PATTERN, TAG_VALUE_PATTERN, tagKeyProblem, tagValueProblem } from './tags';
export {
  API_VERSION,
  ASSET_TYPES,
  ENV_TYPES,
  LIMITS,
  type AssetType,
  type DataAsset,
  type EnvType,
  type Page,
  type Table,
  type Tag,
  type TagKeyDefinition,
  type TagMapping,
  type Task,
  type WriteResult,
} from './types';
