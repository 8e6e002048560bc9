/**
 * The names of one piece of a run: a shard's label as logs and reports show it, and the async task id its
 * invocation is queued under. A run is cut into shards (fan-out) and each shard, or a run in place, into
 * pieces (continuations, one invocation each); piece 1 of a shard is the invocation fan-out queues. The task
 * id is derived from the run id, the shard and the piece, so every attempt to queue the same piece — FC
 * retrying the invocation that queues it, a duplicate delivery of that invocation — names the same task, and
 * FC refuses all but the first with 409 (task deduplication, research.md §6).
 */
import { createHash } from 'node:crypto';
import type { ShardSpec } from '../discovery';

/** `tables maxcomputeProject=sales_dw`: the source, then the key's fields in name order (stable whatever the payload's order). */
export function shardLabel(shard: ShardSpec): string {
  const fields = Object.entries(shard)
    .filter(([k]) => k !== 'source')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`);
  return [shard.source, ...fields].join(' ');
}

/** `autotag-<32 hex>-<piece>`: within FC's 128 characters whatever the run id, and a valid task id (ASYNC_TASK_ID). */
export function pieceTaskId(runId: string, shard: ShardSpec | undefined, piece: number): string {
  const digest = createHash('sha256')
    .update(`${runId}\n${shard ? shardLabel(shard) : ''}`)
    .digest('hex')
    .slice(0, 32);
  return `autotag-${digest}-${piece}`;
}
