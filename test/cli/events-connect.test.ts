/**
 * DataWorks workspace events reaching the events function, end to end: `autotag events connect` (the built
 * CLI, as a process) creates the rule on the custom bus in the EventBridge fake; DataWorks OpenEvent (the
 * fake's routing) publishes a workspace event on that bus; the fake delivers it to the local FC as an async
 * invocation (standing in for EventBridge's service-linked role); the BUILT events bundle runs in a local FC
 * instance with its role and tags the asset in the DataWorks emulator. An early CommitTable, whose table
 * becomes visible only later, is handed on by the function to itself (x-fc-async-delay, manual timers) and
 * ends tagged too.
 */
import { startEventBridge, type EventBridgeFake, type FcInvocation } from '../../emulator/eventbridge';
import { manualTimers, type LocalFc, type ManualTimers } from '../../emulator/fc';
import { tableAssetId } from '../../emulator';
import { createFc3Invoker } from '../../shared/fanout';
import { sampleJson } from '../support/fixtures';
import { handlerEnv, tagsOf } from '../support/functions';
import { builtBundle, CALLER, ROLE, startCloud, type Cloud } from '../support/local-fc';
import { eb } from '../emulator/eventbridge/client';
import { credentialsEnv, runCli } from './built-cli';

const BUS = 'dataworks-events';

/** EventBridge's side of an FC target: the function invoked through the FC API (its service-linked role is CALLER here). */
const deliverTo = (fc: LocalFc) => async (invocation: FcInvocation) => {
  if (invocation.invocationType !== 'Async') throw new Error(`the connected target asks for ${invocation.invocationType}; only Async is wired here`);
  await createFc3Invoker({ accountId: fc.accountId, region: fc.region, credentials: CALLER, endpoint: fc.endpoint }).invokeAsync(invocation.functionName, JSON.parse(invocation.body.toString('utf8')));
};

describe('autotag events connect, and workspace events delivered through it to the built events bundle', () => {
  let cloud: Cloud;
  let timers: ManualTimers;
  let eventbridge: EventBridgeFake;
  const connect = (...extra: string[]) =>
    runCli(['events', 'connect', '--bus', BUS, '--function', 'autotag-events', '--region', eventbridge.region, '--account-id', eventbridge.accountId, '--endpoint', eventbridge.url, ...extra], credentialsEnv(eventbridge.credentials));

  beforeAll(async () => {
    timers = manualTimers();
    cloud = await startCloud({ dataworks: { assets: 200 }, fc: { timers } });
    eventbridge = await startEventBridge({ deliver: deliverTo(cloud.fc) });
    cloud.fc.register({
      name: 'autotag-events',
      bundle: builtBundle('events'),
      // a short budget: the function looks for a late table once, briefly, then hands it on
      timeout: 3,
      memory: 256,
      role: ROLE,
      env: handlerEnv(cloud.dataworks, { AUTOTAG_LATE_ASSET_FUNCTION: 'autotag-events', AUTOTAG_FC_ENDPOINT: cloud.fc.url }),
    });
  });
  afterAll(async () => {
    await eventbridge?.stop();
    await cloud?.stop();
  });

  it('--dry-run prints the rule and target it would create and calls nothing', async () => {
    const r = await connect('--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`rule autotag-events on bus ${BUS} (${eventbridge.region}), ENABLE: source acs.dataworks, types dataworks:NodeChange:NodeChangeCreated`);
    expect(r.stdout).toContain(`acs.fc.function acs:fc:${eventbridge.region}:${eventbridge.accountId}:functions/autotag-events, invoked Async`);
    expect(r.stdout).toContain('Nothing was called');
    expect(eventbridge.calls()).toEqual({});
  });

  it('says the bus must be created and mapped first (exit 2) when it does not exist', async () => {
    const r = await connect();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no event bus "dataworks-events".*OpenEvent/);
  });

  it('connects the bus once the user created it; a second run changes nothing', async () => {
    expect(await eb(eventbridge, 'CreateEventBus', { EventBusName: BUS })).toMatchObject({ status: 200 });
    const first = await connect();
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Event bus ${BUS} delivers DataWorks events to acs:fc:${eventbridge.region}:${eventbridge.accountId}:functions/autotag-events: rule created, target created.`);
    const again = await connect('--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ changes: { rule: 'unchanged', target: 'unchanged' } });
  });

  it('a NodeChange event of the mapped workspace, published on its bus, is delivered to the function and the task ends tagged', async () => {
    const event = sampleJson('eventbridge-dataworks-node-change-created.json') as { data: { projectId: number } };
    eventbridge.mapWorkspace(event.data.projectId, BUS);
    const published = await eventbridge.openEvent(event);
    expect(published).toMatchObject({ eventBusName: BUS, matchedRules: ['autotag-events'], deliveries: [{ outcome: 'delivered', invocationType: 'Async' }] });
    await cloud.fc.waitIdle();
    const [run] = cloud.fc.invocations().filter((r) => r.functionName === 'autotag-events');
    expect(run).toMatchObject({ via: 'fc3-api', invocationType: 'Async', status: 'succeeded', result: { targets: 1, report: { status: 'ok', result: { applied: 1 } } } });
    expect(run.attempts[0].logs.join('\n')).toContain('"msg":"run finished"');
    expect(tagsOf(cloud.dataworks, '700000000003')).toMatchObject({ layer: 'ods' });
  });

  it('an early CommitTable is handed on by the function to itself, delayed, and the table ends tagged', async () => {
    const table = tableAssetId('sales_dw', 'dim_customer');
    // the first invocation's two reads miss it; the third read, the later invocation's, finds it
    cloud.dataworks.delayAsset({ assetId: table, visibleAfterReads: 2 });
    const before = cloud.fc.invocations().length;
    await eventbridge.openEvent(sampleJson('eventbridge-dataworks-table-commit.json'));
    await cloud.fc.waitUntil(() => cloud.fc.invocations().slice(before).some((r) => r.status === 'succeeded'));
    const [first, handOn] = cloud.fc.invocations().slice(before);
    expect(first.result).toMatchObject({ attempt: 1, notFound: [], handedOn: { assets: ['table sales_dw.dim_customer'], attempt: 2, delaySeconds: 60 } });
    expect(handOn).toMatchObject({ via: 'fc3-api', caller: ROLE.accessKeyId, status: 'queued' });
    expect(tagsOf(cloud.dataworks, table)).not.toHaveProperty('layer');

    timers.advance(60_000);
    await cloud.fc.waitIdle();
    expect(cloud.fc.invocations().find((r) => r.requestId === handOn.requestId)).toMatchObject({ status: 'succeeded', result: { attempt: 2, notFound: [], report: { result: { applied: 1 } } } });
    expect(tagsOf(cloud.dataworks, table)).toMatchObject({ layer: 'dim' });
  });
});
