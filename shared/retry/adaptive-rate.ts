/**
 * The rate a limiter allows while the service throttles (the account's budget is shared with other callers,
 * or the service grants less than configured). Pure: every method takes the time.
 *
 * A throttled answer tells how much the service granted: the calls of ours it accepted in the one-second
 * window before the throttled one. The rate is cut to that count (and by at least a tenth), once per burst:
 * a throttled call that started before (or as) the last cut was made was paced at the old rate and says nothing new. The cut
 * is the ceiling learned: the rate then stays near it and probes above it slowly (cubic in the time since
 * the cut, so the first probe past the ceiling comes after a large share of `recoveryMs`), and is back at the
 * configured rate `recoveryMs` after the cut if nothing throttles again. A storm thus costs a throttled call
 * per probe, not one per second.
 */

export interface RateControlOptions {
  /** calls per second without throttling */
  configured: number;
  /** never cut below this */
  floor: number;
  /** time from a cut back to the configured rate (ms) */
  recoveryMs: number;
}

export interface RateControl {
  /** the rate in force at `now` */
  current(now: number): number;
  /**
   * A call that started at `startedAt` was throttled, while `accepted` of our calls (answered or not yet
   * answered, not throttled) had started in the service's window before it.
   */
  throttled(startedAt: number, accepted: number, now: number): void;
}

/** each cut lowers the rate by at least this share, so repeated throttling converges whatever the estimate */
const MIN_CUT = 0.1;

export function createRateControl({ configured, floor, recoveryMs }: RateControlOptions): RateControl {
  let cut: { rate: number; at: number } | undefined;

  const current = (now: number) => {
    if (!cut) return configured;
    const elapsed = now - cut.at;
    if (elapsed >= recoveryMs) {
      cut = undefined;
      return configured;
    }
    return cut.rate + (configured - cut.rate) * (elapsed / recoveryMs) ** 3;
  };

  return {
    current,
    throttled(startedAt, accepted, now) {
      if (cut && startedAt <= cut.at) return;
      const rate = Math.max(floor, Math.min(accepted, current(now) * (1 - MIN_CUT)));
      cut = { rate, at: now };
    },
  };
}
