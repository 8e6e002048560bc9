/**
 * The two stand-ins together, as issue 9 §4 needs them: a CommitTable pre-event reaches an FC target
 * through a rule on the workspace's custom bus before the table exists in the DataWorks emulator; a
 * receiver that re-reads with growing (fake) sleeps sees the table once the shared clock passes its
 * visibleAt, and tags it. The receiver here is a minimal stand-in for the events function.
 */
import { fakeClock } from '../../../shared/clock';
import { startEmulator, tableAssetId, type Emulator } from '../../../emulator';
import { startEventBridge, type EventBridgeFake, type FcInvocation } from '../../../emulator/eventbridge';
import commitTable from '../../fixtures/events/eventbridge-dataworks-table-commit.json';
import { call, sdkClient } from '../client';
import { testCatalog } from '../fixtures';
import { dataworksPattern, eb, fcTarget } from './client';

describe('a DataWorks pre-event through the EventBridge fake to the DataWorks emulator', () => {
  let dataworks: Emulator;
  let eventbridge: EventBridgeFake;
  afterEach(async () => {
    await eventbridge?.stop();
    await dataworks?.stop();
  });

  it('ends with the table tagged once it becomes visible, after reads that found nothing', async () => {
    const clock = fakeClock();
    const table = tableAssetId(commitTable.data.maxComputeProject, commitTable.data.tableName);
    dataworks = await startEmulator({ catalog: { ...testCatalog(), delayedAssets: [{ assetId: table, visibleAt: clock.now() + 5_000 }] }, clock, readQps: 0, writeQps: 0 });
    const client = sdkClient(dataworks);
    const lookups: number[] = [];

    async function receive(invocation: FcInvocation): Promise<void> {
      const event = JSON.parse(invocation.body.toString('utf8'));
      const id = tableAssetId(event.data.maxComputeProject, event.data.tableName);
      for (let attempt = 0; ; attempt++) {
        const found = await call(client, 'GetTable', { Id: id });
        lookups.push(found.status);
        if (found.status === 200) break;
        if (attempt === 5) throw new Error(`${id} not found`);
        await clock.sleep(1_000 * 2 ** attempt);
      }
      const tagged = await call(client, 'TagDataAssets', { DataAssetIds: [id], DataAssetType: 'ACS::DataWorks::Table', Tags: [{ Key: 'layer', Value: 'dim' }] });
      if (tagged.status !== 200) throw new Error(`TagDataAssets answered ${tagged.status}`);
    }

    eventbridge = await startEventBridge({ deliver: receive, clock });
    await eb(eventbridge, 'CreateEventBus', { EventBusName: 'dataworks-bus' });
    await eb(eventbridge, 'CreateRule', {
      EventBusName: 'dataworks-bus',
      RuleName: 'autotag-events',
      FilterPattern: dataworksPattern('dataworks:TableChange:CommitTable'),
      EventTargets: [fcTarget(eventbridge, 'events', 'autotag-events')],
    });
    eventbridge.mapWorkspace(commitTable.data.projectId, 'dataworks-bus');

    const result = await eventbridge.openEvent(commitTable);
    expect(result).toMatchObject({ eventBusName: 'dataworks-bus', deliveries: [{ outcome: 'delivered', attempt: 1 }] });
    // sleeps of 1 s, 2 s and 4 s: the table appears at 5 s, so the fourth read (at 7 s) finds it
    expect(lookups).toEqual([400, 400, 400, 200]);
    expect(clock.slept).toEqual([1_000, 2_000, 4_000]);
    expect(dataworks.catalog().bindings).toContainEqual(expect.objectContaining({ assetId: table, key: 'layer', value: 'dim' }));
  });
});
