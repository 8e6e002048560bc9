/**
 * A stop signal is a deadline that comes early: once it fires, a rate limiter's waiter and a retry's backoff
 * sleep end at once, no attempt starts, and the refusal is a DeadlineExceededError saying `interrupted`.
 */
import { fakeClock, type Clock } from '../../shared/clock';
import { DeadlineExceededError, ThrottledError } from '../../shared/errors';
import { createRateLimiter, retry } from '../../shared/retry';

/** A clock whose sleeps never end by themselves: only a stop can end a wait. */
function stuckClock(): Clock {
  return { now: () => 1000, sleep: () => new Promise<void>(() => {}) };
}

const throttled = () => new ThrottledError({ action: 'ListDataAssets', serviceCode: 'Throttling.User', httpStatus: 400 });

describe('retry/stop', () => {
  it('a limiter refuses a turn once stopped, saying interrupted and by what', async () => {
    const limiter = createRateLimiter({ ratePerSecond: 10, clock: fakeClock() });
    const stop = new AbortController();
    stop.abort('SIGINT');
    const error = await limiter.acquire(undefined, stop.signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(error).toMatchObject({ reason: 'interrupted', interruptedBy: 'SIGINT', message: expect.stringContaining('interrupted by SIGINT') });
  });

  it("a limiter's waiter ends as soon as the stop fires, without a turn", async () => {
    const limiter = createRateLimiter({ ratePerSecond: 1, clock: stuckClock() });
    const stop = new AbortController();
    await limiter.acquire(undefined, stop.signal); // the first turn is now; the next is a second away
    const waiting = limiter.acquire(undefined, stop.signal).catch((e: unknown) => e);
    stop.abort('SIGTERM');
    expect(await waiting).toMatchObject({ code: 'DEADLINE_EXCEEDED', reason: 'interrupted', interruptedBy: 'SIGTERM' });
  });

  it('a backoff sleep ends when the stop fires, no further attempt starts, and the last failure is thrown', async () => {
    const stop = new AbortController();
    const first = throttled();
    const attempts: number[] = [];
    const running = retry(
      async (attempt) => {
        attempts.push(attempt);
        throw first;
      },
      { clock: stuckClock(), random: () => 0.5, stop: stop.signal, onRetry: () => stop.abort('SIGINT') },
    ).catch((e: unknown) => e);
    expect(await running).toBe(first);
    expect(attempts).toEqual([1]);
  });

  it('no attempt starts when the stop fired before the first', async () => {
    const stop = new AbortController();
    stop.abort('SIGINT');
    const attempts: number[] = [];
    const error = await retry(async (a) => attempts.push(a), { clock: fakeClock(), random: () => 0.5, stop: stop.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'interrupted' });
    expect(attempts).toEqual([]);
  });

  it('a deadline says it is one', () => {
    expect(new DeadlineExceededError(0).toJSON()).toMatchObject({ code: 'DEADLINE_EXCEEDED', reason: 'deadline' });
  });
});
