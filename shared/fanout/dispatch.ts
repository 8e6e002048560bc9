/**
 * Queueing the shards of a run (or any payloads: the events function hands late assets on the same way):
 * one async invocation each, optionally delayed, a retryable refusal (throttling, 5xx, no answer) tried
 * again after a short pause. A shard that still cannot be queued is returned, not thrown, so the
 * caller reports every shard's fate; the caller then fails the run, and FC's own retry of the scheduled
 * invocation queues the shards again (a shard queued twice runs twice, harmlessly: runs are idempotent).
 */
import type { Clock } from '../clock';
import { AutotagError } from '../errors';
import { InvocationError, type Invoker } from './invoker';
import type { RunScope } from './scope';

export interface DispatchResult<P extends object = RunScope> {
  queued: { scope: P; requestId?: string }[];
  failed: { scope: P; error: AutotagError }[];
}

export interface DispatchOptions {
  clock: Clock;
  /** attempts per shard, default 3 */
  attempts?: number;
  /** pause before the second attempt, doubled after each, default 1000 ms */
  backoffMs?: number;
  /** run each invocation this many seconds later (`x-fc-async-delay`) */
  delaySeconds?: number;
}

export async function dispatchShards<P extends object = RunScope>(invoker: Invoker, functionName: string, shards: P[], options: DispatchOptions): Promise<DispatchResult<P>> {
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 1000;
  const result: DispatchResult<P> = { queued: [], failed: [] };
  for (const scope of shards) {
    for (let attempt = 1; ; attempt++) {
      try {
        const { requestId } = await invoker.invokeAsync(functionName, scope, { delaySeconds: options.delaySeconds });
        result.queued.push({ scope, requestId });
        break;
      } catch (e) {
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
