import { startEmulator, type Emulator } from '../../../emulator';
import type { RunReport } from '../../../shared/engine';
import type { ScheduledOutcome } from '../../../shared/triggers/timer';
import { startFcServer } from '../../fanout/loopback';
import { sampleEvent } from '../../support/fixtures';
import { fcContext, functionModule, handlerEnv, loadHandler, parsed, tagsOf } from '../../support/functions';

const HANDLER = functionModule('scheduled');
const DIM_CUSTOMER = 'maxcompute-table:::sales_dw::dim_customer';

describe('functions/scheduled', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ assets: 200, readQps: 0, writeQps: 0 });
  });
  afterEach(() => emulator.stop());

  describe('handler', () => {
    it('runs the sample timer event (ruleSet "default") in place and binds the tags its rules name', async () => {
      const lines: string[] = [];
      const handler = loadHandler(HANDLER, handlerEnv(emulator), lines);
      const context = fcContext(emulator);
      const outcome = (await handler(sampleEvent('timer.json'), context)) as Extract<ScheduledOutcome, { kind: 'run' }>;
      expect(outcome.kind).toBe('run');
      expect(outcome.report).toMatchObject({ runId: context.requestId, trigger: 'timer', status: 'ok', dryRun: false, result: { applied: 3, failed: 0 } });
      expect(tagsOf(emulator, DIM_CUSTOMER)).toMatchObject({ layer: 'dim' });
      expect(tagsOf(emulator, '700000000003')).toMatchObject({ layer: 'ods' });
      expect(tagsOf(emulator, 'maxcompute-table:::sales_dw::tmp_customer_upload')).toMatchObject({ lifecycle: 'temporary' });

      const logs = parsed(lines);
      expect(logs.find((l) => l.msg === 'run finished')).toMatchObject({ runId: context.requestId, requestId: context.requestId, trigger: 'timer' });
      expect(lines.join('\n')).not.toContain(emulator.credentials.accessKeySecret);
    });

    it('is idempotent: the same event again (an FC retry) binds nothing new', async () => {
      const handler = loadHandler(HANDLER, handlerEnv(emulator));
      await handler(sampleEvent('timer.json'), fcContext(emulator));
      const again = (await handler(sampleEvent('timer.json'), fcContext(emulator))) as { report: RunReport };
      expect(again.report.result.applied).toBe(0);
      expect(again.report.plan).toMatchObject({ bind: 0, present: 3 });
    });

    it('fans a full run out to the shard function, and each shard, invoked with its payload, runs its slice', async () => {
      const fc = await startFcServer(() => ({ status: 202, headers: { 'x-fc-request-id': 'queued' } }));
      try {
        const env = handlerEnv(emulator, { AUTOTAG_SHARD_FUNCTION: 'autotag-scheduled', AUTOTAG_SHARDING: 'always', AUTOTAG_FC_ENDPOINT: `http://${fc.endpoint.endpoint}` });
        const handler = loadHandler(HANDLER, env);
        const context = fcContext(emulator);
        const outcome = (await handler(sampleEvent('timer.json'), context)) as Extract<ScheduledOutcome, { kind: 'fan-out' }>;
        expect(outcome).toMatchObject({ kind: 'fan-out', runId: context.requestId, reason: '2 shards: sharding is "always"' });
        expect(fc.received.map((r) => [r.method, r.url, r.headers['x-fc-invocation-type']])).toEqual([
          ['POST', '/2023-03-30/functions/autotag-scheduled/invocations', 'Async'],
          ['POST', '/2023-03-30/functions/autotag-scheduled/invocations', 'Async'],
        ]);
        expect(tagsOf(emulator, DIM_CUSTOMER)).not.toHaveProperty('layer');

        // FC would now run each queued payload: do it, as a direct invocation of the same function.
        const reports = [];
        for (const r of fc.received) reports.push((await handler(Buffer.from(r.body), fcContext(emulator))) as Extract<ScheduledOutcome, { kind: 'run' }>);
        expect(reports.map((r) => [r.kind, r.report.status, r.report.result.applied])).toEqual([
          ['run', 'ok', 1],
          ['run', 'ok', 2],
        ]);
        expect(tagsOf(emulator, DIM_CUSTOMER)).toMatchObject({ layer: 'dim' });
        expect(tagsOf(emulator, '700000000003')).toMatchObject({ layer: 'ods' });
      } finally {
        await fc.close();
      }
    });

    it('runs in place under "auto" when the counted catalog is below the threshold', async () => {
      const lines: string[] = [];
      const env = handlerEnv(emulator, { AUTOTAG_SHARD_FUNCTION: 'autotag-scheduled', AUTOTAG_SHARD_MIN_ASSETS: '100000' });
      const outcome = (await loadHandler(HANDLER, env, lines)(sampleEvent('timer.json'), fcContext(emulator))) as ScheduledOutcome;
      expect(outcome.kind).toBe('run');
      expect(parsed(lines).find((l) => l.msg === 'running in place')?.reason).toMatch(/assets counted, fewer than 100000/);
    });

    it('returns (does not throw) a failure a retry cannot fix: an unknown payload key', async () => {
      const lines: string[] = [];
      const event = JSON.stringify({ triggerTime: '2024-06-03T18:00:00Z', triggerName: 'nightly', payload: '{"rulest":"default"}' });
      const result = await loadHandler(HANDLER, handlerEnv(emulator), lines)(event, fcContext(emulator));
      expect(result).toMatchObject({ status: 'failed', error: { code: 'INVALID_INPUT' } });
      expect(parsed(lines)).toContainEqual(expect.objectContaining({ level: 'error', msg: expect.stringContaining('not retried') }));
    });

    it('returns a dry run with the plan and writes nothing', async () => {
      const event = { ruleSet: 'default', dryRun: true };
      const outcome = (await loadHandler(HANDLER, handlerEnv(emulator))(event, fcContext(emulator))) as { report: RunReport };
      expect(outcome.report).toMatchObject({ dryRun: true, plan: { bind: 3 }, result: { applied: 0 } });
      expect(emulator.calls().writeCalls).toBe(0);
    });
  });
});
