/**
 * A loaded shard in memory, compact: a million cached tables would take about 230 MB as a Map of objects, so
 * each shard is typed arrays sorted by a 64-bit hash of the table id (binary search), 37 bytes a table, with
 * owner names interned. The ids themselves stay in the file: a flush re-reads it (table-cache.ts).
 */
import { createHash } from 'node:crypto';
import { ENV_TYPES } from '../../dataworks';
import type { CachedDetail } from './shard-file';

/** A table id's hash: the index key, the shard it falls in, and a fraction that spreads its expiry. */
export interface KeyHash {
  hi: number;
  lo: number;
  /** 0..255 */
  shardByte: number;
  /** in [0, 1) */
  spread: number;
}

export function hashKey(id: string): KeyHash {
  const d = createHash('sha1').update(id).digest();
  return { hi: d.readUInt32BE(0), lo: d.readUInt32BE(4), shardByte: d[8], spread: d.readUInt16BE(10) / 65536 };
}

/** Owner names, each kept once however many tables have it. */
export class Interner {
  private readonly index = new Map<string, number>();
  private readonly names: string[] = [];
  id(name: string | null): number {
    if (name === null) return -1;
    let i = this.index.get(name);
    if (i === undefined) this.index.set(name, (i = this.names.push(name) - 1));
    return i;
  }
  name(id: number): string | null {
    return id < 0 ? null : this.names[id];
  }
}

export type IndexedDetail = Omit<CachedDetail, 'id'>;

export interface ShardIndex {
  readonly size: number;
  find(key: KeyHash): IndexedDetail | undefined;
}

const BYTES_PER_ENTRY = 4 + 4 + 8 + 8 + 4 + 8 + 1;
export const indexBytes = (entries: number) => entries * BYTES_PER_ENTRY;

export function buildShardIndex(entries: readonly CachedDetail[], owners: Interner): ShardIndex {
  const keyed = entries.map((e) => ({ e, k: hashKey(e.id) })).sort((a, b) => a.k.hi - b.k.hi || a.k.lo - b.k.lo);
  const n = keyed.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const modifyTime = new Float64Array(n);
  const fetchedAt = new Float64Array(n);
  const owner = new Int32Array(n);
  const projectId = new Float64Array(n);
  const env = new Uint8Array(n);
  keyed.forEach(({ e, k }, i) => {
    hi[i] = k.hi;
    lo[i] = k.lo;
    modifyTime[i] = e.modifyTime ?? NaN;
    fetchedAt[i] = e.fetchedAt;
    owner[i] = owners.id(e.owner);
    projectId[i] = e.projectId ?? NaN;
    env[i] = e.envType === null ? 0 : ENV_TYPES.indexOf(e.envType) + 1;
  });
  const orNull = (v: number) => (Number.isNaN(v) ? null : v);
  return {
    size: n,
    find(key) {
      let a = 0;
      let b = n;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (hi[m] < key.hi || (hi[m] === key.hi && lo[m] < key.lo)) a = m + 1;
        else b = m;
      }
      if (a >= n || hi[a] !== key.hi || lo[a] !== key.lo) return undefined;
      return {
        modifyTime: orNull(modifyTime[a]),
        fetchedAt: fetchedAt[a],
        owner: owners.name(owner[a]),
        projectId: orNull(projectId[a]),
        envType: env[a] === 0 ? null : ENV_TYPES[env[a] - 1],
      };
    },
  };
}
