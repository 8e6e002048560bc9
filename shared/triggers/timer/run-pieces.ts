/**
 * The pieces of one scheduled run read back as one report, from its log records (piece-line.ts): the run's
 * chains — one per shard it fanned out to, or the run itself when it ran in place — each a sequence of pieces,
 * a piece run once or more (FC's at-least-once delivery, its retries: each run that logged is a "delivery").
 * Counters are summed over every delivery: a write is made once whichever delivery makes it (a repeat finds it
 * present), so written, skipped and failed add up to what the run did (but for a piece FC killed before it
 * logged); evaluated and scanned count repeated work too. A chain is done when its last piece left no cursor;
 * the run is complete when every chain is.
 */
import { shardLabel } from '../../fanout';
import { fannedOutSchema, pieceFinishedSchema, pieceRefusedSchema, type PieceFinished, type PieceRefused } from './piece-line';

type Counts = PieceFinished['counts'];
type Failure = PieceFinished['failures'][number];

/** `done`: its last piece left no cursor; `continuing`: its last piece queued one not seen run (yet); the rest end it unfinished. */
export type ChainState = 'done' | 'continuing' | 'stalled' | 'no-target' | 'not-queued' | 'refused' | 'not-started';

export interface ChainReport {
  shard?: string;
  /** pieces seen (the highest piece number) */
  pieces: number;
  deliveries: number;
  state: ChainState;
  /** how the last piece ended (absent when none ran) */
  status?: PieceFinished['status'];
  /** what the last piece left unread, when the chain is not done */
  unread?: { partitions: number; assetsLeft: number };
  reason?: string;
}

export interface RunPiecesReport {
  runId: string;
  /** `incomplete`: a chain is not done; else the worst of the last pieces' (blocked, then partial) */
  status: 'ok' | 'partial' | 'blocked' | 'incomplete';
  /** shards the run fanned out to (absent: it ran in place) */
  shards?: number;
  chains: ChainReport[];
  pieces: number;
  deliveries: number;
  /** deliveries beyond the first of a piece */
  duplicates: number;
  totals: Counts;
  /** what the unfinished chains left unread */
  unread?: { partitions: number; assetsLeft: number };
  failures: Failure[];
  sourceErrors: PieceFinished['sourceErrors'];
  /** records of this run read */
  records: number;
}

const zero = (): Counts => ({ scanned: 0, evaluated: 0, bind: 0, present: 0, conflict: 0, applied: 0, skipped: 0, failed: 0, notStarted: 0 });

interface Chain {
  shard?: string;
  finished: PieceFinished[];
  refused: PieceRefused[];
}

function chainState(chain: Chain): ChainReport {
  const last = Math.max(0, ...chain.finished.map((p) => p.piece));
  const lastRefused = chain.refused.find((r) => r.piece > last);
  const base = { ...(chain.shard && { shard: chain.shard }), pieces: Math.max(last, lastRefused?.piece ?? 0), deliveries: chain.finished.length };
  if (lastRefused) return { ...base, state: 'refused', reason: lastRefused.reason };
  const ends = chain.finished.filter((p) => p.piece === last);
  if (!ends.length) return { ...base, state: 'not-started' };
  const done = ends.find((p) => !p.next);
  if (done) return { ...base, state: 'done', status: done.status };
  const end = ends.find((p) => p.continuation) ?? ends[0];
  const state: ChainState = end.continuation ? 'continuing' : (end.notContinued ?? 'stalled');
  return { ...base, state, status: end.status, ...(end.unread && { unread: { partitions: end.unread.partitions, assetsLeft: end.unread.assetsLeft } }) };
}

function mergeFailures(pieces: readonly PieceFinished[]): Failure[] {
  const byReason = new Map<string, Failure>();
  for (const f of pieces.flatMap((p) => p.failures)) {
    const key = `${f.code ?? ''}\u0000${f.reason}`;
    const seen = byReason.get(key);
    if (!seen) byReason.set(key, { ...f, keys: [...f.keys] });
    else byReason.set(key, { ...seen, assets: seen.assets + f.assets, keys: [...new Set([...seen.keys, ...f.keys])] });
  }
  return [...byReason.values()];
}

function sumCounts(pieces: readonly PieceFinished[]): Counts {
  const totals = zero();
  for (const p of pieces) for (const k of Object.keys(totals) as (keyof Counts)[]) totals[k] += p.counts[k];
  return totals;
}

/** The report of run `runId` from log records (any: those of other runs and other lines are passed over). */
export function combineRunPieces(records: readonly Record<string, unknown>[], runId: string): RunPiecesReport | undefined {
  const ofRun = (r: { runId: string; parentRunId?: string }) => r.runId === runId || r.parentRunId === runId;
  const chains = new Map<string, Chain>();
  const chainOf = (shard?: string) => {
    const key = shard ?? '';
    let chain = chains.get(key);
    if (!chain) chains.set(key, (chain = { ...(shard && { shard }), finished: [], refused: [] }));
    return chain;
  };
  let shards: number | undefined;
  let seen = 0;
  for (const record of records) {
    const fanned = fannedOutSchema.safeParse(record);
    if (fanned.success && fanned.data.runId === runId) {
      seen++;
      shards = fanned.data.queued.length + fanned.data.failed;
      for (const q of fanned.data.queued) if (q.shard) chainOf(shardLabel(q.shard));
      continue;
    }
    const finished = pieceFinishedSchema.safeParse(record);
    if (finished.success && ofRun(finished.data)) {
      seen++;
      chainOf(finished.data.shard).finished.push(finished.data);
      continue;
    }
    const refused = pieceRefusedSchema.safeParse(record);
    if (refused.success && ofRun(refused.data)) {
      seen++;
      chainOf(refused.data.shard).refused.push(refused.data);
    }
  }
  if (!seen) return undefined;

  const pieces = [...chains.values()].flatMap((c) => c.finished);
  const reports = [...chains.values()].map(chainState).sort((a, b) => (a.shard ?? '').localeCompare(b.shard ?? ''));
  const distinct = new Set(pieces.map((p) => `${p.shard ?? ''}\u0000${p.piece}`)).size;
  const unfinished = reports.filter((c) => c.state !== 'done');
  const unread = unfinished.reduce((u, c) => ({ partitions: u.partitions + (c.unread?.partitions ?? 0), assetsLeft: u.assetsLeft + (c.unread?.assetsLeft ?? 0) }), { partitions: 0, assetsLeft: 0 });
  const failures = mergeFailures(pieces);
  const sourceErrors = pieces.flatMap((p) => p.sourceErrors);
  const status: RunPiecesReport['status'] = unfinished.length || !reports.length
    ? 'incomplete'
    : reports.some((c) => c.status === 'blocked')
      ? 'blocked'
      : failures.length || sourceErrors.length || reports.some((c) => c.status === 'partial')
        ? 'partial'
        : 'ok';
  return {
    runId,
    status,
    ...(shards !== undefined && { shards }),
    chains: reports,
    pieces: distinct,
    deliveries: pieces.length,
    duplicates: pieces.length - distinct,
    totals: sumCounts(pieces),
    ...(unread.partitions > 0 && { unread }),
    failures,
    sourceErrors,
    records: seen,
  };
}
