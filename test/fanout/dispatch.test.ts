import { fakeClock } from '../../shared/clock';
import { dispatchShards } from '../../shared/fanout/dispatch';
import { InvocationError, type Invoker } from '../../shared/fanout/invoker';
import type { RunScope } from '../../shared/fanout';

const shards: RunScope[] = [
  { mode: 'shard', shard: { source: 'tables', maxcomputeProject: 'a' } },
  { mode: 'shard', shard: { source: 'tagged' } },
];

const refusal = (httpStatus: number) => new InvocationError({ action: 'InvokeFunction', serviceCode: 'X', httpStatus });

/** An invoker that answers from a script, one entry per call, and records the calls. */
function scripted(script: (InvocationError | string)[]) {
  const calls: { functionName: string; payload: object }[] = [];
  const invoker: Invoker = {
    async invokeAsync(functionName, payload) {
      calls.push({ functionName, payload });
      const next = script.shift();
      if (next instanceof Error) throw next;
      return { requestId: next };
    },
  };
  return { invoker, calls };
}

describe('fanout/dispatch', () => {
  describe('dispatchShards', () => {
    it('queues every shard with the target function and returns their request ids', async () => {
      const { invoker, calls } = scripted(['r1', 'r2']);
      const result = await dispatchShards(invoker, 'autotag-scheduled', shards, { clock: fakeClock() });
      expect(calls).toEqual(shards.map((payload) => ({ functionName: 'autotag-scheduled', payload })));
      expect(result).toEqual({ queued: [{ scope: shards[0], requestId: 'r1' }, { scope: shards[1], requestId: 'r2' }], failed: [] });
    });

    it('tries a retryable refusal again after a doubling pause (fake time)', async () => {
      const clock = fakeClock();
      const { invoker, calls } = scripted([refusal(429), refusal(503), 'r1', 'r2']);
      const result = await dispatchShards(invoker, 'f', shards, { clock, backoffMs: 100 });
      expect(calls).toHaveLength(4);
      expect(clock.slept).toEqual([100, 200]);
      expect(result.failed).toEqual([]);
    });

    it('returns a shard that cannot be queued instead of throwing, and goes on with the rest', async () => {
      const clock = fakeClock();
      const denied = refusal(403);
      const { invoker } = scripted([denied, 'r2']);
      const result = await dispatchShards(invoker, 'f', shards, { clock });
      expect(result).toEqual({ queued: [{ scope: shards[1], requestId: 'r2' }], failed: [{ scope: shards[0], error: denied }] });
      expect(clock.slept).toEqual([]);
    });

    it('gives up after the attempts allowed', async () => {
      const { invoker, calls } = scripted([refusal(500), refusal(500), 'r2']);
      const result = await dispatchShards(invoker, 'f', shards, { clock: fakeClock(), attempts: 2 });
      expect(calls).toHaveLength(3);
      expect(result.failed.map((f) => f.scope)).toEqual([shards[0]]);
    });
  });
});
