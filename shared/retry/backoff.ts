/**
 * Retrying a failed call: exponential backoff with full jitter, an attempt limit, and a deadline that no
 * sleep may cross. Only errors that say `retryable: true` (ThrottledError, TransientError) are retried.
 * Errors the caller marks `persistent` (throttling, which a rate limiter answers by slowing down) are retried
 * past the attempt limit for as long as the deadline allows, or `patienceMs` when there is none; when the
 * deadline ends them the call did not fail, it ran out of time: DeadlineExceededError.
 *
 * Our own small loop rather than p-retry: p-retry is ESM-only (this project is CommonJS), takes no clock, so
 * tests would sleep in real time, and bounds retries by count and per-try timeout, not by an absolute deadline
 * that sleeps must end before.
 */
import { z } from 'zod';
import { type Clock, clockSchema } from '../clock';
import { DeadlineExceededError, InvalidInputError, toInputIssues } from '../errors';
import { isAbortSignal, sleepUnlessStopped, stoppedError } from './stop';

export const DEFAULT_BACKOFF = { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 20_000 } as const;
/** how long a persistent error is retried when no deadline bounds the call */
const DEFAULT_PATIENCE_MS = 15 * 60_000;

/** The tunable part of retrying, as a user or a caller may set it. */
export interface BackoffOptions {
  /** attempts in all, the first one included (default 6) */
  maxAttempts?: number;
  /** the first retry waits up to this long (default 200 ms); each further retry doubles it */
  baseDelayMs?: number;
  /** no single wait is longer (default 20 s) */
  maxDelayMs?: number;
}

/** What `onRetry` hears before each backoff sleep. */
export interface RetryEvent {
  /** the attempt that just failed, from 1 */
  attempt: number;
  delayMs: number;
  error: unknown;
}

export interface RetryOptions extends BackoffOptions {
  clock: Clock;
  /** uniform in [0, 1): the jitter source */
  random: () => number;
  /** epoch ms: no attempt starts and no sleep ends at or after it */
  deadline?: number;
  /** once it fires, no attempt starts and a backoff sleep ends at once (like a deadline that came early) */
  stop?: AbortSignal;
  onRetry?: (event: RetryEvent) => void;
  /** errors retried whatever the attempt count, until the deadline (default: none) */
  persistent?: (error: unknown) => boolean;
  /** with no deadline, persistent errors are retried for this long from the first attempt (default 15 min) */
  patienceMs?: number;
}

const isFunction = (v: unknown) => typeof v === 'function';
/** past this many doublings every delay is the cap anyway (and 2^n stays finite for a persistent retry) */
const MAX_DOUBLINGS = 30;

export const backoffOptionsSchema = z.strictObject({
  maxAttempts: z.number().int().min(1).max(20).default(DEFAULT_BACKOFF.maxAttempts),
  baseDelayMs: z.number().min(0).max(60_000).default(DEFAULT_BACKOFF.baseDelayMs),
  maxDelayMs: z.number().min(0).max(300_000).default(DEFAULT_BACKOFF.maxDelayMs),
});

const retryOptionsSchema = backoffOptionsSchema.extend({
  clock: clockSchema,
  random: z.custom<() => number>(isFunction, 'must be a function'),
  deadline: z.number().finite().optional(),
  stop: z.custom<AbortSignal>(isAbortSignal, 'must be an AbortSignal').optional(),
  onRetry: z.custom<(event: RetryEvent) => void>(isFunction, 'must be a function').optional(),
  persistent: z.custom<(error: unknown) => boolean>(isFunction, 'must be a function').optional(),
  patienceMs: z.number().positive().default(DEFAULT_PATIENCE_MS),
});

/** Full jitter: uniform in [0, min(cap, base * 2^retryIndex)), where retryIndex 0 is the first retry. */
export function backoffDelay(retryIndex: number, random: () => number, backoff: Required<BackoffOptions>): number {
  return Math.floor(random() * Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** retryIndex));
}

export function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === true;
}

/**
 * Runs `fn` until it succeeds, fails with a non-retryable error, runs out of attempts (or, for a persistent
 * error, of patience), the deadline would be crossed, or `stop` fires. When the deadline or the stop ends it
 * after a failure, the last failure is thrown (it says what went wrong), unless that failure is persistent;
 * when no attempt could start at all, or the deadline ended a persistent error's retries, DeadlineExceededError.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const parsed = retryOptionsSchema.safeParse(options);
  if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error), 'retry options');
  const { clock, random, deadline, stop, onRetry, persistent, patienceMs, ...backoff } = parsed.data;
  const pastDeadline = (t: number) => deadline !== undefined && t >= deadline;
  const patientUntil = clock.now() + patienceMs;
  const isPersistent = (error: unknown) => persistent?.(error) === true;
  // what the deadline or a stop ending a retry after `failure` throws: the failure, or (none yet, or a persistent one) the deadline
  const stopped = (failure: unknown, deadlineError: DeadlineExceededError) => (failure === undefined || isPersistent(failure) ? deadlineError : failure);

  let lastError: unknown;
  // attempts that failed with an error the attempt limit applies to
  let limited = 0;
  for (let attempt = 1; ; attempt++) {
    if (pastDeadline(clock.now())) throw stopped(lastError, new DeadlineExceededError(deadline!));
    if (stop?.aborted) throw stopped(lastError, stoppedError(stop, clock.now()));
    try {
      return await fn(attempt);
    } catch (error) {
      // An attempt refused for want of time (a rate limiter's wait would cross the deadline): the
      // previous failure is the real reason this call did not succeed.
      if (error instanceof DeadlineExceededError) throw stopped(lastError, error);
      if (!isRetryable(error)) throw error;
      const more = isPersistent(error) ? deadline !== undefined || clock.now() < patientUntil : ++limited < backoff.maxAttempts;
      if (!more) throw error;
      const delayMs = backoffDelay(Math.min(attempt - 1, MAX_DOUBLINGS), random, backoff);
      if (pastDeadline(clock.now() + delayMs)) throw stopped(error, new DeadlineExceededError(deadline!));
      lastError = error;
      onRetry?.({ attempt, delayMs, error });
      await sleepUnlessStopped(clock, delayMs, stop);
    }
  }
}
