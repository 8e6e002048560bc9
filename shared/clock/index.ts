/**
 * Time as a dependency: production code asks a Clock for the time and for sleeps, so tests can drive
 * retries, rate limits and deadlines with fake time instead of sleeping; and durations as flags spell them
 * (duration.ts).
 */
import { z } from 'zod';

export { parseDuration, DURATION_HINT } from './duration';

export interface Clock {
  /** epoch milliseconds */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Whether `v` can serve as a Clock (options are checked at every boundary that takes one). */
export function isClock(v: unknown): v is Clock {
  return typeof v === 'object' && v !== null && typeof (v as Clock).now === 'function' && typeof (v as Clock).sleep === 'function';
}

/** A Clock in a zod options schema. */
export const clockSchema = z.custom<Clock>(isClock, 'must be a Clock (now() and sleep(ms))');

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
