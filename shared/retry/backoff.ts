/**
 * Retrying a failed call: exponential backoff with full jitter, an attempt limit, and a deadline that no
 * sleep may cross. Only errors that say `retryable: true` (ThrottledError, TransientError) are retried.
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
}

const isFunction = (v: unknown) => typeof v === 'function';

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
});

/** Full jitter: uniform in [0, min(cap, base * 2^retryIndex)), where retryIndex 0 is the first retry. */
export function backoffDelay(retryIndex: number, random: () => number, backoff: Required<BackoffOptions>): number {
  return Math.floor(random() * Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** retryIndex));
}

export function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === true;
}

/**
 * Runs `fn` until it succeeds, fails with a non-retryable error, runs out of attempts, or the deadline would
 * be crossed, or `stop` fires. When the deadline or the stop ends it after a failure, the last failure is
 * thrown (it says what went wrong); when no attempt could start at all, DeadlineExceededError.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const parsed = retryOptionsSchema.safeParse(options);
  if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error), 'retry options');
  const { clock, random, deadline, stop, onRetry, ...backoff } = parsed.data;
  const pastDeadline = (t: number) => deadline !== undefined && t >= deadline;

  let lastError: unknown;
  for (let attempt = 1; ; attempt++) {
    if (pastDeadline(clock.now())) throw lastError ?? new DeadlineExceededError(deadline!);
    if (stop?.aborted) throw lastError ?? stoppedError(stop, clock.now());
    try {
      return await fn(attempt);
    } catch (error) {
      // An attempt refused for want of time (a rate limiter's wait would cross the deadline): the
      // previous failure is the real reason this call did not succeed.
      if (error instanceof DeadlineExceededError) throw lastError ?? error;
      if (!isRetryable(error) || attempt >= backoff.maxAttempts) throw error;
      const delayMs = backoffDelay(attempt - 1, random, backoff);
      if (pastDeadline(clock.now() + delayMs)) throw error;
      lastError = error;
      onRetry?.({ attempt, delayMs, error });
      await sleepUnlessStopped(clock, delayMs, stop);
    }
  }
}
