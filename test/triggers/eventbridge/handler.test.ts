import { startEmulator, type Emulator } from '../../../emulator';
import type { EventOutcome } from '../../../shared/triggers/eventbridge';
import { sampleEvent, sampleJson } from '../../support/fixtures';
import { fcContext, functionModule, handlerEnv, loadHandler, parsed, tagsOf } from '../../support/functions';

const HANDLER = functionModule('events');

describe('functions/events', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ assets: 100, readQps: 0, writeQps: 0 });
  });
  afterEach(() => emulator.stop());

  describe('handler', () => {
    it.each([
      ['eventbridge-dataworks-node-change-created.json', '700000000003', { layer: 'ods' }],
      ['eventbridge-streaming-batch.json', '700000000003', { layer: 'ods' }],
      ['eventbridge-dataworks-table-commit.json', 'maxcompute-table:::sales_dw::dim_customer', { layer: 'dim' }],
      ['eventbridge-dataworks-upload-data-to-table.json', 'maxcompute-table:::sales_dw::tmp_customer_upload', { lifecycle: 'temporary' }],
    ])('%s: re-reads the asset it names and binds its tags', async (file, assetId, tags) => {
      const handler = loadHandler(HANDLER, handlerEnv(emulator));
      const context = fcContext(emulator);
      const outcome = (await handler(sampleEvent(file), context)) as EventOutcome;
      expect(outcome).toMatchObject({ targets: 1, skipped: [], rejected: [], report: { runId: context.requestId, trigger: 'event', status: 'ok', result: { applied: 1 } } });
      expect(tagsOf(emulator, assetId)).toMatchObject(tags);
    });

    it.each(['eventbridge-dataworks-file-commit.json', 'eventbridge-dataworks-file-deploy.json', 'eventbridge-dataworks-instance-status-changes.json', 'oss.json'])(
      '%s: skipped with a logged reason, no API call',
      async (file) => {
        const lines: string[] = [];
        emulator.resetStats();
        const outcome = (await loadHandler(HANDLER, handlerEnv(emulator), lines)(sampleEvent(file), fcContext(emulator))) as EventOutcome;
        expect(outcome).toMatchObject({ targets: 0, rejected: [] });
        expect(outcome.skipped).toHaveLength(1);
        expect(outcome.report).toBeUndefined();
        expect(emulator.calls().total).toBe(0);
        expect(parsed(lines)).toContainEqual(expect.objectContaining({ msg: 'event skipped', trigger: 'event', reason: outcome.skipped[0].reason }));
      },
    );

    it('evaluates the good events of a batch and reports the malformed one by id, without failing the invocation', async () => {
      const lines: string[] = [];
      const good = sampleJson('eventbridge-dataworks-table-commit.json');
      const bad = { ...(sampleJson('eventbridge-dataworks-node-change-created.json') as object), id: 'broken-1', data: { nodeId: 'x' } };
      const outcome = (await loadHandler(HANDLER, handlerEnv(emulator), lines)(Buffer.from(JSON.stringify([bad, good])), fcContext(emulator))) as EventOutcome;
      expect(outcome.report?.status).toBe('ok');
      expect(outcome.rejected).toEqual([expect.objectContaining({ id: 'broken-1', index: 0 })]);
      expect(parsed(lines)).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'event rejected', eventId: 'broken-1' }));
    });

    it('answers an event that is not JSON with a rejection, not an exception (a retry would not fix it)', async () => {
      const outcome = (await loadHandler(HANDLER, handlerEnv(emulator))(Buffer.from('garbage'), fcContext(emulator))) as EventOutcome;
      expect(outcome).toMatchObject({ targets: 0, rejected: [{ index: 0 }] });
    });
  });
});
