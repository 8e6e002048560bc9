/**
 * Async task ids through both invokers against the local FC: the id goes in each API version's own header
 * (3.0 `x-fc-async-task-id`, 2.0 `x-fc-stateful-async-invocation-id`), FC's 409 for an id it has is an
 * InvocationError that says so (not retryable), dispatch counts it as queued, and a malformed id is refused
 * before any call. The names of a run's pieces (piece-id.ts) are valid task ids, stable, and distinct.
 */
import { startLocalFc, type LocalFc } from '../../emulator/fc';
import { fakeClock } from '../../shared/clock';
import { InvalidInputError } from '../../shared/errors';
import { ASYNC_TASK_ID, createFc2Invoker, createFc3Invoker, dispatchShards, InvocationError, pieceTaskId, shardLabel, type Invoker } from '../../shared/fanout';
import { CALLER, fixtureBundle } from '../support/local-fc';

describe('fanout: async task ids', () => {
  let fc: LocalFc;
  beforeAll(async () => {
    fc = await startLocalFc({ callers: [CALLER], functions: [{ name: 'pieces', bundle: fixtureBundle('behave'), timeout: 10, maxAsyncRetryAttempts: 0, asyncTask: true, service: 'autotag' }] });
  });
  afterAll(() => fc.stop());

  const invokers: [string, () => Invoker][] = [
    ['fc3', () => createFc3Invoker({ accountId: fc.accountId, region: fc.region, credentials: CALLER, endpoint: fc.endpoint })],
    ['fc2', () => createFc2Invoker({ accountId: fc.accountId, region: fc.region, serviceName: 'autotag', credentials: CALLER, endpoint: fc.endpoint })],
  ];

  describe.each(invokers)('through the %s invoker', (api, invoker) => {
    it('queues under the task id once, and reads the 409 of a repeat as "the task exists", not retryable', async () => {
      const taskId = `autotag-${api}-once`;
      await invoker().invokeAsync('pieces', { n: 1 }, { taskId });
      const again = await invoker().invokeAsync('pieces', { n: 2 }, { taskId }).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(InvocationError);
      expect(again).toMatchObject({ httpStatus: 409, taskExists: true, retryable: false });
      await fc.waitIdle();
      expect(fc.invocations().filter((r) => r.asyncTaskId === taskId).map((r) => JSON.parse(r.payload.toString()))).toEqual([{ n: 1 }]);
    });

    it('dispatches a payload queued before as queued already, and the rest as new', async () => {
      const payloads = [{ n: 'a' }, { n: 'b' }];
      const taskId = (p: { n: string }) => `autotag-${api}-dispatch-${p.n}`;
      await invoker().invokeAsync('pieces', payloads[0], { taskId: taskId(payloads[0]) });
      const result = await dispatchShards(invoker(), 'pieces', payloads, { clock: fakeClock(), taskId });
      expect(result.failed).toEqual([]);
      expect(result.queued.map((q) => [q.taskId, !!q.alreadyQueued])).toEqual([
        [taskId(payloads[0]), true],
        [taskId(payloads[1]), false],
      ]);
    });

    it('refuses a task id FC would refuse before any call', async () => {
      const before = fc.invocations().length;
      await expect(invoker().invokeAsync('pieces', {}, { taskId: '7-starts-with-a-digit' })).rejects.toBeInstanceOf(InvalidInputError);
      expect(fc.invocations()).toHaveLength(before);
    });
  });

  describe('the names of a run\'s pieces', () => {
    const shard = { source: 'tables', maxcomputeProject: 'sales_dw' };

    it('labels a shard by its source and fields in name order, whatever the order they come in', () => {
      expect(shardLabel({ source: 'tasks', projectId: 91234, env: 'Prod' })).toBe('tasks env=Prod projectId=91234');
      expect(shardLabel({ env: 'Prod', source: 'tasks', projectId: 91234 })).toBe('tasks env=Prod projectId=91234');
      expect(shardLabel({ source: 'tagged' })).toBe('tagged');
    });

    it('gives each piece of each shard of each run its own valid task id, the same every time it is asked', () => {
      const runId = '1-6650a1b2-0123456789abcdef01234567';
      const ids = [pieceTaskId(runId, shard, 1), pieceTaskId(runId, shard, 2), pieceTaskId(runId, { source: 'tagged' }, 1), pieceTaskId(runId, undefined, 2), pieceTaskId('another-run', shard, 1)];
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.every((id) => ASYNC_TASK_ID.test(id))).toBe(true);
      expect(pieceTaskId(runId, { maxcomputeProject: 'sales_dw', source: 'tables' }, 1)).toBe(ids[0]);
      expect(pieceTaskId('x'.repeat(500), shard, 1_000_000).length).toBeLessThanOrEqual(128);
    });
  });
});
