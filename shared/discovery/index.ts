/** Asset discovery: which partitions a run reads, and each partition streamed as pages of AssetViews. */
export type { AssetRef, AssetView, ShardSpec, SourceName } from './types';
export { planPartitions, discoverPartition, type Partition, type DiscoveryScope } from './sources';
export { createDetailResolver, type DetailResolver } from './details';
export { maxcomputeParent, maxcomputeTableId, parseMetaEntityId, tableAssetId } from './assets';
