/**
 * Asset discovery: the sources (a registry, `sources/`), which partitions a run reads, each partition streamed
 * as pages of AssetViews, owners and workspaces fetched on demand, and the sources as the rule file's section,
 * as shard slices, as RAM actions and as what they reach; the few assets a person names, found where the
 * sources would find them; and table details kept across runs (table-cache/).
 */
export type { AssetRef, AssetView, ShardSpec, TableAssetIdFormat } from './types';
export {
  SOURCE_NAMES,
  normalizeSources,
  sourceInfo,
  sourceRamNeeds,
  sourcesShape,
  type PushdownHints,
  type SourceName,
  type SourcePage,
  type Sources,
} from './sources';
export { envType, workspaceIds } from './sources/fields';
export { planPartitions, discoverPartition, tableIdFormat, type DiscoveryScope, type Partition } from './partitions';
export { shardRefusal, shardSlices, shardSpecSchema } from './shards';
export { reachOf, sourceExamples } from './reach';
export { createDetailResolver, type DetailFailure, type DetailResolver, type DetailResolverOptions } from './details';
export { createTableDetailsCache, DEFAULT_TABLE_CACHE_TTL_MS, type TableCacheOptions, type TableCacheStats, type TableDetailsCache } from './table-cache/table-cache';
export { directoryStore, type CacheStore } from './table-cache/store';
export { parseAssetNames, type AssetName } from './asset-names';
export { findNamedAssets, type NamedAsset, type Refusal } from './named-assets';
export { describeTarget, lookUpTargets, targetKey, type RefusedTarget, type TargetLookup } from './sources/target-lookup';
export { readCurrentTags } from './current-tags';
export { TagIndex } from './tag-index';
