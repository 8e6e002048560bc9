/**
 * Table details kept across runs: owner, workspace and env as GetTable reported them, keyed by the table's id
 * and the ModifyTime ListTables reports, with a time-to-live. A cached entry is used while it is fresh and the
 * listing still reports the ModifyTime it was read at; a table whose ModifyTime moved is read again, and every
 * entry is read again within the TTL (each table's expiry falls between half the TTL and the TTL, spread by a
 * hash of its id, so re-reads do not all come on one night) — which changes move ModifyTime is undocumented.
 *
 * Files: `v1/<scope>/<MaxCompute project>/<shard>.json`, 16 shards a project, each written whole
 * (store.ts, shard-file.ts). A shard is loaded on first use, compactly (shard-index.ts), and the least
 * recently used are dropped past `maxLoadedEntries`. What a run reads is held apart until a flush, which
 * re-reads each touched shard, merges (the newer read of a table wins, expired entries go) and writes it: two
 * runs flushing one shard at once lose at most the other's new entries (last writer wins), which the next
 * run reads again. Trouble with the store is logged once and the run goes on without the cache.
 */
import type { Clock } from '../../clock';
import type { EnvType } from '../../dataworks';
import { silentLogger, type Logger } from '../../log';
import { mergeShards, parseShard, serializeShard, type CachedDetail } from './shard-file';
import { buildShardIndex, hashKey, indexBytes, Interner, type IndexedDetail, type ShardIndex } from './shard-index';
import type { CacheStore } from './store';

export const DEFAULT_TABLE_CACHE_TTL_MS = 7 * 24 * 3600_000;
const SHARDS_PER_PROJECT = 16;
/** a flush is due when this many details wait, or the oldest has waited this long */
const FLUSH_PENDING = 2000;
const FLUSH_AGE_MS = 30_000;

export interface TableKey {
  /** the MetaEntityId */
  id: string;
  /** what the listing reported (absent: the entry's age alone decides) */
  modifyTime?: number;
}

export interface TableDetails {
  owner: string | null;
  projectId?: number;
  envType?: EnvType;
}

export interface TableCacheStats {
  loadedShards: number;
  loadedEntries: number;
  /** what the loaded shards take in memory */
  loadedBytes: number;
  pending: number;
  hits: number;
  misses: number;
}

export interface TableDetailsCache {
  /** the cached details of each table that has a fresh entry read at the ModifyTime listed now, by id */
  lookup(tables: readonly TableKey[]): Promise<Map<string, TableDetails>>;
  /** details just read from the API */
  remember(table: TableKey, details: TableDetails): void;
  /** writes what was remembered, if enough waits or it has waited long enough */
  flushIfDue(): Promise<void>;
  /** writes everything remembered */
  flush(): Promise<void>;
  stats(): TableCacheStats;
}

export interface TableCacheOptions {
  store: CacheStore;
  clock: Clock;
  /** one cache directory can serve several accounts or regions: e.g. the endpoint's host */
  scope: string;
  /** default 7 days */
  ttlMs?: number;
  /** default 1,000,000 (about 37 MB) */
  maxLoadedEntries?: number;
  logger?: Logger;
}

const segment = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || '_';
/** `maxcompute-table:::project::table` or `maxcompute-table:::project:schema:table` → project */
const projectOf = (id: string) => /^maxcompute-table:[^:]*::([^:]+):/.exec(id)?.[1] ?? '_other';

export function createTableDetailsCache(options: TableCacheOptions): TableDetailsCache {
  const { store, clock } = options;
  const ttlMs = options.ttlMs ?? DEFAULT_TABLE_CACHE_TTL_MS;
  const maxLoaded = options.maxLoadedEntries ?? 1_000_000;
  const logger = options.logger ?? silentLogger;
  const root = `v1/${segment(options.scope)}`;
  const owners = new Interner();
  /** loaded shards, least recently used first */
  const loaded = new Map<string, ShardIndex>();
  let loadedEntries = 0;
  const loading = new Map<string, Promise<ShardIndex>>();
  const pending = new Map<string, Map<string, CachedDetail>>();
  let pendingCount = 0;
  let oldestPending: number | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let broken = false;
  let hits = 0;
  let misses = 0;

  const shardOf = (id: string, key = hashKey(id)) => `${root}/${segment(projectOf(id))}/${(key.shardByte % SHARDS_PER_PROJECT).toString(16)}.json`;

  /** The store failing is not the run failing: say so once, then work without it. */
  const giveUp = (what: string, e: unknown) => {
    if (!broken) logger.warn(`the table-details cache could not be ${what}; this run goes on without it`, { location: store.location, error: (e as Error).message });
    broken = true;
  };

  const readShard = async (name: string): Promise<CachedDetail[]> => {
    if (broken) return [];
    try {
      return parseShard(await store.read(name));
    } catch (e) {
      giveUp('read', e);
      return [];
    }
  };

  const drop = (name: string) => {
    loadedEntries -= loaded.get(name)?.size ?? 0;
    loaded.delete(name);
  };
  /** `index` is now the loaded form of `name`, and the most recently used */
  const keep = (name: string, index: ShardIndex) => {
    drop(name);
    loaded.set(name, index);
    loadedEntries += index.size;
    for (const [oldest] of loaded) {
      if (loadedEntries <= maxLoaded || oldest === name) break;
      drop(oldest);
    }
  };

  const shard = async (name: string): Promise<ShardIndex> => {
    const held = loaded.get(name);
    if (held) {
      keep(name, held);
      return held;
    }
    let load = loading.get(name);
    if (!load) {
      load = readShard(name).then((entries) => buildShardIndex(entries, owners));
      loading.set(name, load);
    }
    try {
      const index = await load;
      keep(name, index);
      return index;
    } finally {
      loading.delete(name);
    }
  };

  const fresh = (e: IndexedDetail | CachedDetail, spread: number, listed?: number) =>
    clock.now() < e.fetchedAt + ttlMs * (0.5 + spread / 2) && (listed === undefined || e.modifyTime === listed);

  const writeShard = async (name: string, mine: Map<string, CachedDetail>) => {
    const now = clock.now();
    const merged = mergeShards(await readShard(name), [...mine.values()], (e) => now < e.fetchedAt + ttlMs);
    if (broken) return;
    try {
      await store.write(name, serializeShard(merged));
    } catch (e) {
      giveUp('written', e);
      return;
    }
    // what other writers wrote meanwhile comes along
    if (loaded.has(name)) keep(name, buildShardIndex(merged, owners));
  };

  const flushAll = () => {
    const batch = [...pending];
    pending.clear();
    pendingCount = 0;
    oldestPending = undefined;
    flushing = flushing.then(async () => {
      for (const [name, mine] of batch) await writeShard(name, mine);
    });
    return flushing;
  };

  return {
    async lookup(tables) {
      const out = new Map<string, TableDetails>();
      for (const t of tables) {
        const key = hashKey(t.id);
        const name = shardOf(t.id, key);
        const e = pending.get(name)?.get(t.id) ?? (await shard(name)).find(key);
        if (e && fresh(e, key.spread, t.modifyTime)) {
          hits++;
          out.set(t.id, { owner: e.owner, projectId: e.projectId ?? undefined, envType: e.envType ?? undefined });
        } else misses++;
      }
      return out;
    },
    remember(table, details) {
      if (broken) return;
      const name = shardOf(table.id);
      const entry: CachedDetail = {
        id: table.id,
        modifyTime: table.modifyTime ?? null,
        fetchedAt: clock.now(),
        owner: details.owner,
        projectId: details.projectId ?? null,
        envType: details.envType ?? null,
      };
      let mine = pending.get(name);
      if (!mine) pending.set(name, (mine = new Map()));
      if (!mine.has(table.id)) pendingCount++;
      mine.set(table.id, entry);
      oldestPending ??= entry.fetchedAt;
    },
    async flushIfDue() {
      if (pendingCount >= FLUSH_PENDING || (oldestPending !== undefined && clock.now() - oldestPending >= FLUSH_AGE_MS)) await flushAll();
    },
    flush: () => flushAll(),
    stats: () => ({ loadedShards: loaded.size, loadedEntries, loadedBytes: indexBytes(loadedEntries), pending: pendingCount, hits, misses }),
  };
}
