/**
 * The limiter against a server that grants less than the configured rate (a throttling storm), in fake time:
 * it settles at or below what the server grants, keeps using most of it, and is rarely throttled once settled.
 */
import { systemClock } from '../../shared/clock';
import { createRateLimiter, type RateLimiter } from '../../shared/retry';

/** DataWorks' count: at most `granted` accepted calls in any sliding second; a throttled call counts for nothing. */
function fakeServer(granted: number) {
  const accepted: number[] = [];
  return {
    granted,
    answer(t: number): boolean {
      while (accepted.length > 0 && accepted[0] <= t - 1000) accepted.shift();
      if (accepted.length >= this.granted) return false;
      accepted.push(t);
      return true;
    },
  };
}

interface Call {
  startedAt: number;
  ok: boolean;
  /** the limiter's rate when the answer came */
  rate: number;
}

/** `workers` callers making calls back to back for `ms` of fake time, each retried until accepted. */
async function drive(limiter: RateLimiter, server: ReturnType<typeof fakeServer>, options: { workers: number; latencyMs: number; ms: number }): Promise<Call[]> {
  const calls: Call[] = [];
  const end = Date.now() + options.ms;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const worker = async () => {
    while (Date.now() < end) {
      await limiter.acquire();
      const startedAt = Date.now();
      await sleep(options.latencyMs / 2);
      const ok = server.answer(Date.now());
      await sleep(options.latencyMs / 2);
      calls.push({ startedAt, ok, rate: limiter.currentRate() });
      if (!ok) limiter.throttled(startedAt);
    }
  };
  const all = Promise.all(Array.from({ length: options.workers }, worker));
  await jest.runAllTimersAsync();
  await all;
  return calls;
}

const throttledShare = (calls: Call[]) => calls.filter((c) => !c.ok).length / calls.length;
const perSecond = (calls: Call[], from: number, to: number) => calls.filter((c) => c.startedAt >= from && c.startedAt < to).length / ((to - from) / 1000);

describe('retry/limiter convergence', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  // each case: the configured rate, what the server grants, and the network's round trip
  it.each([
    [50, 5, 20],
    [500, 50, 2],
    [20, 2, 50],
  ])('configured %d/s, granted %d/s: settles at or below the grant and is rarely throttled', async (configured, granted, latencyMs) => {
    const limiter = createRateLimiter({ ratePerSecond: configured, clock: systemClock });
    const server = fakeServer(granted);
    const calls = await drive(limiter, server, { workers: 8, latencyMs, ms: 300_000 });
    const settled = calls.filter((c) => c.startedAt >= 10_000);
    expect(perSecond(settled, 10_000, 300_000)).toBeLessThanOrEqual(granted * 1.02);
    expect(perSecond(settled.filter((c) => c.ok), 10_000, 300_000)).toBeGreaterThan(granted * 0.75);
    expect(throttledShare(settled)).toBeLessThan(0.02);
    expect(throttledShare(calls)).toBeLessThan(0.02);
  });

  it('is back at the configured rate once the storm is over, and the storm never takes it to the floor', async () => {
    const limiter = createRateLimiter({ ratePerSecond: 50, clock: systemClock });
    const server = fakeServer(5);
    setTimeout(() => (server.granted = 50), 60_000);
    const calls = await drive(limiter, server, { workers: 8, latencyMs: 20, ms: 240_000 });
    const during = calls.filter((c) => c.startedAt >= 5_000 && c.startedAt < 60_000);
    expect(Math.min(...during.map((c) => c.rate))).toBeGreaterThanOrEqual(4);
    expect(perSecond(calls.filter((c) => c.ok), 200_000, 240_000)).toBeGreaterThan(40);
    expect(calls[calls.length - 1].rate).toBe(50);
  });
});
