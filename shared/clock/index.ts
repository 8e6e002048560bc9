/**
 * Time as a dependency: production code asks a Clock for the time and for sleeps, so tests can drive
 * retries, rate limits and deadlines with fake time instead of sleeping.
 */

export interface Clock {
  /** epoch milliseconds */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A clock whose sleeps return at once and advance its time: for tests and simulations. */
export function fakeClock(start = Date.UTC(2026, 0, 1)): Clock & { advance(ms: number): void; slept: number[] } {
  let t = start;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += Math.max(0, ms);
    },
    advance: (ms) => {
      t += ms;
    },
    slept,
  };
}
