/**
 * A rule set's sources as shard slices: every slice of every configured source (each source cuts its own and
 * defines its key), the schema of a shard payload's key, and whether a shard is one the rule set has.
 */
import { z } from 'zod';
import { CATALOG_SOURCES, eachConfigured, type Slice, type Sources } from './sources';
import type { ShardSpec } from './types';

/** Two shard keys naming the same slice. */
export function sameSlice(a: ShardSpec, b: ShardSpec): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Every slice of the sources, narrowed to `projects` (workspace ids) when given. */
export function shardSlices(sources: Sources, projects?: readonly number[]): Slice[] {
  return eachConfigured(sources, (source, config) => source.shards.slices(config, projects)).flat();
}

/** Why the rule set has no such slice (a stale payload queued before it changed), or undefined when it has. */
export function shardRefusal(sources: Sources, shard: ShardSpec): string | undefined {
  if (shardSlices(sources).some((s) => sameSlice(s.key, shard))) return undefined;
  return CATALOG_SOURCES.find((s) => s.name === shard.source)?.refusal(shard) ?? `no source is named "${shard.source}"`;
}

const [first, ...rest] = CATALOG_SOURCES.map((s) => s.shardKey);

/** One slice of a rule set's sources in a payload: `{ source: <name>, ...its key }`. */
export const shardSpecSchema = z.discriminatedUnion('source', [first, ...rest]);
