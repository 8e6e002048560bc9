/**
 * Queueing the shards of a run (or any payloads: the events function hands late assets on the same way, a run
 * its continuation): one async invocation each, optionally delayed, a retryable refusal (throttling, 5xx, no
 * answer) tried again after a short pause. A shard that still cannot be queued is returned, not thrown, so the
 * caller reports every shard's fate; the caller then fails the run, and FC's own retry of the scheduled
 * invocation queues the shards again. With a task id per payload (`taskId`), FC refuses one it has queued
 * before with 409, which counts as queued: so a repeat cannot queue a payload twice. Without one, a shard
 * queued twice runs twice, harmlessly: runs are idempotent.
 */
import type { Clock } from '../clock';
import { ApiError, AutotagError } from '../errors';
import { InvocationError, type Invoker } from './invoker';
import type { RunScope } from './scope';

export interface DispatchResult<P extends object = RunScope> {
  /** `alreadyQueued`: FC answered 409 to its task id, an earlier call queued it */
  queued: { scope: P; requestId?: string; taskId?: string; alreadyQueued?: true }[];
  failed: { scope: P; error: AutotagError }[];
}

/** Whether FC's retry of the dispatching invocation could get past every one of these refusals (throttling, 5xx, no answer). */
export function allRetryable(failed: readonly { error: AutotagError }[]): boolean {
  return failed.every((f) => f.error instanceof ApiError && f.error.retryable);
}

export interface DispatchOptions<P extends object = RunScope> {
  clock: Clock;
  /** attempts per shard, default 3 */
  attempts?: number;
  /** pause before the second attempt, doubled after each, default 1000 ms */
  backoffMs?: number;
  /** run each invocation this many seconds later (`x-fc-async-delay`) */
  delaySeconds?: number;
  /** FC's async task id of each payload (AsyncInvokeOptions.taskId) */
  taskId?: (payload: P) => string;
}

export async function dispatchShards<P extends object = RunScope>(invoker: Invoker, functionName: string, shards: P[], options: DispatchOptions<P>): Promise<DispatchResult<P>> {
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 1000;
  const result: DispatchResult<P> = { queued: [], failed: [] };
  for (const scope of shards) {
    const taskId = options.taskId?.(scope);
    const named = taskId === undefined ? {} : { taskId };
    for (let attempt = 1; ; attempt++) {
      try {
        const { requestId } = await invoker.invokeAsync(functionName, scope, { delaySeconds: options.delaySeconds, ...named });
        result.queued.push({ scope, requestId, ...named });
        break;
      } catch (e) {
        if (taskId !== undefined && e instanceof InvocationError && e.taskExists) {
          result.queued.push({ scope, taskId, alreadyQueued: true });
          break;
        }
        const again = e instanceof InvocationError && e.retryable && attempt < attempts;
        if (again) {
          await options.clock.sleep(backoffMs * 2 ** (attempt - 1));
          continue;
        }
        if (!(e instanceof AutotagError)) throw e;
        result.failed.push({ scope, error: e });
        break;
      }
    }
  }
  return result;
}
