/**
 * Asset discovery: the sources (a registry, `sources/`), which partitions a run reads, each partition streamed
 * as pages of AssetViews, owners and workspaces fetched on demand, and the sources as the rule file's section,
 * as shard slices, as RAM actions and as what they reach.
 */
export type { AssetRef, AssetView, ShardSpec } from './types';
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
export { planPartitions, discoverPartition, type DiscoveryScope, type Partition } from './partitions';
export { shardRefusal, shardSlices, shardSpecSchema } from './shards';
export { reachOf, sourceExamples } from './reach';
export { createDetailResolver, type DetailResolver } from './details';
export { readCurrentTags } from './current-tags';
export { TagIndex } from './tag-index';
