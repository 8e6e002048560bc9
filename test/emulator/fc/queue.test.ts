import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLocalFc, type LocalFc, type FunctionSpecInput } from '../../../emulator/fc';
import { createFc3Invoker } from '../../../shared/fanout';
import { CALLER, fixtureBundle } from '../../support/local-fc';

const behave = (over: Partial<FunctionSpecInput> = {}): FunctionSpecInput => ({ name: 'worker', bundle: fixtureBundle('behave'), timeout: 30, ...over });

async function withFc<T>(options: Partial<Parameters<typeof startLocalFc>[0]>, test: (fc: LocalFc, invoke: (payload: object) => Promise<string | undefined>) => Promise<T>): Promise<T> {
  const fc = await startLocalFc({ callers: [CALLER], ...options });
  const invoker = createFc3Invoker({ accountId: fc.accountId, region: fc.region, credentials: CALLER, endpoint: fc.endpoint });
  try {
    return await test(fc, async (payload) => (await invoker.invokeAsync('worker', payload)).requestId);
  } finally {
    await fc.stop();
  }
}

/** A loopback server that holds every request until released: invocations told to wait on it stay running. */
async function startGate() {
  const held: ServerResponse[] = [];
  let arrivals = 0;
  const waiting: { n: number; done: () => void }[] = [];
  const server = createServer((_req, res) => {
    held.push(res);
    arrivals++;
    for (const w of waiting.filter((x) => arrivals >= x.n)) w.done();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    /** resolves once `n` requests have arrived in all */
    reached: (n: number) => new Promise<void>((done) => (arrivals >= n ? done() : waiting.push({ n, done }))),
    release: () => held.splice(0).forEach((res) => res.end('go')),
    close: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
  };
}

describe('emulator/fc async queue', () => {
  it('retries a failing async invocation until 1 + maxAsyncRetryAttempts attempts, then marks it failed', () =>
    withFc({ functions: [behave({ maxAsyncRetryAttempts: 2 })] }, async (fc, invoke) => {
      const requestId = await invoke({ fail: 'always' });
      await fc.waitIdle();
      const [r] = fc.invocations();
      expect(r).toMatchObject({ requestId, status: 'failed', error: { errorMessage: 'told to fail (always)', errorType: 'TypeError' } });
      expect(r.attempts.map((a) => a.outcome)).toEqual(['error', 'error', 'error']);
    }));

  it('stops retrying at the first success, and keeps the instance after a handler error', () =>
    withFc({ functions: [behave({ maxAsyncRetryAttempts: 3, maxInstances: 1 })] }, async (fc, invoke) => {
      await invoke({ failTimes: 1 });
      await fc.waitIdle();
      const [r] = fc.invocations();
      expect(r.status).toBe('succeeded');
      expect(r.attempts.map((a) => a.outcome)).toEqual(['error', 'succeeded']);
      expect(r.attempts[0].instanceId).toBe(r.attempts[1].instanceId);
      expect(r.result).toMatchObject({ ok: true, invocations: 2 });
    }));

  it('does not retry when maxAsyncRetryAttempts is 0', () =>
    withFc({ functions: [behave({ maxAsyncRetryAttempts: 0 })] }, async (fc, invoke) => {
      await invoke({ fail: 'once' });
      await fc.waitIdle();
      expect(fc.invocations()[0].attempts).toHaveLength(1);
    }));

  it('starts a new instance for each busy one up to the cap, and queues the rest until one is free', async () => {
    const gate = await startGate();
    try {
      await withFc({ functions: [behave({ maxInstances: 3 })] }, async (fc, invoke) => {
        for (let i = 0; i < 5; i++) await invoke({ gate: gate.url, i });
        await gate.reached(3);
        expect(fc.invocations().map((r) => r.status).sort()).toEqual(['queued', 'queued', 'running', 'running', 'running']);
        expect(new Set(fc.invocations().flatMap((r) => r.attempts.map((a) => a.instanceId))).size).toBe(3);
        gate.release();
        await gate.reached(5);
        gate.release();
        await fc.waitIdle();
        const records = fc.invocations();
        expect(records.every((r) => r.status === 'succeeded')).toBe(true);
        expect(new Set(records.map((r) => r.attempts[0].instanceId)).size).toBe(3);
      });
    } finally {
      await gate.close();
    }
  });

  it('loads the bundle once per instance: later invocations find the cold start’s state', () =>
    withFc({ functions: [{ name: 'worker', bundle: fixtureBundle('echo'), timeout: 30, maxInstances: 1 }] }, async (fc, invoke) => {
      for (let i = 0; i < 3; i++) await invoke({ i });
      await fc.waitIdle();
      const results = fc.invocations().map((r) => r.result as { served: number; pid: number });
      expect(results.map((r) => r.served)).toEqual([1, 2, 3]);
      expect(new Set(results.map((r) => r.pid)).size).toBe(1);
    }));

  it('counts a bundle that fails at cold start as a failed attempt, each on a fresh instance', () =>
    withFc({ functions: [{ name: 'worker', bundle: fixtureBundle('broken'), timeout: 30, maxAsyncRetryAttempts: 1 }] }, async (fc, invoke) => {
      await invoke({});
      await fc.waitIdle();
      const [r] = fc.invocations();
      expect(r.status).toBe('failed');
      expect(r.attempts.map((a) => [a.outcome, a.error?.errorMessage])).toEqual([
        ['error', 'cold start failed'],
        ['error', 'cold start failed'],
      ]);
      expect(r.attempts[0].instanceId).not.toBe(r.attempts[1].instanceId);
    }));

  it('reports an instance that exits mid-invocation as crashed, and retries on a new one', () =>
    withFc({ functions: [behave({ maxAsyncRetryAttempts: 1 })] }, async (fc, invoke) => {
      await invoke({ exit: 3 });
      await fc.waitIdle();
      const [r] = fc.invocations();
      expect(r.attempts.map((a) => a.outcome)).toEqual(['crashed', 'crashed']);
      expect(r.error?.errorMessage).toMatch(/^the instance exited with code 3/);
      expect(r.attempts[0].instanceId).not.toBe(r.attempts[1].instanceId);
    }));

  describe('at-least-once delivery (the seeded `duplicates` option)', () => {
    const deliveries = (fc: LocalFc) => fc.invocations().map((r) => `${r.requestId}#${r.delivery}`);

    it('delivers every async invocation twice at rate 1: a second record with the same request id and payload, run again', () =>
      withFc({ functions: [behave()], duplicates: { rate: 1, seed: 1 } }, async (fc, invoke) => {
        const id = await invoke({ n: 1 });
        await fc.waitIdle();
        expect(deliveries(fc)).toEqual([`${id}#1`, `${id}#2`]);
        const [a, b] = fc.invocations();
        expect([a.status, b.status]).toEqual(['succeeded', 'succeeded']);
        expect(b.payload.equals(a.payload)).toBe(true);
      }));

    it('doubles some at rate 0.5, the same ones for the same seed', async () => {
      const doubled = () =>
        withFc({ functions: [behave({ maxInstances: 4 })], duplicates: { rate: 0.5, seed: 42 } }, async (fc, invoke) => {
          for (let i = 0; i < 12; i++) await invoke({ i });
          await fc.waitIdle();
          return fc.invocations().filter((r) => r.delivery === 2).map((r) => (JSON.parse(r.payload.toString()) as { i: number }).i).sort((x, y) => x - y);
        });
      const first = await doubled();
      expect(first.length).toBeGreaterThan(0);
      expect(first.length).toBeLessThan(12);
      expect(await doubled()).toEqual(first);
    });

    it('never doubles without the option', () =>
      withFc({ functions: [behave()] }, async (fc, invoke) => {
        for (let i = 0; i < 4; i++) await invoke({ i });
        await fc.waitIdle();
        expect(fc.invocations().every((r) => r.delivery === 1)).toBe(true);
        expect(fc.invocations()).toHaveLength(4);
      }));
  });
});
