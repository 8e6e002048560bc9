/**
 * Client-side rate limiting of one API budget (DataWorks counts reads and writes separately, per account
 * and region, for every caller together). A token bucket of capacity `burst` (default 1, so calls are evenly
 * spaced), kept as reservations: each `acquire` takes the next free slot in call order, so concurrent
 * callers are served first come, first served, and a caller whose slot would fall at or after the deadline
 * is refused at once instead of waiting.
 *
 * The server counts arrivals in a sliding one-second window, so slots alone are not enough: a busy event
 * loop wakes several overdue callers at once, and network delay varies from call to call. A log of actual
 * start times therefore also keeps every window of one second plus `marginMs` to at most the rate. A call
 * the server throttled leaves the log (the server does not count it either).
 *
 * Adaptive: when the server still throttles, the log says how many of our calls it accepted in the window
 * before the throttled one, and the rate is cut to that and probes back slowly (adaptive-rate.ts).
 *
 * Our own rather than bottleneck: bottleneck has no adaptive back-off, no injectable clock for fake-time
 * tests, and no deadline on a wait.
 */
import { z } from 'zod';
import { type Clock, clockSchema } from '../clock';
import { DeadlineExceededError, InvalidInputError, toInputIssues } from '../errors';
import { createRateControl } from './adaptive-rate';
import { sleepUnlessStopped, throwIfStopped } from './stop';

export interface RateLimiterOptions {
  /** the budget's rate in calls per second, for all shards together */
  ratePerSecond: number;
  /** concurrent shards of one run sharing the budget: this limiter allows `ratePerSecond / shards` (default 1) */
  shards?: number;
  /** calls that may start back to back after an idle spell (default 1) */
  burst?: number;
  /** the rate never drops below this after throttling (default 1/s, or the configured rate if lower) */
  minRatePerSecond?: number;
  /** how long after a cut the rate is back at the configured rate if nothing throttles again (default 120 s) */
  recoveryMs?: number;
  /** slack for the spread of delays between our start and the server's count: at most `rate` starts in any `1000 + marginMs` ms (default 100) */
  marginMs?: number;
  clock: Clock;
}

export interface RateLimiter {
  /**
   * Waits for this caller's turn. Throws DeadlineExceededError, without waiting, if the turn would come at or
   * after `deadline`, and as soon as `stop` fires (before or during the wait).
   */
  acquire(deadline?: number, stop?: AbortSignal): Promise<void>;
  /** Feedback: the server throttled a call made under this budget, which started at `startedAt` (default now: when acquire returned). */
  throttled(startedAt?: number): void;
  /** the rate in force now, calls per second */
  currentRate(): number;
  /** the rate this limiter returns to, calls per second (the budget's share for one shard) */
  readonly configuredRate: number;
}

/** the server's counting window */
const WINDOW_MS = 1000;
/** how long starts are kept: a throttled answer may arrive well after its call started */
const HISTORY_MS = 5000;

const optionsSchema = z.strictObject({
  ratePerSecond: z.number().positive().finite(),
  shards: z.number().int().min(1).max(1000).default(1),
  burst: z.number().int().min(1).max(1000).default(1),
  minRatePerSecond: z.number().positive().optional(),
  recoveryMs: z.number().positive().max(3_600_000).default(120_000),
  marginMs: z.number().min(0).max(10_000).default(100),
  clock: clockSchema,
});

/** The index of the first element greater than `t` in an ascending array. */
function firstAfter(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error), 'rate limiter options');
  const { clock, burst, recoveryMs } = parsed.data;
  const configuredRate = parsed.data.ratePerSecond / parsed.data.shards;
  const floor = Math.min(parsed.data.minRatePerSecond ?? 1, configuredRate);
  const control = createRateControl({ configured: configuredRate, floor, recoveryMs });
  const windowMs = WINDOW_MS + parsed.data.marginMs;
  const currentRate = () => control.current(clock.now());

  /** the next free slot (GCRA's theoretical arrival time) */
  let nextFree = -Infinity;
  /** when the calls of the last HISTORY_MS started, oldest first, less those the server throttled */
  const starts: number[] = [];
  /** settles when the latest caller has started (or given up): callers start strictly in turn */
  let lastInLine: Promise<void> = Promise.resolve();

  return {
    configuredRate,
    currentRate,
    async acquire(deadline, stop) {
      throwIfStopped(stop, clock);
      const now = clock.now();
      const interval = 1000 / currentRate();
      const slot = Math.max(now, nextFree - (burst - 1) * interval);
      if (deadline !== undefined && slot >= deadline) throw new DeadlineExceededError(deadline);
      nextFree = Math.max(nextFree, now) + interval;
      const previous = lastInLine;
      let started!: () => void;
      lastInLine = new Promise((resolve) => (started = resolve));
      try {
        // whole milliseconds: a timer cannot wait a fraction of one (fractional rates make fractional slots)
        for (let t = now; t < slot; t = clock.now()) {
          await sleepUnlessStopped(clock, Math.ceil(slot - t), stop);
          throwIfStopped(stop, clock);
        }
        await previous;
        for (;;) {
          throwIfStopped(stop, clock);
          const t = clock.now();
          if (deadline !== undefined && t >= deadline) throw new DeadlineExceededError(deadline);
          starts.splice(0, firstAfter(starts, t - HISTORY_MS));
          const capacity = Math.max(1, Math.floor(currentRate()));
          if (starts.length - firstAfter(starts, t - windowMs) < capacity) {
            starts.push(t);
            return;
          }
          const free = starts[starts.length - capacity] + windowMs;
          if (deadline !== undefined && free >= deadline) throw new DeadlineExceededError(deadline);
          // at least a millisecond: float rounding could leave `free` a hair from `t`
          await sleepUnlessStopped(clock, Math.max(1, Math.ceil(free - t)), stop);
        }
      } finally {
        started();
      }
    },
    throttled(startedAt = clock.now()) {
      const at = firstAfter(starts, startedAt) - 1;
      if (at >= 0 && starts[at] === startedAt) starts.splice(at, 1);
      const accepted = firstAfter(starts, startedAt) - firstAfter(starts, startedAt - WINDOW_MS);
      control.throttled(startedAt, accepted, clock.now());
    },
  };
}
