/**
 * Where a run that stopped early stands, so a later invocation resumes it: which partitions are done, the first
 * page not done of each partition it had started, the writes the blast-radius guard has counted, the counters
 * so far and the run id. A partition is named by its index in the run's partition list, which is stable for a
 * rule set and a scope (the `scope` hash checks both). Pages are "done" when evaluated and every write they
 * planned has settled, so a replayed cursor redoes only pages whose writes may be missing, and re-planning them
 * is idempotent (what was bound is found present). Small: a few hundred bytes plus a range list of the
 * partitions done, far under FC's 128 KB async payload.
 */
import { z } from 'zod';
import { InvalidInputError, toInputIssues } from '../errors';
import type { DiscoveryScope } from '../discovery';
import { hashOf } from './rule-set-hash';

const count = z.number().int().min(0);

export const totalsSchema = z.strictObject({
  scanned: z.record(z.string(), count),
  evaluated: count,
  bind: count,
  present: count,
  conflict: count,
  plannedWrites: count,
  applied: count,
  skipped: count,
  failed: count,
});

/** A run's counters summed over its pieces. */
export type RunTotals = z.infer<typeof totalsSchema>;

export const cursorSchema = z.strictObject({
  formatVersion: z.literal(1),
  runId: z.string().min(1).max(256),
  /** hash of the rule set and the run's scope (rules, workspaces, shard, targets) */
  scope: z.string().regex(/^[0-9a-f]{64}$/),
  /** pieces run so far; the resumed one is piece + 1 */
  piece: z.number().int().min(1),
  /** how many partitions the run has */
  partitions: count,
  /** partitions done, as index ranges: "0-41,43" */
  done: z.string().regex(/^(\d+(-\d+)?(,\d+(-\d+)?)*)?$/).max(100_000),
  /** partitions started and not done: [index, first page not done] */
  open: z.array(z.tuple([count, z.number().int().min(1)])).max(10_000),
  /** writes the guard counted in the pieces so far (bindings sent or meant to be sent) */
  writes: count,
  totals: totalsSchema,
});

export type Cursor = z.infer<typeof cursorSchema>;

export function emptyTotals(): RunTotals {
  return { scanned: {}, evaluated: 0, bind: 0, present: 0, conflict: 0, plannedWrites: 0, applied: 0, skipped: 0, failed: 0 };
}

/** What a run's cursor must match: the rule set, and everything that decides the run's partitions and rules. */
export function scopeHash(ruleSetHash: string, ruleIds: readonly string[] | undefined, scope: Pick<DiscoveryScope, 'projects' | 'shard' | 'targets'>): string {
  const sorted = (xs: readonly (string | number)[] | undefined) => (xs?.length ? [...xs].sort() : undefined);
  return hashOf({ ruleSetHash, ruleIds: sorted(ruleIds), projects: sorted(scope.projects), shard: scope.shard, targets: scope.targets });
}

/** Index ranges: [0,1,2,5] → "0-2,5". */
export function encodeRanges(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function decodeRanges(text: string): Set<number> {
  const out = new Set<number>();
  for (const part of text ? text.split(',') : []) {
    const [a, b = a] = part.split('-').map(Number);
    for (let i = a; i <= b; i++) out.add(i);
  }
  return out;
}

/** How far a cursor stands: how many partitions are done, and how many started and not done. */
export function standing(cursor: Pick<Cursor, 'done' | 'open'>): { done: number; open: number } {
  return { done: decodeRanges(cursor.done).size, open: cursor.open.length };
}

/**
 * Whether a piece got anywhere: its cursor stands further than the one it resumed from (none: the run's start),
 * by a partition done or a page done. The frontier only moves forward, so any difference is progress.
 */
export function advanced(from: Pick<Cursor, 'done' | 'open'> | undefined, to: Pick<Cursor, 'done' | 'open'>): boolean {
  const before = from ?? { done: '', open: [] };
  return before.done !== to.done || JSON.stringify(before.open) !== JSON.stringify(to.open);
}

/** A cursor checked at the boundary: well-formed, and one of this run (same rule set and scope). */
export function checkedCursor(value: unknown, scope: string, partitions: number): Cursor {
  const parsed = cursorSchema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error, 'resume'), 'run request');
  const cursor = parsed.data;
  const stale = cursor.scope !== scope ? 'belongs to another rule set or scope' : cursor.partitions !== partitions ? `counts ${cursor.partitions} partitions, the run has ${partitions}` : undefined;
  if (stale) throw new InvalidInputError([{ field: 'resume', message: `the cursor ${stale}: start the run again without it` }], 'run request');
  return cursor;
}
