import { fakeClock, systemClock } from '../../shared/clock';
import { DeadlineExceededError, InvalidInputError } from '../../shared/errors';
import { createRateLimiter } from '../../shared/retry';

/** The most calls that fall in any window [t, t + windowMs) of the given start times. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('retry/limiter', () => {
  describe('createRateLimiter', () => {
    afterEach(() => jest.useRealTimers());

    it('keeps a concurrent burst of 200 calls at the configured rate, first come first served', async () => {
      // jest's fake timers drive the real systemClock, so concurrent waiters see true fake time
      jest.useFakeTimers({ now: 0 });
      const limiter = createRateLimiter({ ratePerSecond: 20, clock: systemClock });
      const started: { i: number; t: number }[] = [];
      const all = Promise.all(
        Array.from({ length: 200 }, (_, i) => limiter.acquire().then(() => started.push({ i, t: Date.now() }))),
      );
      await jest.runAllTimersAsync();
      await all;
      const times = started.map((s) => s.t);
      expect(started.map((s) => s.i)).toEqual(Array.from({ length: 200 }, (_, i) => i));
      expect(times.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i * 50));
      expect(Math.min(...times.slice(1).map((t, i) => t - times[i]))).toBeGreaterThanOrEqual(50);
      expect(maxInWindow(times, 1000)).toBe(20);
      expect(maxInWindow(times, 1100)).toBe(20); // the default margin for network jitter
      expect(times[199]).toBeLessThanOrEqual(199 * 55 + 50); // and no slower than the rate less the margin
    });

    it('judges the window on actual start times when a busy event loop wakes overdue callers together', async () => {
      jest.useFakeTimers({ now: 0 });
      const limiter = createRateLimiter({ ratePerSecond: 20, clock: systemClock });
      const times: number[] = [];
      const all = Promise.all(Array.from({ length: 60 }, () => limiter.acquire().then(() => times.push(Date.now()))));
      await jest.advanceTimersByTimeAsync(300);
      jest.setSystemTime(Date.now() + 400); // the loop was blocked for 400 ms: slots 350..700 are overdue
      await jest.runAllTimersAsync();
      await all;
      expect(times).toHaveLength(60);
      expect(maxInWindow(times, 1100)).toBeLessThanOrEqual(20);
    });

    it('lets `burst` calls start together after an idle spell, then spaces them', async () => {
      const clock = fakeClock(0);
      const limiter = createRateLimiter({ ratePerSecond: 10, burst: 3, clock });
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        await limiter.acquire();
        times.push(clock.now());
      }
      expect(times).toEqual([0, 0, 0, 100, 200]);
    });

    it('divides the rate among shards', async () => {
      const clock = fakeClock(0);
      const limiter = createRateLimiter({ ratePerSecond: 20, shards: 4, clock });
      expect(limiter.configuredRate).toBe(5);
      await limiter.acquire();
      await limiter.acquire();
      expect(clock.now()).toBe(200);
    });

    it('refuses at once, without taking a turn, when the turn would come at or after the deadline', async () => {
      const clock = fakeClock(0);
      const limiter = createRateLimiter({ ratePerSecond: 10, clock });
      await limiter.acquire(1000); // slot 0
      await expect(limiter.acquire(100)).rejects.toBeInstanceOf(DeadlineExceededError); // slot 100: refused
      expect(clock.now()).toBe(0);
      await limiter.acquire(1000); // the refused caller did not take slot 100
      expect(clock.now()).toBe(100);
    });

    it('cuts the rate to the calls the server accepted in the window before the throttled one, once per burst', async () => {
      const clock = fakeClock(0);
      const limiter = createRateLimiter({ ratePerSecond: 20, clock, recoveryMs: 3_600_000 });
      for (let i = 0; i < 8; i++) await limiter.acquire(); // 8 calls accepted, at 0, 50, ... 350
      await limiter.acquire();
      const throttledAt = clock.now();
      await limiter.acquire(); // started before the answer came: paced at the old rate
      const early = clock.now();
      limiter.throttled(throttledAt);
      expect(limiter.currentRate()).toBeCloseTo(8, 1); // the 8 accepted before it
      limiter.throttled(early); // the same burst: no second cut
      expect(limiter.currentRate()).toBeCloseTo(8, 1);
      await limiter.acquire();
      limiter.throttled(clock.now()); // made at the new rate: a new signal, cut by at least a tenth
      expect(limiter.currentRate()).toBeLessThanOrEqual(8 * 0.9 + 0.01);
    });

    it('keeps calls at the lowered rate after throttling, counting the accepted calls still in the window', async () => {
      const clock = fakeClock(0);
      const limiter = createRateLimiter({ ratePerSecond: 20, clock, recoveryMs: 3_600_000 });
      const times: number[] = [];
      for (let i = 0; i < 10; i++) await limiter.acquire().then(() => times.push(clock.now()));
      await limiter.acquire();
      limiter.throttled(clock.now()); // 10 accepted in the window before it
      expect(limiter.currentRate()).toBeCloseTo(10, 1);
      for (let i = 0; i < 30; i++) await limiter.acquire().then(() => times.push(clock.now()));
      expect(maxInWindow(times, 1100)).toBe(10);
      expect(times[times.length - 1] - times[10]).toBeGreaterThanOrEqual(29 * 100);
    });

    it('probes back slowly after a cut, and is at the configured rate once recoveryMs has passed, never above it', () => {
      const clock = fakeClock(0);
      const limiter = createRateLimiter({ ratePerSecond: 50, clock, recoveryMs: 120_000 });
      limiter.throttled(); // nothing accepted before it: down to the floor
      expect(limiter.currentRate()).toBe(1);
      clock.advance(30_000); // a quarter of the way: still within 1/64 of the distance
      expect(limiter.currentRate()).toBeLessThan(1 + 49 / 64 + 0.01);
      clock.advance(60_000);
      expect(limiter.currentRate()).toBeGreaterThan(20);
      clock.advance(30_000);
      expect(limiter.currentRate()).toBe(50);
      clock.advance(60_000);
      expect(limiter.currentRate()).toBe(50);
    });

    it('never goes below a configured rate lower than the default floor', () => {
      const clock = fakeClock(0);
      const limiter = createRateLimiter({ ratePerSecond: 2, shards: 4, clock });
      for (let i = 0; i < 5; i++) {
        clock.advance(1000);
        limiter.throttled();
      }
      expect(limiter.currentRate()).toBe(0.5);
    });

    it('rejects bad options with InvalidInputError', () => {
      expect(() => createRateLimiter({ ratePerSecond: 0, clock: fakeClock() })).toThrow(InvalidInputError);
      expect(() => createRateLimiter({ ratePerSecond: 5, shards: 0, clock: fakeClock() })).toThrow(/shards/);
      expect(() => createRateLimiter({ ratePerSecond: 5, clock: fakeClock(), rate: 3 } as never)).toThrow(InvalidInputError);
    });
  });
});
