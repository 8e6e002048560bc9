/**
 * What discovery hands the engine: assets with their current tags (AssetView), the sources they came from,
 * the assets an event names (AssetRef), and slices of the sources a shard reads (ShardSpec).
 */
import type { AssetType, EnvType, AssetKind } from '../dataworks';

export type SourceName = 'tagged' | 'tasks' | 'tables' | 'targets';

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
  source: SourceName;
  /** tables: the MetaEntityId GetTable takes (the asset id may use another format) */
  metaEntityId?: string;
}

/** An asset named by an event: a task by id, or a table by MaxCompute project and name. */
export type AssetRef =
  | { kind: 'task'; taskId: number; projectId?: number; env?: EnvType }
  | { kind: 'table'; maxcomputeProject: string; tableName: string; projectId?: number };

/** One slice of a rule set's sources, read alone by a shard of a larger run (shared/fanout/shards.ts). */
export type ShardSpec =
  | { source: 'tasks'; projectId: number; env: EnvType }
  | { source: 'tables'; maxcomputeProject: string }
  | { source: 'tagged' };
