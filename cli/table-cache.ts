/**
 * The table-details cache of a CLI run: the folder `--table-cache` names (else AUTOTAG_TABLE_CACHE, else the
 * user's cache folder, `$XDG_CACHE_HOME/autotag` or `~/.cache/autotag`), trusted for `--table-cache-ttl`
 * (else AUTOTAG_TABLE_CACHE_TTL, else 7 days); `--no-table-cache` runs without one. One namespace per
 * DataWorks endpoint, so one folder serves several regions or accounts.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DURATION_HINT, parseDuration, type Clock } from '../shared/clock';
import type { ResolvedEndpoint } from '../shared/dataworks';
import { createTableDetailsCache, directoryStore, type TableDetailsCache } from '../shared/discovery';
import { InvalidInputError } from '../shared/errors';
import type { Logger } from '../shared/log';

export interface TableCacheFlags {
  /** a folder, or false for --no-table-cache */
  tableCache?: string | false;
  tableCacheTtl?: number;
}

type Env = Record<string, string | undefined>;

function defaultTableCacheDir(env: Env): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'autotag');
}

function ttlFromEnv(env: Env): number | undefined {
  const raw = env.AUTOTAG_TABLE_CACHE_TTL;
  if (!raw) return undefined;
  const ms = parseDuration(raw);
  if (ms === undefined) throw new InvalidInputError([{ field: 'AUTOTAG_TABLE_CACHE_TTL', message: `must be ${DURATION_HINT} (got ${JSON.stringify(raw)})` }], 'environment');
  return ms;
}

export function openTableCache(flags: TableCacheFlags, deps: { clock: Clock; logger: Logger; endpoint: ResolvedEndpoint; env: Env }): TableDetailsCache | undefined {
  if (flags.tableCache === false) return undefined;
  const dir = flags.tableCache ?? (deps.env.AUTOTAG_TABLE_CACHE || defaultTableCacheDir(deps.env));
  return createTableDetailsCache({
    store: directoryStore(dir),
    clock: deps.clock,
    scope: deps.endpoint.endpoint,
    ttlMs: flags.tableCacheTtl ?? ttlFromEnv(deps.env),
    logger: deps.logger,
  });
}
