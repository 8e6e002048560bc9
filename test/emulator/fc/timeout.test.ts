import { manualTimers, startLocalFc, type LocalFc, type ManualTimers } from '../../../emulator/fc';
import { createFc2Invoker, createFc3Invoker } from '../../../shared/fanout';
import { CALLER, fixtureBundle, signedTriggerRequest } from '../../support/local-fc';

/** The pid the fixture logs at its cold start (the first attempt on an instance carries those lines). */
const coldStartPid = (logs: string[]) => Number(/^cold start (\d+)$/.exec(logs.find((l) => l.startsWith('cold start')) ?? '')?.[1]);
const processGone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

describe('emulator/fc timeouts (manual timers: no test waits for one)', () => {
  let fc: LocalFc;
  let timers: ManualTimers;
  beforeEach(async () => {
    timers = manualTimers();
    fc = await startLocalFc({
      callers: [CALLER],
      timers,
      functions: [{ name: 'worker', bundle: fixtureBundle('behave'), timeout: 60, maxAsyncRetryAttempts: 1, service: 'autotag' }],
    });
  });
  afterEach(() => fc.stop());
  const invoker = () => createFc3Invoker({ accountId: fc.accountId, region: fc.region, credentials: CALLER, endpoint: fc.endpoint });
  /** The first invocation stays queued, never tried, until `ms` have passed on the timers; then it runs. */
  async function expectHeldFor(ms: number): Promise<void> {
    expect(fc.invocations()[0]).toMatchObject({ status: 'queued', attempts: [] });
    timers.advance(ms - 1);
    expect(fc.invocations()[0].attempts).toEqual([]);
    timers.advance(1);
    await fc.waitIdle();
    expect(fc.invocations()[0].status).toBe('succeeded');
  }
  /** until attempt `n` of the first invocation runs in its instance (its cold start has logged) */
  const attemptRunning = (n: number) => fc.waitUntil(() => fc.invocations()[0]?.attempts[n - 1]?.logs.some((l) => l.startsWith('cold start')) ?? false);

  it('kills the instance when an invocation outlives its timeout, counts a failed attempt and retries on a new instance', async () => {
    await invoker().invokeAsync('worker', { hang: true });
    await attemptRunning(1);
    timers.advance(59_999);
    expect(fc.invocations()[0].status).toBe('running');
    timers.advance(1);
    await attemptRunning(2);
    timers.advance(60_000);
    await fc.waitIdle();

    const [r] = fc.invocations();
    expect(r.status).toBe('failed');
    expect(r.attempts.map((a) => a.outcome)).toEqual(['timeout', 'timeout']);
    expect(r.error).toMatchObject({ errorMessage: 'Function timed out after 60 seconds' });
    expect(r.attempts[0].instanceId).not.toBe(r.attempts[1].instanceId);
    const pids = r.attempts.map((a) => coldStartPid(a.logs));
    expect(pids.every((pid) => pid > 0 && processGone(pid))).toBe(true);
    expect(timers.pending()).toBe(0);
  });

  it('a sync invocation that times out is answered with the error and not retried', async () => {
    const trigger = await fc.startHttpTrigger('worker');
    const answer = signedTriggerRequest(`${trigger.url}/`, { credentials: CALLER });
    await fc.waitUntil(() => fc.invocations()[0]?.status === 'running');
    timers.advance(60_000);
    const res = await answer;
    expect(res.status).toBe(502);
    expect(res.json()).toMatchObject({ errorMessage: 'Function timed out after 60 seconds' });
    expect(fc.invocations()[0].attempts.map((a) => a.outcome)).toEqual(['timeout']);
  });

  it('holds an invocation with x-fc-async-delay until the delay has passed', async () => {
    // through the trigger, which takes the same invocation headers as the API
    const trigger = await fc.startHttpTrigger('worker');
    const res = await signedTriggerRequest(`${trigger.url}/`, { credentials: CALLER }, { headers: { 'x-fc-invocation-type': 'Async', 'x-fc-async-delay': '5' } });
    expect(res.status).toBe(202);
    await expectHeldFor(5_000);
  });

  it.each([
    ['FC 3.0', () => createFc3Invoker({ accountId: fc.accountId, region: fc.region, credentials: CALLER, endpoint: fc.endpoint })],
    ['FC 2.0', () => createFc2Invoker({ accountId: fc.accountId, region: fc.region, serviceName: 'autotag', credentials: CALLER, endpoint: fc.endpoint })],
  ])('the %s invoker asks for the delay with x-fc-async-delay, signed with the rest of the call', async (_api, make) => {
    await make().invokeAsync('worker', {}, { delaySeconds: 90 });
    await expectHeldFor(90_000);
  });

  it.each([0, 3600, 1.5])('an invoker refuses a delay of %s seconds before any call (FC takes 1 to 3599)', async (delaySeconds) => {
    await expect(invoker().invokeAsync('worker', {}, { delaySeconds })).rejects.toMatchObject({ code: 'INVALID_INPUT', issues: [{ field: 'delaySeconds' }] });
    expect(fc.invocations()).toEqual([]);
  });
});
