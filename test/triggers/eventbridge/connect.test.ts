/**
 * Connecting a custom bus to the events function against the EventBridge fake, with the real client
 * (@alicloud/openapi-client over loopback): created once, unchanged after, brought back when it drifted,
 * refused before any call when the request cannot be right.
 */
import { startEventBridge, type EventBridgeFake } from '../../../emulator/eventbridge';
import { createEventBridgeClient, type EventBridgeClient } from '../../../shared/eventbridge';
import { connectBus, connection, DATAWORKS_FILTER_PATTERN, SUBSCRIBED_EVENT_TYPES } from '../../../shared/triggers/eventbridge';
import { eb } from '../../emulator/eventbridge/client';

const BUS = 'dataworks-events';

describe('triggers/eventbridge connect', () => {
  let fake: EventBridgeFake;
  let client: EventBridgeClient;
  beforeEach(async () => {
    fake = await startEventBridge();
    client = createEventBridgeClient({ credentials: fake.credentials, endpoint: { endpoint: new URL(fake.url).host, protocol: 'HTTP', regionId: fake.region } });
    await eb(fake, 'CreateEventBus', { EventBusName: BUS });
  });
  afterEach(() => fake.stop());

  const wanted = () => connection({ bus: BUS, functionName: 'autotag-events', region: fake.region, accountId: fake.accountId });
  /** the bus's rules as GetRule shows them */
  const rule = () => fake.state().buses.find((b) => b.EventBusName === BUS)!.Rules as { Targets: unknown[] }[];

  it('filters on exactly the event types the s.yaml trigger subscribes to', () => {
    expect(JSON.parse(DATAWORKS_FILTER_PATTERN)).toEqual({ source: ['acs.dataworks'], type: [...SUBSCRIBED_EVENT_TYPES] });
    expect(wanted().rule).toMatchObject({ EventBusName: BUS, RuleName: 'autotag-events', FilterPattern: DATAWORKS_FILTER_PATTERN, Status: 'ENABLE' });
  });

  it('creates the rule with the function as its async FC target, then changes nothing on a second run', async () => {
    expect(await connectBus(client, wanted())).toEqual({ rule: 'created', target: 'created', ruleArn: `acs:eventbridge:${fake.region}:${fake.accountId}:eventbus/${BUS}/rule/autotag-events` });
    expect(rule()).toEqual([
      expect.objectContaining({
        RuleName: 'autotag-events',
        Status: 'ENABLE',
        FilterPattern: DATAWORKS_FILTER_PATTERN,
        Targets: [expect.objectContaining({ Id: 'autotag-events', Type: 'acs.fc.function', Endpoint: `acs:fc:${fake.region}:${fake.accountId}:functions/autotag-events` })],
      }),
    ]);
    const before = fake.calls();
    expect(await connectBus(client, wanted())).toMatchObject({ rule: 'unchanged', target: 'unchanged' });
    const after = fake.calls();
    const made = Object.fromEntries(Object.entries(after).map(([a, n]) => [a, n - (before[a] ?? 0)]).filter(([, n]) => n));
    expect(made).toEqual({ GetEventBus: 1, GetRule: 1 });
  });

  it('brings a rule that drifted (disabled, another pattern, another target shape) back, keeping the rule', async () => {
    await connectBus(client, wanted());
    await eb(fake, 'UpdateRule', { EventBusName: BUS, RuleName: 'autotag-events', FilterPattern: '{"source":["acs.dataworks"]}', Status: 'DISABLE' });
    const target = { ...wanted().target, ParamList: wanted().target.ParamList.filter((p) => p.ResourceKey !== 'InvocationType') };
    await eb(fake, 'PutTargets', { EventBusName: BUS, RuleName: 'autotag-events', Targets: [target] });
    expect(await connectBus(client, wanted())).toMatchObject({ rule: 'updated', target: 'updated' });
    expect(rule()[0]).toMatchObject({ Status: 'ENABLE', FilterPattern: DATAWORKS_FILTER_PATTERN, Targets: [expect.objectContaining({ ParamList: expect.arrayContaining([{ ResourceKey: 'InvocationType', Form: 'CONSTANT', Value: 'Async' }]) })] });
  });

  it('adds its target to an existing rule of that name without one', async () => {
    await eb(fake, 'CreateRule', { EventBusName: BUS, RuleName: 'autotag-events', FilterPattern: DATAWORKS_FILTER_PATTERN });
    expect(await connectBus(client, wanted())).toMatchObject({ rule: 'unchanged', target: 'created' });
    expect(rule()[0].Targets).toHaveLength(1);
  });

  it('refuses an unknown bus, saying how to create and map it', async () => {
    const other = connection({ bus: 'not-there', functionName: 'autotag-events', region: fake.region, accountId: fake.accountId });
    await expect(connectBus(client, other)).rejects.toMatchObject({ code: 'INVALID_INPUT', issues: [{ field: '--bus', message: expect.stringMatching(/no event bus "not-there".*OpenEvent/) }] });
  });

  it.each([
    ['the default bus', { bus: 'default' }, 'bus'],
    ['a bus name EventBridge refuses', { bus: 'has_underscore' }, 'bus'],
    ['a function name FC refuses', { functionName: '9lives' }, 'functionName'],
    ['a region that is not one', { region: 'Hangzhou' }, 'region'],
    ['an account id that is not one', { accountId: 'me' }, 'accountId'],
  ])('refuses %s before any call', (_what, over, field) => {
    expect(() => connection({ bus: BUS, functionName: 'autotag-events', region: 'cn-hangzhou', accountId: '1234567890123456', ...over })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ field })] }));
  });
});
