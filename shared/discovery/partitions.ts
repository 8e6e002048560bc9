/**
 * Which partitions a run reads, and reading one page by page from any page. A full run reads every configured
 * source some active rule could use (or, in a shard, only its slice); an event-driven run reads only the assets
 * the event names. Filters are pushed to the server where the API has them; the engine still checks every
 * condition itself, so a filter the server ignores never widens a match. The partitions' order is stable for a
 * rule set and a run's scope, so a partition's index names it in a cursor.
 */
import type { DataAsset, DataWorksApi } from '../dataworks';
import type { Slots } from '../concurrency';
import { readTaggedAssets } from './current-tags';
import { sameSlice } from './shards';
import { EVENT_SOURCE, eachConfigured, type PartitionView, type ReadContext, type RunView, type SourceName, type SourcePage, type SourcePartition, type Sources } from './sources';
import type { TagIndex } from './tag-index';
import type { AssetRef, ShardSpec, TableAssetIdFormat } from './types';

export interface DiscoveryScope extends RunView {
  /** the rule set's sources */
  sources: Sources;
  /** read only this slice of the sources */
  shard?: ShardSpec;
  /** an event-driven run: these assets, re-read, and nothing else */
  targets?: readonly AssetRef[];
}

export interface Partition extends SourcePartition {
  source: SourceName;
}

/** The partitions a run reads. Sources no active rule could use are not read at all. */
export function planPartitions(scope: DiscoveryScope): Partition[] {
  if (scope.targets) return EVENT_SOURCE.source.partitions(scope.targets).map((p) => ({ ...p, source: EVENT_SOURCE.name }));
  const coverers = eachConfigured(scope.sources, (source, config) => source.covers?.bind(source, config));
  const view: PartitionView = {
    ...scope,
    coveredElsewhere: (kind, projectId, env) => coverers.some((covers) => covers?.(kind, projectId, env) ?? false),
  };
  const partitions = eachConfigured(scope.sources, (source, config, name) =>
    source.kinds.some((k) => scope.kinds.has(k)) ? source.partitions(config, view).map((p) => ({ ...p, source: name })) : [],
  ).flat();
  const { shard } = scope;
  return shard ? partitions.filter((p) => p.slice && sameSlice(p.slice, shard)) : partitions;
}

/** Set with the tables source, but how every table asset id is formed, whichever source finds the table. */
export function tableIdFormat(sources: Sources): TableAssetIdFormat {
  return sources.tables?.assetIdFormat ?? 'metaEntityId';
}

/** How a run reads its partitions: pages of one partition in flight, the slots all partitions share, the tag index. */
export interface ReadOptions {
  readAhead: number;
  slots: Slots;
  tagIndex: TagIndex;
}

/** The pages of `p` from page `from` (1: its start). */
export function discoverPartition(api: DataWorksApi, scope: DiscoveryScope, p: Partition, from: number, options: ReadOptions): AsyncGenerator<SourcePage> {
  const listers = eachConfigured(scope.sources, (source, config) => (asset: DataAsset) => source.lists?.(config, asset) ?? false);
  const ctx: ReadContext = {
    api,
    kinds: scope.kinds,
    hints: scope.hints,
    projects: scope.projects,
    readAhead: options.readAhead,
    slots: options.slots,
    tableIdFormat: tableIdFormat(scope.sources),
    listedElsewhere: (asset) => {
      const elsewhere = listers.some((lists) => lists(asset));
      if (elsewhere) options.tagIndex.keep(asset);
      return elsewhere;
    },
    listedInFull: (types) => options.tagIndex.listedInFull(types),
    currentTags: async (ids, type) => options.tagIndex.lookup(ids, type) ?? readTaggedAssets(api, ids, type),
  };
  return p.read(ctx, from);
}
