/**
 * A run asked to stop (the CLI's SIGINT/SIGTERM) ends the way a run that hit its deadline does: no wait goes
 * on and no call starts once the stop signal has fired. The signal's reason (a string) names what asked to
 * stop. Waits end early on the signal, so a stop is not held up by a backoff sleep.
 */
import type { Clock } from '../clock';
import { DeadlineExceededError } from '../errors';

/** The error a call refused by a stop carries. */
export function stoppedError(stop: AbortSignal, now: number): DeadlineExceededError {
  return new DeadlineExceededError(now, typeof stop.reason === 'string' ? stop.reason : 'a stop request');
}

/** Throws `stoppedError` when `stop` has fired. */
export function throwIfStopped(stop: AbortSignal | undefined, clock: Clock): void {
  if (stop?.aborted) throw stoppedError(stop, clock.now());
}

/** `clock.sleep(ms)`, ended early (without an error) when `stop` fires. */
export function sleepUnlessStopped(clock: Clock, ms: number, stop: AbortSignal | undefined): Promise<void> {
  if (!stop) return clock.sleep(ms);
  if (stop.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stop.removeEventListener('abort', done);
      resolve();
    };
    stop.addEventListener('abort', done);
    clock.sleep(ms).then(done, done);
  });
}

/** An AbortSignal in a zod options schema. */
export const isAbortSignal = (v: unknown): v is AbortSignal => v instanceof AbortSignal;
