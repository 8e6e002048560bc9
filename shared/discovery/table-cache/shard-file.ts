/**
 * One file of the table-details cache: the details of the tables of one MaxCompute project whose id hashes to
 * one of its shards, each with the ModifyTime the listing reported when they were read and when that was.
 * Checked with zod on every read; a file that does not parse (cut short by a crash, half-visible on a mount,
 * written by another version) is treated as empty and replaced by the next write.
 */
import { z } from 'zod';
import { ENV_TYPES, type EnvType } from '../../dataworks';

export const SHARD_FORMAT = 'autotag-table-details';
export const SHARD_VERSION = 1;

/** One table's details as cached. */
export interface CachedDetail {
  /** the MetaEntityId */
  id: string;
  /** the ModifyTime the listing reported when the details were read (null: it reported none) */
  modifyTime: number | null;
  /** epoch ms of the read */
  fetchedAt: number;
  /** null: the table has no readable owner */
  owner: string | null;
  projectId: number | null;
  envType: EnvType | null;
}

// a tuple per table keeps a million-table cache near 90 MB of JSON instead of twice that
const entry = z.tuple([
  z.string().min(1),
  z.number().nullable(),
  z.number().finite(),
  z.string().nullable(),
  z.number().int().nullable(),
  z.enum(ENV_TYPES).nullable(),
]);

const shardSchema = z.strictObject({
  format: z.literal(SHARD_FORMAT),
  version: z.literal(SHARD_VERSION),
  entries: z.array(entry),
});

/** The entries of a shard file's text; none when the text is missing or not a valid shard. */
export function parseShard(text: string | undefined): CachedDetail[] {
  if (text === undefined) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const parsed = shardSchema.safeParse(json);
  if (!parsed.success) return [];
  return parsed.data.entries.map(([id, modifyTime, fetchedAt, owner, projectId, envType]) => ({ id, modifyTime, fetchedAt, owner, projectId, envType }));
}

export function serializeShard(entries: readonly CachedDetail[]): string {
  const rows = entries.map((e) => JSON.stringify([e.id, e.modifyTime, e.fetchedAt, e.owner, e.projectId, e.envType]));
  return `{"format":"${SHARD_FORMAT}","version":${SHARD_VERSION},"entries":[\n${rows.join(',\n')}\n]}\n`;
}

/** Both sides' entries, the newer read of each table winning, without those `keep` rejects (expired). */
export function mergeShards(older: readonly CachedDetail[], newer: readonly CachedDetail[], keep: (e: CachedDetail) => boolean): CachedDetail[] {
  const byId = new Map<string, CachedDetail>();
  for (const e of [...older, ...newer]) {
    const seen = byId.get(e.id);
    if (!seen || e.fetchedAt >= seen.fetchedAt) byId.set(e.id, e);
  }
  return [...byId.values()].filter(keep).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
