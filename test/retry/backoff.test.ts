import { fakeClock } from '../../shared/clock';
import { DeadlineExceededError, InvalidInputError, InvalidRequestError, ThrottledError, TransientError } from '../../shared/errors';
import { backoffDelay, DEFAULT_BACKOFF, retry, type RetryEvent } from '../../shared/retry';

const throttled = () => new ThrottledError({ action: 'TagDataAssets', serviceCode: 'Throttling.User', httpStatus: 400 });
const transient = () => new TransientError({ action: 'ListDataAssets', serviceCode: 'ServiceUnavailable', httpStatus: 503 });
const invalid = () => new InvalidRequestError({ action: 'TagDataAssets', serviceCode: 'InvalidParameter', httpStatus: 400 });

/** fn that fails with each of `errors` in turn, then returns 'ok' */
function failing(...errors: Error[]) {
  const attempts: number[] = [];
  const fn = async (attempt: number) => {
    attempts.push(attempt);
    const error = errors[attempts.length - 1];
    if (error) throw error;
    return 'ok';
  };
  return { fn, attempts };
}

describe('retry/backoff', () => {
  describe('backoffDelay', () => {
    const backoff = { ...DEFAULT_BACKOFF };

    it('draws uniformly below base * 2^n (full jitter)', () => {
      expect(backoffDelay(0, () => 0, backoff)).toBe(0);
      expect(backoffDelay(0, () => 0.5, backoff)).toBe(100);
      expect(backoffDelay(3, () => 0.5, backoff)).toBe(800);
      expect(backoffDelay(3, () => 0.999999, backoff)).toBe(1599);
    });

    it('never exceeds the cap', () => {
      expect(backoffDelay(20, () => 0.999999, backoff)).toBe(19_999);
      expect(backoffDelay(20, () => 0.5, { ...backoff, maxDelayMs: 1000 })).toBe(500);
    });
  });

  describe('retry', () => {
    it('returns the first success without sleeping', async () => {
      const clock = fakeClock();
      const { fn, attempts } = failing();
      await expect(retry(fn, { clock, random: () => 0.5 })).resolves.toBe('ok');
      expect(attempts).toEqual([1]);
      expect(clock.slept).toEqual([]);
    });

    it('retries throttled and transient errors with doubling jittered sleeps, reporting each retry', async () => {
      const clock = fakeClock();
      const events: RetryEvent[] = [];
      const { fn, attempts } = failing(throttled(), transient(), throttled());
      await expect(retry(fn, { clock, random: () => 0.5, onRetry: (e) => events.push(e) })).resolves.toBe('ok');
      expect(attempts).toEqual([1, 2, 3, 4]);
      expect(clock.slept).toEqual([100, 200, 400]);
      expect(events.map((e) => [e.attempt, e.delayMs, (e.error as ThrottledError).serviceCode])).toEqual([
        [1, 100, 'Throttling.User'],
        [2, 200, 'ServiceUnavailable'],
        [3, 400, 'Throttling.User'],
      ]);
    });

    it('does not retry an error that is not retryable', async () => {
      const clock = fakeClock();
      const { fn, attempts } = failing(invalid());
      await expect(retry(fn, { clock, random: () => 0.5 })).rejects.toBeInstanceOf(InvalidRequestError);
      expect(attempts).toEqual([1]);
      expect(clock.slept).toEqual([]);
    });

    it('does not retry plain errors (programming errors)', async () => {
      const { fn, attempts } = failing(new TypeError('boom'));
      await expect(retry(fn, { clock: fakeClock(), random: () => 0.5 })).rejects.toThrow('boom');
      expect(attempts).toEqual([1]);
    });

    it('gives up after maxAttempts and throws the last error', async () => {
      const clock = fakeClock();
      const last = transient();
      const { fn, attempts } = failing(throttled(), throttled(), throttled(), throttled(), throttled(), last, throttled());
      await expect(retry(fn, { clock, random: () => 0.5 })).rejects.toBe(last);
      expect(attempts).toEqual([1, 2, 3, 4, 5, 6]);
      expect(clock.slept).toHaveLength(5);
    });

    it('caps each sleep at maxDelayMs', async () => {
      const clock = fakeClock();
      const { fn } = failing(throttled(), throttled(), throttled());
      await retry(fn, { clock, random: () => 0.999, baseDelayMs: 1000, maxDelayMs: 1500 });
      expect(clock.slept).toEqual([999, 1498, 1498]);
    });

    it('stops before a sleep that would end at or past the deadline and throws the last error', async () => {
      const clock = fakeClock(0);
      const second = transient();
      const { fn, attempts } = failing(throttled(), second, throttled());
      // sleeps would be 100 then 200: the second would end at 300 > deadline 250
      await expect(retry(fn, { clock, random: () => 0.5, deadline: 250 })).rejects.toBe(second);
      expect(attempts).toEqual([1, 2]);
      expect(clock.slept).toEqual([100]);
      expect(clock.now()).toBeLessThan(250);
    });

    it('throws DeadlineExceededError when no attempt can start', async () => {
      const clock = fakeClock(1000);
      const { fn, attempts } = failing();
      const error = await retry(fn, { clock, random: () => 0.5, deadline: 1000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeadlineExceededError);
      expect((error as DeadlineExceededError).deadline).toBe(1000);
      expect(attempts).toEqual([]);
    });

    it('throws the previous failure when a retry is refused for want of time', async () => {
      const clock = fakeClock(0);
      const first = throttled();
      const { fn } = failing(first, new DeadlineExceededError(5000));
      await expect(retry(fn, { clock, random: () => 0.5, deadline: 5000 })).rejects.toBe(first);
    });

    it('rejects bad options with InvalidInputError naming the field', async () => {
      const { fn, attempts } = failing();
      const error = await retry(fn, { clock: fakeClock(), random: () => 0.5, maxAttempts: 0 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).issues[0].field).toBe('maxAttempts');
      const typo = await retry(fn, { clock: fakeClock(), random: () => 0.5, maxAttempt: 3 } as never).catch((e: unknown) => e);
      expect(typo).toBeInstanceOf(InvalidInputError);
      expect(attempts).toEqual([]);
    });
    describe('persistent errors', () => {
      const persistent = (e: unknown) => e instanceof ThrottledError;

      it('are retried past maxAttempts while the deadline allows, and the deadline ends them as DeadlineExceededError', async () => {
        const clock = fakeClock(0);
        const { fn, attempts } = failing(...Array.from({ length: 200 }, throttled));
        const error = await retry(fn, { clock, random: () => 0.5, baseDelayMs: 100, maxDelayMs: 1000, deadline: 20_000, persistent }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DeadlineExceededError);
        expect(attempts.length).toBeGreaterThan(DEFAULT_BACKOFF.maxAttempts);
        expect(clock.now()).toBeLessThan(20_000);
      });

      it('succeed when the service lets the call through, however many attempts that takes', async () => {
        const { fn, attempts } = failing(...Array.from({ length: 15 }, throttled));
        await expect(retry(fn, { clock: fakeClock(0), random: () => 0.5, maxDelayMs: 500, deadline: 60_000, persistent })).resolves.toBe('ok');
        expect(attempts).toHaveLength(16);
      });

      it('without a deadline, are retried for patienceMs, then the last failure is thrown', async () => {
        const clock = fakeClock(0);
        const { fn } = failing(...Array.from({ length: 100 }, throttled));
        const error = await retry(fn, { clock, random: () => 0.5, maxDelayMs: 1000, patienceMs: 10_000, persistent }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ThrottledError);
        expect(clock.now()).toBeGreaterThanOrEqual(10_000);
        expect(clock.now()).toBeLessThan(11_000);
      });

      it('do not use up the attempts of other retryable errors', async () => {
        const last = transient();
        const { fn, attempts } = failing(...Array.from({ length: 10 }, throttled), transient(), transient(), transient(), transient(), transient(), last);
        await expect(retry(fn, { clock: fakeClock(0), random: () => 0.5, maxDelayMs: 100, deadline: 60_000, persistent })).rejects.toBe(last);
        expect(attempts).toHaveLength(10 + DEFAULT_BACKOFF.maxAttempts);
      });

      it('stopped by a limiter refusing for want of time end as DeadlineExceededError, not as the throttling', async () => {
        const refused = new DeadlineExceededError(5000);
        const { fn } = failing(throttled(), refused);
        await expect(retry(fn, { clock: fakeClock(0), random: () => 0.5, deadline: 5000, persistent })).rejects.toBe(refused);
      });
    });
  });
});
