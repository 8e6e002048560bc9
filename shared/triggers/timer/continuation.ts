/**
 * A scheduled run longer than one invocation goes on in the next. Each piece (a run in place, a shard, or a
 * continuation of either) stops reading before its invocation's deadline (`stopAtOf`); when its report has a
 * cursor (`next`), the piece queues its continuation: an async invocation of the same function (the shard
 * target, else the function itself) carrying the scope and the cursor, under a task id derived from the run,
 * the shard and the piece (shared/fanout piece-id.ts), so FC's at-least-once delivery and our own retries
 * cannot queue a piece twice (FC's 409 for a task id it has counts as queued). Every piece logs a
 * `run piece finished` line (piece-line.ts).
 *
 * The chain ends. A piece is continued only when it got somewhere: its cursor stands further than the one it
 * resumed from (a page done), or it wrote a binding (its pages are redone, and find that binding present).
 * Bindings to write are finite, so pieces cannot write forever without finishing a page; a piece that did
 * neither is not continued: its invocation fails, and FC's own retries (maxAsyncRetryAttempts, bounded) try
 * the same cursor again before its failure destination gets it. A continuation whose rule set or scope
 * changed since is refused (the engine's cursor check, the shard check): logged and returned, never retried.
 */
import { advanced, type RunReport } from '../../engine';
import { hasCode } from '../../errors';
import { allRetryable, dispatchShards, pieceTaskId, type InvokeTarget, type RunScope } from '../../fanout';
import type { Invocation, InvocationContext } from '../../runtime';
import { requireComplete, RunIncompleteError } from '../async-failures';
import { invokerOf } from '../invoker';
import { continuationEvent, type ScheduledRun } from './event';
import { PIECE_FINISHED, PIECE_REFUSED, pieceFinished, piecePlace } from './piece-line';

/**
 * How long before the deadline a piece stops reading: the writes it has planned (the windows queued and the
 * one being written, each write re-reading its assets first, at the quotas the shards share) settle in that
 * time; a write that does not is not started, and its pages are redone by the next piece. The deadline itself
 * keeps a tenth of the timeout, at most 15 s, for queueing the continuation and logging (shared/runtime
 * context.ts). A quarter of the timeout, at most 60 s: the 900 s scheduled function stops reading at 825 s,
 * writes until 885 s and has returned by 900 s.
 */
const WRITE_MARGIN = { share: 0.25, maxMs: 60_000 } as const;

/** When a piece stops reading (epoch ms). */
export function stopAtOf(context: Pick<InvocationContext, 'deadline' | 'timeoutSeconds'>): number {
  return context.deadline - Math.min(WRITE_MARGIN.maxMs, context.timeoutSeconds * 1000 * WRITE_MARGIN.share);
}

export type PieceOutcome =
  | { kind: 'run'; report: RunReport }
  | { kind: 'continued'; report: RunReport; continuation: { taskId: string; requestId?: string; alreadyQueued?: boolean } }
  | { kind: 'refused'; runId: string; piece: number; reason: string };

/**
 * Where a run's continuation is queued: the shard function when one is configured, else this function (by
 * the name FC's context gives it); none outside FC, where no account id is known (`autotag invoke`), so a
 * run there ends with its cursor as it always did.
 */
export function targetOf(invocation: Invocation): InvokeTarget | undefined {
  const { functionName, accountId } = invocation.context;
  return invocation.config.shardTarget ?? (functionName && accountId ? { api: 'fc3', functionName } : undefined);
}

/** Whether a piece's report is continued in another piece (it says nothing to the notifier then: the last piece does). */
export function continues(run: ScheduledRun, report: RunReport, target: InvokeTarget | undefined): boolean {
  return !!(report.next && target && (advanced(run.resume, report.next) || report.result.applied > 0));
}

/** The piece's continuation queued, or why it could not be (a failure FC's retry of this piece may get past). */
async function queue(invocation: Invocation, target: InvokeTarget, scope: RunScope, report: RunReport) {
  const next = report.next!;
  const taskId = pieceTaskId(scope.fanOut?.parentRunId ?? report.runId, scope.shard, next.piece + 1);
  const result = await dispatchShards(invokerOf(invocation, target, 'continuing a run'), target.functionName, [continuationEvent(scope, next)], { clock: invocation.clock, taskId: () => taskId });
  const [failed] = result.failed;
  if (failed) {
    return { failed: new RunIncompleteError(report.runId, 'continuation', allRetryable(result.failed), `piece ${next.piece + 1} could not be queued: ${failed.error.message}`) };
  }
  const [queued] = result.queued;
  return { queued: { taskId, ...(queued.requestId !== undefined && { requestId: queued.requestId }), ...(queued.alreadyQueued && { alreadyQueued: true }) } };
}

/**
 * After a piece ran: queue its continuation when it has one to queue, log the piece (whatever comes of it:
 * what it wrote is counted once, by this line), and end it as its report says.
 */
export async function settlePiece(invocation: Invocation, run: ScheduledRun, report: RunReport, target: InvokeTarget | undefined): Promise<PieceOutcome> {
  const { scope } = run;
  if (continues(run, report, target)) {
    const { queued: continuation, failed } = await queue(invocation, target!, scope, report);
    if (failed) {
      invocation.logger.error(PIECE_FINISHED, pieceFinished(scope, report, { notContinued: 'not-queued' }));
      throw failed;
    }
    invocation.logger.info(PIECE_FINISHED, pieceFinished(scope, report, { continuation }));
    return { kind: 'continued', report, continuation };
  }
  const notContinued = report.next ? (target ? 'stalled' : 'no-target') : undefined;
  const line = pieceFinished(scope, report, notContinued ? { notContinued } : {});
  if (notContinued === 'stalled') {
    invocation.logger.error(PIECE_FINISHED, line);
    throw new RunIncompleteError(report.runId, 'stalled', true, `piece ${report.piece} finished no page and wrote nothing before its time was up, so it is not continued; FC's retry tries the same cursor again`);
  }
  invocation.logger.info(PIECE_FINISHED, line);
  return { kind: 'run', report: requireComplete(report) };
}

/**
 * A continuation the function now refuses as input — its cursor is of another rule set or scope, its shard or
 * rules are gone — is a run that changed since it began: logged as such and returned, so FC does not retry it.
 * Anything else is rethrown.
 */
export function refuseContinuation(invocation: Invocation, run: ScheduledRun, error: unknown): PieceOutcome {
  if (!run.resume || !hasCode(error, 'INVALID_INPUT')) throw error;
  const place = piecePlace(run.scope, run.resume.runId, run.resume.piece + 1);
  const reason = `${error.message}: the rule set or scope changed since the run began, so it ends here unfinished (the next scheduled run covers what it left)`;
  invocation.logger.error(PIECE_REFUSED, { ...place, reason });
  return { kind: 'refused', runId: place.runId, piece: place.piece, reason };
}
