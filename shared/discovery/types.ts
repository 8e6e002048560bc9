/**
 * What discovery hands the engine and the sources share: assets with their current tags (AssetView), the
 * assets an event names (AssetRef), how table asset ids are formed, and the key of one shard slice (ShardSpec).
 */
import type { AssetType, EnvType, AssetKind } from '../dataworks';

/** An asset as the engine sees it after discovery. */
export interface AssetView {
  id: string;
  kind: AssetKind;
  type: AssetType;
  name: string;
  projectId?: number;
  envType?: EnvType;
  /** undefined = not fetched, null = could not be read */
  owner?: string | null;
  /** current tags, key -> value */
  tags: Record<string, string>;
  /** tables: the MetaEntityId GetTable takes (the asset id may use another format) */
  metaEntityId?: string;
  /** tables: the ModifyTime the listing reported (the table-details cache keys on it) */
  modifyTime?: number;
}

/**
 * An asset named by an event: a task by id, or a table by MaxCompute project and name. `found` is the asset
 * as its caller just re-read it (the events function looks for assets not visible yet before its run): the
 * targets source then takes it as it is, without reading it again.
 */
export type AssetRef =
  | { kind: 'task'; taskId: number; projectId?: number; env?: EnvType; found?: AssetView }
  | { kind: 'table'; maxcomputeProject: string; tableName: string; projectId?: number; found?: AssetView };

/** How a table's data-asset id is formed (reference decision 6: not documented, so configurable). */
export type TableAssetIdFormat = 'metaEntityId' | 'guid' | 'qualifiedName';

/**
 * One slice of a rule set's sources, read alone by a shard of a larger run (shared/fanout/shards.ts): the
 * source's name and the fields its own key has (`{source: 'tasks', projectId, env}`). Each source defines its
 * key and its schema; the JSON form is what timer payloads and queued shards carry, so it never changes.
 */
export type ShardSpec = { readonly source: string } & { readonly [field: string]: string | number };
