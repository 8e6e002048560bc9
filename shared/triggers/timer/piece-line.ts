/**
 * The log lines a scheduled run's pieces leave, so the pieces of one run can be read back as one report from
 * the function's log (run-pieces.ts, `autotag report --run`): every piece that ran logs `run piece finished`
 * with its own counters (not the run's so far), what it left unread, its failures, the summary of the cursor
 * it stopped at and the continuation it queued; a continuation refused before running (the rule set changed
 * since) logs `run piece refused`; a run that fans out logs `fanned out` with its shards. The schemas read
 * them back; fields the logger adds (time, level, request id) pass through unread.
 */
import { z } from 'zod';
import { shardSpecSchema } from '../../discovery';
import { standing, type Cursor, type RunReport } from '../../engine';
import { shardLabel, type RunScope } from '../../fanout';

export const PIECE_FINISHED = 'run piece finished';
export const PIECE_REFUSED = 'run piece refused';
/** the line of a run that fanned out: the shards it queued, each the first piece of a chain of its own */
export const FANNED_OUT = 'fanned out';

const count = z.number().int().min(0);

/** Where a piece stands in its run: the chain of pieces is named by the run (a shard's: the run it belongs to) and the shard. */
const placeShape = {
  /** the piece's run id (a shard's own, kept by its continuations) */
  runId: z.string().min(1),
  /** a shard's: the run that fanned out */
  parentRunId: z.string().min(1).optional(),
  /** shardLabel of a shard's slice */
  shard: z.string().min(1).optional(),
  piece: z.number().int().min(1),
};

const countsSchema = z.object({ scanned: count, evaluated: count, bind: count, present: count, conflict: count, applied: count, skipped: count, failed: count, notStarted: count });

export const pieceFinishedSchema = z.object({
  msg: z.literal(PIECE_FINISHED),
  ...placeShape,
  status: z.enum(['ok', 'partial', 'blocked', 'deadline']),
  durationMs: count,
  counts: countsSchema,
  unread: z.object({ partitions: count, cut: count, assetsLeft: count }).optional(),
  failures: z.array(z.object({ reason: z.string(), code: z.string().optional(), assets: count, keys: z.array(z.string()) })),
  sourceErrors: z.array(z.object({ partition: z.string(), code: z.string() })),
  /** the cursor it stopped at, summed up (partitions done and open of all, the guard's count) */
  next: z.object({ partitions: count, done: count, open: count, writes: count }).optional(),
  continuation: z.object({ taskId: z.string(), requestId: z.string().optional(), alreadyQueued: z.boolean().optional() }).optional(),
  /**
   * a cursor not continued: `stalled` (no page done, nothing written: not requeued), `no-target` (nowhere to
   * queue it), `not-queued` (FC refused to queue it: the piece fails, FC's retry may queue it)
   */
  notContinued: z.enum(['stalled', 'no-target', 'not-queued']).optional(),
});

export const pieceRefusedSchema = z.object({ msg: z.literal(PIECE_REFUSED), ...placeShape, reason: z.string() });

export const fannedOutSchema = z.object({
  msg: z.literal(FANNED_OUT),
  runId: z.string().min(1),
  queued: z.array(z.object({ shard: shardSpecSchema.optional() })),
  failed: count,
});

export type PieceFinished = z.infer<typeof pieceFinishedSchema>;
export type PieceRefused = z.infer<typeof pieceRefusedSchema>;
export type PiecePlace = Pick<PieceFinished, 'runId' | 'parentRunId' | 'shard' | 'piece'>;

/** The place of the piece a scope runs: `piece` as the run's report or cursor counts it. */
export function piecePlace(scope: RunScope, runId: string, piece: number): PiecePlace {
  return {
    runId,
    ...(scope.fanOut && { parentRunId: scope.fanOut.parentRunId }),
    ...(scope.shard && { shard: shardLabel(scope.shard) }),
    piece,
  };
}

function cursorSummary(next: Cursor): NonNullable<PieceFinished['next']> {
  return { partitions: next.partitions, ...standing(next), writes: next.writes };
}

/** The fields of a piece's `run piece finished` line (without `msg`, which the logger writes). */
export function pieceFinished(scope: RunScope, report: RunReport, outcome: Pick<PieceFinished, 'continuation' | 'notContinued'>): Omit<PieceFinished, 'msg'> {
  const scanned = Object.values(report.plan.assetsScanned).reduce((n, v) => n + (v ?? 0), 0);
  const { bind, present, conflict } = report.plan;
  return {
    ...piecePlace(scope, report.runId, report.piece),
    status: report.status,
    durationMs: report.durationMs,
    counts: { scanned, evaluated: report.plan.assetsEvaluated, bind, present, conflict, ...report.result },
    ...(report.unread && { unread: { partitions: report.unread.partitions, cut: report.unread.cut, assetsLeft: report.unread.assetsLeft } }),
    failures: report.failures.map((f) => ({ reason: f.reason, ...(f.code !== undefined && { code: f.code }), assets: f.assets, keys: f.keys })),
    sourceErrors: report.sourceErrors.map((e) => ({ partition: e.partition, code: e.code })),
    ...(report.next && { next: cursorSummary(report.next) }),
    ...outcome,
  };
}
