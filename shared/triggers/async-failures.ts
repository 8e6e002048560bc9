/**
 * How the async triggers (timer, eventbridge) end when a run does not complete. Throwing makes FC retry the
 * invocation (maxAsyncRetryAttempts in s.yaml), which is right when a retry can help — throttling, a
 * transient error, a deadline, a shard that could not be queued — and safe because every run is
 * idempotent. When a retry cannot help (bad input or configuration, a missing permission, the blast-radius
 * guard), the failure is logged and returned, so FC does not repeat it.
 * It lives with the triggers, not the runtime: retry-or-not is how an async delivery works, while the HTTP
 * trigger answers every failure with a status code and FC never retries it.
 */
import { AutotagError, hasCode, isAutotagError } from '../errors';
import { redact, redactString, type Logger } from '../log';
import type { RunReport } from '../engine';
import type { Invocation } from '../runtime';

/** A run that ended `partial` or `deadline`, or a fan-out that could not queue every shard. */
export class RunIncompleteError extends AutotagError {
  readonly code = 'RUN_INCOMPLETE';
  constructor(
    readonly runId: string,
    readonly status: string,
    readonly retryable: boolean,
    detail: string,
  ) {
    super(`run ${runId} did not complete (${status}): ${detail}`);
  }
  override toJSON() {
    return { ...super.toJSON(), runId: this.runId, status: this.status, retryable: this.retryable };
  }
}

/** The report when the run completed (ok), or blocked (a retry would block again); else a RunIncompleteError. */
export function requireComplete(report: RunReport): RunReport {
  if (report.status === 'partial') {
    const failed = report.result.failed ? `${report.result.failed} bindings failed (${report.failures.map((f) => f.reason).join('; ')})` : undefined;
    const unread = report.sourceErrors.length ? `${report.sourceErrors.length} sources could not be read (${report.sourceErrors.map((e) => `${e.partition}: ${e.code}`).join('; ')})` : undefined;
    throw new RunIncompleteError(report.runId, report.status, true, [failed, unread].filter(Boolean).join('; '));
  }
  if (report.status === 'deadline') {
    const u = report.unread;
    const unread = u ? ` and ${u.partitions} partitions were not read to their end (${u.cut} cut part-way, about ${u.assetsLeft} assets left in them)` : '';
    throw new RunIncompleteError(report.runId, report.status, true, `${report.result.notStarted} bindings were not started before the deadline${unread}; a retry continues where it stopped (what was written is found present)`);
  }
  return report;
}

/** By code and the error's own `retryable` (API errors, incomplete runs), never by class (see shared/errors). */
function retryable(error: unknown): boolean {
  if (!isAutotagError(error)) return true; // not ours: a bug or the platform; a retry is harmless (runs are idempotent) and may get past it
  if (hasCode(error, 'DEADLINE_EXCEEDED')) return true;
  const flag = (error as { retryable?: unknown }).retryable;
  return typeof flag === 'boolean' ? flag : false;
}

export interface AsyncFailure {
  status: 'failed';
  error: unknown;
}

/** Logs the failure; rethrows it when FC should retry, else returns it as the invocation's result. */
export function settleAsyncFailure(invocation: Pick<Invocation, 'logger'>, error: unknown): AsyncFailure {
  const retry = retryable(error);
  invocation.logger.error(retry ? 'invocation failed; FC retries it' : 'invocation failed; not retried, a retry cannot help', { error });
  if (!retry) return { status: 'failed', error: redact(error) };
  if (isAutotagError(error)) throw error;
  // What FC prints of an error we did not build must not hold a secret either.
  const safe = new Error(redactString(error instanceof Error ? error.message : String(error)));
  safe.stack = redactString((error instanceof Error && error.stack) || safe.message);
  throw safe;
}

/** An async trigger's `refuseStart`: an invocation that could not be opened is settled as any failure. */
export const refuseAsyncStart = (error: unknown, logger: Logger): AsyncFailure => settleAsyncFailure({ logger }, error);

/** An async trigger's `handle`: parse the event, run the service, and settle a failure as above. */
export function settleAsync<Input, Outcome>(parse: (event: unknown) => Input, serve: (invocation: Invocation, input: Input) => Promise<Outcome>) {
  return async (invocation: Invocation, event: unknown): Promise<Outcome | AsyncFailure> => {
    try {
      return await serve(invocation, parse(event));
    } catch (error) {
      return settleAsyncFailure(invocation, error);
    }
  };
}
