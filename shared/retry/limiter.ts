/**
 * Client-side rate limiting of one API budget (DataWorks counts reads and writes separately, per account
 * and region, for every caller together). A token bucket of capacity `burst` (default 1, so calls are evenly
 * spaced), kept as reservations: each `acquire` takes the next free slot in call order, so concurrent
 * callers are served first come, first served, and a caller whose slot would fall at or after the deadline
 * is refused at once instead of waiting.
 *
 * The server counts arrivals in a sliding one-second window, so slots alone are not enough: a busy event
 * loop wakes several overdue callers at once, and network delay varies from call to call. A log of actual
 * start times therefore also keeps every window of one second plus `marginMs` to at most the rate.
 *
 * Adaptive (AIMD): when the server still throttles (other callers share the account's budget), the rate is
 * halved, at most once per second and never below the floor, and then grows back linearly with time to the
 * configured rate.
 *
 * Our own rather than bottleneck: bottleneck has no adaptive back-off, no injectable clock for fake-time
 * tests, and no deadline on a wait.
 */
import { z } from 'zod';
import { type Clock, clockSchema } from '../clock';
import { DeadlineExceededError, InvalidInputError, toInputIssues } from '../errors';
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
  /** how fast the rate grows back after a cut, in calls/s per second (default a tenth of the configured rate) */
  recoveryPerSecond?: number;
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
  /** Feedback: the server throttled a call made under this budget. */
  throttled(): void;
  /** the rate in force now, calls per second */
  currentRate(): number;
  /** the rate this limiter returns to, calls per second (the budget's share for one shard) */
  readonly configuredRate: number;
}

/** A burst of throttled answers to calls made at the old rate is one signal, not many. */
const CUT_COOLDOWN_MS = 1000;
/** the server's counting window */
const WINDOW_MS = 1000;

const optionsSchema = z.strictObject({
  ratePerSecond: z.number().positive().finite(),
  shards: z.number().int().min(1).max(1000).default(1),
  burst: z.number().int().min(1).max(1000).default(1),
  minRatePerSecond: z.number().positive().optional(),
  recoveryPerSecond: z.number().positive().optional(),
  marginMs: z.number().min(0).max(10_000).default(100),
  clock: clockSchema,
});

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error), 'rate limiter options');
  const { clock, burst } = parsed.data;
  const configuredRate = parsed.data.ratePerSecond / parsed.data.shards;
  const floor = Math.min(parsed.data.minRatePerSecond ?? 1, configuredRate);
  const recoveryPerSecond = parsed.data.recoveryPerSecond ?? configuredRate / 10;
  const windowMs = WINDOW_MS + parsed.data.marginMs;

  /** the next free slot (GCRA's theoretical arrival time) */
  let nextFree = -Infinity;
  /** the rate set by the last cut, and when */
  let cut: { rate: number; at: number } | undefined;
  /** when the calls of the last window actually started, oldest first */
  const starts: number[] = [];
  /** settles when the latest caller has started (or given up): callers start strictly in turn */
  let lastInLine: Promise<void> = Promise.resolve();

  const currentRate = () => {
    if (!cut) return configuredRate;
    const recovered = cut.rate + (recoveryPerSecond * (clock.now() - cut.at)) / 1000;
    if (recovered < configuredRate) return recovered;
    cut = undefined;
    return configuredRate;
  };

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
        for (let t = now; t < slot; t = clock.now()) {
          await sleepUnlessStopped(clock, slot - t, stop);
          throwIfStopped(stop, clock);
        }
        await previous;
        for (;;) {
          throwIfStopped(stop, clock);
          const t = clock.now();
          if (deadline !== undefined && t >= deadline) throw new DeadlineExceededError(deadline);
          while (starts.length > 0 && starts[0] <= t - windowMs) starts.shift();
          const capacity = Math.max(1, Math.floor(currentRate()));
          if (starts.length < capacity) {
            starts.push(t);
            return;
          }
          const free = starts[starts.length - capacity] + windowMs;
          if (deadline !== undefined && free >= deadline) throw new DeadlineExceededError(deadline);
          await sleepUnlessStopped(clock, free - t, stop);
        }
      } finally {
        started();
      }
    },
    throttled() {
      const now = clock.now();
      if (cut && now - cut.at < CUT_COOLDOWN_MS) return;
      cut = { rate: Math.max(floor, currentRate() / 2), at: now };
    },
  };
}
