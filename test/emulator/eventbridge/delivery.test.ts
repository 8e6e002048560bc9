import { fakeClock } from '../../../shared/clock';
import { InvalidInputError } from '../../../shared/errors';
import { startEventBridge, type EventBridgeFake, type EventBridgeOptions, type FcInvocation } from '../../../emulator/eventbridge';
import commitTable from '../../fixtures/events/eventbridge-dataworks-table-commit.json';
import nodeCreated from '../../fixtures/events/eventbridge-dataworks-node-change-created.json';
import upload from '../../fixtures/events/eventbridge-dataworks-upload-data-to-table.json';
import { adminCall } from '../client';
import { dataworksPattern, eb, fcTarget, RAW_DATA, type Param } from './client';

const COMMIT = 'dataworks:TableChange:CommitTable';
const UPLOAD = 'dataworks:ResourcesUpload:UploadDataToTable';
const NODE_CREATED = 'dataworks:NodeChange:NodeChangeCreated';
const BUS = 'dataworks-bus';

describe('emulator/eventbridge delivery', () => {
  let fake: EventBridgeFake;
  let invocations: FcInvocation[];
  afterEach(() => fake.stop());

  /** a fake whose deliveries land in `invocations`; `fail(n)` makes the nth invocation (1-based) throw */
  async function start(options: EventBridgeOptions = {}, fail: (n: number) => boolean = () => false) {
    invocations = [];
    fake = await startEventBridge({
      deliver: async (invocation) => {
        invocations.push(invocation);
        if (fail(invocations.length)) throw new Error(`function failed on call ${invocations.length}`);
      },
      ...options,
    });
    expect((await eb(fake, 'CreateEventBus', { EventBusName: BUS })).status).toBe(200);
  }

  const rule = async (bus: string, name: string, types: string[], body?: Param, params: Record<string, unknown> = {}) => {
    const res = await eb(fake, 'CreateRule', { EventBusName: bus, RuleName: name, FilterPattern: dataworksPattern(...types), EventTargets: [fcTarget(fake, 'fn', 'autotag-events', body)], ...params });
    expect(res.status).toBe(200);
  };

  it('delivers a matching event to the FC target as EventBridge sends it: the CloudEvent, stamped with the bus it went through', async () => {
    const clock = fakeClock(Date.UTC(2026, 4, 1, 12));
    await start({ clock });
    await rule(BUS, 'autotag-events', [COMMIT]);
    const result = await fake.publish(BUS, commitTable);
    expect(result).toMatchObject({ eventId: commitTable.id, eventBusName: BUS, matchedRules: ['autotag-events'] });
    expect(invocations).toHaveLength(1);
    const [invocation] = invocations;
    expect(invocation).toMatchObject({
      eventBusName: BUS,
      ruleName: 'autotag-events',
      targetId: 'fn',
      endpoint: 'acs:fc:cn-hangzhou:1234567890123456:functions/autotag-events',
      functionName: 'autotag-events',
      qualifier: 'LATEST',
      invocationType: 'Sync',
      eventId: commitTable.id,
      attempt: 1,
      duplicate: false,
    });
    expect(Buffer.isBuffer(invocation.body)).toBe(true);
    expect(JSON.parse(invocation.body.toString('utf8'))).toEqual({
      ...commitTable,
      aliyuneventbusname: BUS,
      aliyunpublishtime: '2026-05-01T12:00:00.000Z',
      aliyunaccountid: '1234567890123456',
      aliyunregionid: 'cn-hangzhou',
    });
    expect(fake.deliveries()).toEqual([expect.objectContaining({ outcome: 'delivered', body: invocation.body.toString('utf8'), ruleName: 'autotag-events' })]);
  });

  it('sends only the payload when the target asks for RawData ($.data), and a constant body as given', async () => {
    await start();
    await rule(BUS, 'raw', [COMMIT], RAW_DATA);
    await rule(BUS, 'constant', [COMMIT], { ResourceKey: 'Body', Form: 'CONSTANT', Value: 'ping' });
    await fake.publish(BUS, commitTable);
    expect(JSON.parse(invocations[0].body.toString('utf8'))).toEqual(commitTable.data);
    expect(invocations[1].body.toString('utf8')).toBe('ping');
  });

  it('delivers nothing for an event no ENABLE rule of that bus matches', async () => {
    await start();
    await rule(BUS, 'nodes', [NODE_CREATED]);
    await rule(BUS, 'off', [COMMIT], undefined, { Status: 'DISABLE' });
    await rule('default', 'on-default', [COMMIT]);
    expect(await fake.publish(BUS, commitTable)).toMatchObject({ matchedRules: [], deliveries: [] });
    expect(invocations).toEqual([]);
    expect((await fake.publish(BUS, nodeCreated)).matchedRules).toEqual(['nodes']);
    expect(invocations).toHaveLength(1);
  });

  it('retries a failed delivery three times under BACKOFF_RETRY, recording each attempt', async () => {
    await start({}, () => true);
    await rule(BUS, 'autotag-events', [COMMIT]);
    const result = await fake.publish(BUS, commitTable);
    expect(result.deliveries.map((d) => [d.attempt, d.outcome])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'failed'],
      [4, 'failed'],
    ]);
    expect(result.deliveries[0].error).toBe('function failed on call 1');
    expect(fake.deliveries()).toHaveLength(4);
  });

  it('stops retrying once an attempt succeeds', async () => {
    await start({}, (n) => n === 1);
    await rule(BUS, 'autotag-events', [COMMIT]);
    expect((await fake.publish(BUS, commitTable)).deliveries.map((d) => [d.attempt, d.outcome])).toEqual([
      [1, 'failed'],
      [2, 'delivered'],
    ]);
  });

  it('delivers an event twice, the same bytes, when asked to (at-least-once), per fake or per event', async () => {
    await start({ duplicateDeliveries: true });
    await rule(BUS, 'autotag-events', [COMMIT]);
    await fake.publish(BUS, commitTable);
    expect(invocations.map((i) => i.duplicate)).toEqual([false, true]);
    expect(invocations[1].body.equals(invocations[0].body)).toBe(true);
    await fake.publish(BUS, commitTable, { duplicate: false });
    expect(invocations).toHaveLength(3);
  });

  it('refuses an event that is not a CloudEvent and an unknown bus', async () => {
    await start();
    await expect(fake.publish(BUS, { ...commitTable, specversion: '0.3' })).rejects.toThrow(InvalidInputError);
    await expect(fake.publish(BUS, { ...commitTable, id: 'has space' })).rejects.toThrow(InvalidInputError);
    await expect(fake.publish(BUS, { ...commitTable, type: 'x'.repeat(65) })).rejects.toThrow(InvalidInputError);
    await expect(fake.publish('nope', commitTable)).rejects.toThrow('no event bus nope');
  });

  describe('DataWorks OpenEvent routing', () => {
    beforeEach(async () => {
      await start();
      fake.mapWorkspace(91234, BUS);
      await rule(BUS, 'workspace-events', [COMMIT, NODE_CREATED]);
      await rule('default', 'tenant-events', [UPLOAD, COMMIT]);
    });

    it('pushes a workspace-level event to the custom bus mapped to its workspace, not to default', async () => {
      const result = await fake.openEvent(commitTable);
      expect(result).toMatchObject({ eventBusName: BUS, matchedRules: ['workspace-events'] });
      expect(invocations.map((i) => i.ruleName)).toEqual(['workspace-events']);
      expect(JSON.parse(invocations[0].body.toString('utf8')).aliyuneventbusname).toBe(BUS);
    });

    it('pushes a tenant-level upload event to the default bus', async () => {
      expect(await fake.openEvent(upload)).toMatchObject({ eventBusName: 'default', matchedRules: ['tenant-events'] });
      expect(invocations.map((i) => i.ruleName)).toEqual(['tenant-events']);
    });

    it('drops the events of a workspace mapped to no bus', async () => {
      const other = { ...commitTable, data: { ...commitTable.data, projectId: 10001 } };
      expect(await fake.openEvent(other)).toEqual({ dropped: 'workspace 10001 is mapped to no event bus' });
      expect(invocations).toEqual([]);
    });

    it('maps a workspace only to an existing custom bus', () => {
      expect(() => fake.mapWorkspace(10001, 'nope')).toThrow(InvalidInputError);
      expect(() => fake.mapWorkspace(10001, 'default')).toThrow(InvalidInputError);
      expect(fake.workspaceBuses()).toEqual([{ workspaceId: 91234, eventBusName: BUS }]);
    });
  });

  describe('over /__admin/', () => {
    const admin = (method: 'GET' | 'POST', route: string, body?: unknown) => adminCall(fake, method, route, body);

    it('maps a workspace, pushes DataWorks events, publishes, lists deliveries and state, and resets', async () => {
      await start();
      await rule(BUS, 'workspace-events', [COMMIT]);
      expect(await admin('POST', 'workspace-bus', { workspaceId: 91234, eventBusName: BUS })).toEqual({ status: 200, body: { ok: true } });
      expect(await admin('GET', 'workspaces')).toEqual({ status: 200, body: [{ workspaceId: 91234, eventBusName: BUS }] });
      const pushed = await admin('POST', 'openevent', { event: commitTable, duplicate: true });
      expect(pushed).toMatchObject({ status: 200, body: { eventBusName: BUS, matchedRules: ['workspace-events'] } });
      expect(pushed.body.deliveries.map((d: { duplicate: boolean }) => d.duplicate)).toEqual([false, true]);
      expect((await admin('POST', 'publish', { eventBusName: BUS, event: commitTable })).body.deliveries).toHaveLength(1);
      expect((await admin('GET', 'deliveries')).body).toHaveLength(3);
      const state = await admin('GET', 'state');
      expect(state.body.buses.map((b: { EventBusName: string }) => b.EventBusName)).toEqual(['default', BUS]);
      expect(state.body.buses[1].Rules[0]).toMatchObject({ RuleName: 'workspace-events', Targets: [expect.objectContaining({ Id: 'fn' })] });
      expect((await admin('GET', 'calls')).body).toMatchObject({ CreateEventBus: 1, CreateRule: 1 });
      expect(await admin('POST', 'reset')).toEqual({ status: 200, body: { ok: true } });
      expect((await admin('GET', 'deliveries')).body).toEqual([]);
    });

    it('refuses a bad event, an unknown bus, a bad body and an unknown route', async () => {
      await start();
      expect(await admin('POST', 'publish', { eventBusName: BUS, event: { id: 'x' } })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter' } });
      expect(await admin('POST', 'publish', { eventBusName: 'nope', event: commitTable })).toMatchObject({ status: 400, body: { Message: expect.stringContaining('no event bus nope') } });
      expect(await admin('POST', 'workspace-bus', { workspaceId: 'x', eventBusName: BUS })).toMatchObject({ status: 400 });
      expect(await admin('POST', 'openevent', 'not json')).toMatchObject({ status: 400 });
      expect(await admin('GET', 'nope')).toMatchObject({ status: 404 });
    });
  });
});
