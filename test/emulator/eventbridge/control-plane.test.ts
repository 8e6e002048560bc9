import { InvalidInputError } from '../../../shared/errors';
import { startEventBridge, type EventBridgeFake, type EventBridgeOptions } from '../../../emulator/eventbridge';
import { rawCall } from '../client';
import { dataworksPattern, eb, fcTarget } from './client';

const COMMIT = 'dataworks:TableChange:CommitTable';

describe('emulator/eventbridge control plane', () => {
  let fake: EventBridgeFake;
  beforeEach(async () => {
    fake = await startEventBridge();
  });
  afterEach(() => fake.stop());

  const createRule = (params: Record<string, unknown> = {}) =>
    eb(fake, 'CreateRule', { EventBusName: 'default', RuleName: 'autotag-events', FilterPattern: dataworksPattern(COMMIT), ...params });

  describe('startEventBridge', () => {
    it('listens on loopback with a region, an account and a generated key pair; refuses unknown options', async () => {
      expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(fake).toMatchObject({ region: 'cn-hangzhou', accountId: '1234567890123456', credentials: { accessKeyId: expect.stringMatching(/^LTAI/) } });
      await expect(startEventBridge({ regoin: 'x' } as EventBridgeOptions)).rejects.toThrow(InvalidInputError);
      await expect(startEventBridge({ region: 'Hangzhou' })).rejects.toThrow(InvalidInputError);
    });

    it('answers in the EventBridge body shape, signed through @alicloud/credentials', async () => {
      const res = await eb(fake, 'GetEventBus', { EventBusName: 'default' });
      expect(res).toEqual({
        status: 200,
        body: {
          RequestId: expect.any(String),
          Code: 'Success',
          Message: 'success',
          Success: true,
          Data: { EventBusName: 'default', EventBusARN: 'acs:eventbridge:cn-hangzhou:1234567890123456:eventbus/default', Description: '', CreateTimestamp: expect.any(Number) },
        },
      });
    });
  });

  describe('event buses', () => {
    it('creates a custom bus, reads it back and lists it after default', async () => {
      const created = await eb(fake, 'CreateEventBus', { EventBusName: 'dataworks-bus', Description: 'DataWorks workspace events' });
      expect(created.body).toMatchObject({ Success: true, Data: { EventBusARN: 'acs:eventbridge:cn-hangzhou:1234567890123456:eventbus/dataworks-bus' } });
      expect((await eb(fake, 'GetEventBus', { EventBusName: 'dataworks-bus' })).body.Data).toMatchObject({ EventBusName: 'dataworks-bus', Description: 'DataWorks workspace events' });
      const list = await eb(fake, 'ListEventBuses');
      expect(list.body.Data).toEqual({ EventBuses: [expect.objectContaining({ EventBusName: 'default' }), expect.objectContaining({ EventBusName: 'dataworks-bus' })], Total: 2 });
      expect((await eb(fake, 'ListEventBuses', { NamePrefix: 'data' })).body.Data.EventBuses.map((b: { EventBusName: string }) => b.EventBusName)).toEqual(['dataworks-bus']);
    });

    it('refuses a duplicate, the reserved name, a bad name and an unknown bus with 409 codes', async () => {
      await eb(fake, 'CreateEventBus', { EventBusName: 'dataworks-bus' });
      expect(await eb(fake, 'CreateEventBus', { EventBusName: 'dataworks-bus' })).toMatchObject({
        status: 409,
        body: { Code: 'EventBusAlreadyExist', Message: 'The event bus [dataworks-bus] already existed!', Success: false },
      });
      for (const name of ['default', 'data_works', '-bus', 'eventbridge-reserved-x', 'a'.repeat(128)])
        expect(await eb(fake, 'CreateEventBus', { EventBusName: name })).toMatchObject({ status: 409, body: { Code: 'EventBusNameInvalid' } });
      expect(await eb(fake, 'GetEventBus', { EventBusName: 'nope' })).toMatchObject({ status: 409, body: { Code: 'EventBusNotExist', Message: 'The event bus [nope] not existed!' } });
    });

    it('allows 50 custom buses', async () => {
      for (let i = 0; i < 50; i++) expect((await eb(fake, 'CreateEventBus', { EventBusName: `bus-${i}` })).status).toBe(200);
      expect(await eb(fake, 'CreateEventBus', { EventBusName: 'bus-50' })).toMatchObject({ status: 409, body: { Code: 'EventBusCountExceedLimit' } });
    });

    it('pages with Limit and NextToken, refusing a Limit over 100 and a bad token', async () => {
      for (const name of ['a-bus', 'b-bus']) await eb(fake, 'CreateEventBus', { EventBusName: name });
      const first = await eb(fake, 'ListEventBuses', { Limit: 2 });
      expect(first.body.Data).toMatchObject({ Total: 3, NextToken: '2' });
      const second = await eb(fake, 'ListEventBuses', { Limit: 2, NextToken: first.body.Data.NextToken });
      expect(second.body.Data.EventBuses.map((b: { EventBusName: string }) => b.EventBusName)).toEqual(['b-bus']);
      expect(second.body.Data).not.toHaveProperty('NextToken');
      expect(await eb(fake, 'ListEventBuses', { Limit: 101 })).toMatchObject({ status: 409, body: { Code: 'LimitSizeInvalid' } });
      expect(await eb(fake, 'ListEventBuses', { NextToken: 'abc' })).toMatchObject({ status: 409, body: { Code: 'NextTokenInvalid' } });
    });
  });

  describe('rules', () => {
    it('creates a rule on a custom bus with an FC target, and reads it back with GetRule, ListRules and ListTargets', async () => {
      await eb(fake, 'CreateEventBus', { EventBusName: 'dataworks-bus' });
      const target = fcTarget(fake, 'events', 'autotag-events');
      const res = await createRule({ EventBusName: 'dataworks-bus', Description: 'autotag', EventTargets: [target] });
      expect(res.body).toMatchObject({ Success: true, Data: { RuleARN: 'acs:eventbridge:cn-hangzhou:1234567890123456:eventbus/dataworks-bus/rule/autotag-events' } });

      const rule = await eb(fake, 'GetRule', { EventBusName: 'dataworks-bus', RuleName: 'autotag-events' });
      expect(rule.body.Data).toEqual({
        RuleARN: res.body.Data.RuleARN,
        RuleName: 'autotag-events',
        EventBusName: 'dataworks-bus',
        FilterPattern: dataworksPattern(COMMIT),
        Status: 'ENABLE',
        Description: 'autotag',
        CreatedTimestamp: expect.any(Number),
        Targets: [{ ...target, ErrorsTolerance: 'ALL', PushRetryStrategy: 'BACKOFF_RETRY' }],
      });
      const rules = await eb(fake, 'ListRules', { EventBusName: 'dataworks-bus', RuleNamePrefix: 'autotag' });
      expect(rules.body.Data).toEqual({
        Rules: [{ ...rule.body.Data, Targets: [{ Id: 'events', Type: 'acs.fc.function', Endpoint: target.Endpoint, ErrorsTolerance: 'ALL' }] }],
        Total: 1,
      });
      expect((await eb(fake, 'ListRules', { EventBusName: 'dataworks-bus', RuleNamePrefix: 'other' })).body.Data).toEqual({ Rules: [], Total: 0 });
      const targets = await eb(fake, 'ListTargets', { EventBusName: 'dataworks-bus', RuleName: 'autotag-events' });
      expect(targets.body.Data).toEqual({
        Targets: [{ Id: 'events', Type: 'acs.fc.function', Endpoint: target.Endpoint, ErrorsTolerance: 'ALL', ParamList: target.ParamList, EventBusName: 'dataworks-bus', RuleName: 'autotag-events' }],
        Total: 1,
      });
    });

    it('accepts an FC 2.0 target (service, qualifier) and a DISABLE status', async () => {
      const endpoint = `acs:fc:cn-hangzhou:1234567890123456:services/autotag.prod/functions/events`;
      const target = {
        Id: 't1',
        Type: 'acs.fc.function',
        Endpoint: endpoint,
        PushRetryStrategy: 'EXPONENTIAL_DECAY_RETRY',
        ParamList: [
          { ResourceKey: 'serviceName', Form: 'CONSTANT', Value: 'autotag' },
          { ResourceKey: 'functionName', Form: 'CONSTANT', Value: 'events' },
          { ResourceKey: 'Qualifier', Form: 'CONSTANT', Value: 'prod' },
          { ResourceKey: 'InvocationType', Form: 'CONSTANT', Value: 'Async' },
          { ResourceKey: 'Body', Form: 'ORIGINAL' },
        ],
      };
      expect((await createRule({ Status: 'DISABLE', EventTargets: [target] })).status).toBe(200);
      expect((await eb(fake, 'GetRule', { EventBusName: 'default', RuleName: 'autotag-events' })).body.Data).toMatchObject({ Status: 'DISABLE', Targets: [target] });
    });

    it('refuses a rule on an unknown bus, a duplicate, a bad name and the 51st rule of a bus', async () => {
      expect(await createRule({ EventBusName: 'dataworks-bus' })).toMatchObject({ status: 409, body: { Code: 'EventBusNotExist' } });
      await createRule();
      expect(await createRule()).toMatchObject({ status: 409, body: { Code: 'EventRuleAlreadyExist', Message: 'The event rule [autotag-events] of event bus [default] already existed!' } });
      expect(await createRule({ RuleName: 'autotag.events' })).toMatchObject({ status: 409, body: { Code: 'EventRuleNameInvalid' } });
      for (let i = 1; i < 50; i++) await createRule({ RuleName: `rule-${i}` });
      expect(await createRule({ RuleName: 'rule-50' })).toMatchObject({ status: 409, body: { Code: 'EventRuleCountExceedLimit' } });
      expect(await eb(fake, 'GetRule', { EventBusName: 'default', RuleName: 'nope' })).toMatchObject({
        status: 409,
        body: { Code: 'EventRuleNotExist', Message: 'The event rule [nope] of event bus [default] not existed!' },
      });
    });

    it.each([
      ['not JSON', '{source:'],
      ['not an object', '["acs.dataworks"]'],
      ['a bare value', '{"source":"acs.dataworks"}'],
      ['an empty list', '{"source":[]}'],
      ['the numeric operator', '{"data":{"fileSize":[{"numeric":[">",0]}]}}'],
      ['an unknown operator', '{"type":[{"startsWith":"dataworks:"}]}'],
      ['six expressions on a field', JSON.stringify({ type: Array.from({ length: 6 }, (_, i) => ({ prefix: `p${i}` })) })],
    ])('refuses a FilterPattern with %s (400) and creates nothing', async (_, pattern) => {
      const res = await createRule({ FilterPattern: pattern });
      expect(res).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.FilterPattern', Success: false } });
      expect(res.body.Message).toMatch(/^The event pattern is invalid! /);
      expect(await eb(fake, 'GetRule', { EventBusName: 'default', RuleName: 'autotag-events' })).toMatchObject({ status: 409 });
    });

    it('requires a FilterPattern and refuses an unknown Status', async () => {
      expect(await eb(fake, 'CreateRule', { EventBusName: 'default', RuleName: 'r1' })).toMatchObject({ status: 400, body: { Code: 'MissingParameter.FilterPattern' } });
      expect(await createRule({ Status: 'ENABLED' })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.Status' } });
    });

    const target = () => fcTarget(fake, 'events', 'autotag-events');
    it.each([
      ['another target type', () => ({ ...target(), Type: 'acs.mns.queue' }), 'not emulated'],
      ['another region', () => ({ ...target(), Endpoint: 'acs:fc:cn-shanghai:1234567890123456:functions/autotag-events' }), 'same region and account'],
      ['another account', () => ({ ...target(), Endpoint: 'acs:fc:cn-hangzhou:999:functions/autotag-events' }), 'same region and account'],
      ['no Endpoint', () => ({ ...target(), Endpoint: undefined }), 'missing'],
      ['a malformed Endpoint', () => ({ ...target(), Endpoint: 'acs:fc:cn-hangzhou:1234567890123456:function/x' }), 'must be'],
      ['a functionName that is not the Endpoint’s', () => ({ ...target(), ParamList: [{ ResourceKey: 'functionName', Form: 'CONSTANT', Value: 'other' }, ...target().ParamList.slice(1)] }), 'the Endpoint names'],
      ['no Body', () => ({ ...target(), ParamList: target().ParamList.slice(0, 1) }), 'needs a Body'],
      ['a TEMPLATE Body', () => fcTarget(fake, 'events', 'autotag-events', { ResourceKey: 'Body', Form: 'TEMPLATE', Value: '{}' }), 'not emulated'],
      ['a bad JSONPATH', () => fcTarget(fake, 'events', 'autotag-events', { ResourceKey: 'Body', Form: 'JSONPATH', Value: 'data' }), 'JSONPATH'],
      ['an unknown ResourceKey', () => fcTarget(fake, 'events', 'autotag-events', undefined, [{ ResourceKey: 'timeout', Form: 'CONSTANT', Value: '3' }]), 'not a parameter'],
      ['serviceName on an FC 3.0 Endpoint', () => fcTarget(fake, 'events', 'autotag-events', undefined, [{ ResourceKey: 'serviceName', Form: 'CONSTANT', Value: 's' }]), 'takes no serviceName'],
      ['a bad InvocationType', () => fcTarget(fake, 'events', 'autotag-events', undefined, [{ ResourceKey: 'InvocationType', Form: 'CONSTANT', Value: 'async' }]), 'Sync or Async'],
    ])('refuses an FC target with %s (400) and creates nothing', async (_, make, why) => {
      const res = await createRule({ EventTargets: [make()] });
      expect(res).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.EventTargets' } });
      expect(res.body.Message).toMatch(/^The target in event rule is invalid! /);
      expect(res.body.Message).toContain(why);
      expect(await eb(fake, 'GetRule', { EventBusName: 'default', RuleName: 'autotag-events' })).toMatchObject({ status: 409 });
    });

    it('UpdateRule replaces the pattern, status and description and keeps the targets; it needs a FilterPattern and an existing rule', async () => {
      await createRule({ EventTargets: [fcTarget(fake, 'events', 'autotag-events')], Status: 'DISABLE' });
      const pattern = dataworksPattern(COMMIT, 'dataworks:NodeChange:NodeChangeCreated');
      expect(await eb(fake, 'UpdateRule', { EventBusName: 'default', RuleName: 'autotag-events', FilterPattern: pattern, Status: 'ENABLE', Description: 'd' })).toMatchObject({ status: 200, body: { Success: true } });
      const rule = await eb(fake, 'GetRule', { EventBusName: 'default', RuleName: 'autotag-events' });
      expect(rule.body.Data).toMatchObject({ FilterPattern: pattern, Status: 'ENABLE', Description: 'd', Targets: [{ Id: 'events' }] });
      expect(await eb(fake, 'UpdateRule', { EventBusName: 'default', RuleName: 'autotag-events' })).toMatchObject({ status: 400 });
      expect(await eb(fake, 'UpdateRule', { EventBusName: 'default', RuleName: 'nope', FilterPattern: pattern })).toMatchObject({ status: 409, body: { Code: 'EventRuleNotExist' } });
      expect(await eb(fake, 'UpdateRule', { EventBusName: 'default', RuleName: 'autotag-events', FilterPattern: '{"source":' })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.FilterPattern' } });
    });

    it('refuses malformed EventTargets, six targets and a repeated Id', async () => {
      expect(await createRule({ EventTargets: [{ ...target(), Extra: 1 }] })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.EventTargets' } });
      expect(await createRule({ EventTargets: '[{' })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.EventTargets' } });
      const six = Array.from({ length: 6 }, (_, i) => ({ ...target(), Id: `t${i}` }));
      expect((await createRule({ EventTargets: six })).body.Message).toContain('at most 5 targets');
      expect((await createRule({ EventTargets: [target(), target()] })).body.Message).toContain('given twice');
    });
  });

  describe('targets', () => {
    beforeEach(() => createRule({ EventTargets: [fcTarget(fake, 'events', 'autotag-events')] }));

    it('PutTargets adds and updates by Id, reporting bad entries in ErrorEntries and applying the rest', async () => {
      const updated = { ...fcTarget(fake, 'events', 'autotag-events'), PushRetryStrategy: 'EXPONENTIAL_DECAY_RETRY' };
      const res = await eb(fake, 'PutTargets', {
        EventBusName: 'default',
        RuleName: 'autotag-events',
        Targets: [updated, fcTarget(fake, 'second', 'autotag-events'), { ...fcTarget(fake, 'bad', 'x'), Type: 'http' }, fcTarget(fake, 'second', 'autotag-events')],
      });
      expect(res.body.Data).toEqual({
        ErrorEntriesCount: 2,
        ErrorEntries: [
          { EntryId: 'bad', ErrorCode: 'EventTargetInvalid', ErrorMessage: expect.stringContaining('not emulated') },
          { EntryId: 'second', ErrorCode: 'EventRuleTargetIdDuplicate', ErrorMessage: 'The id of event target is duplicate!' },
        ],
      });
      const listed = await eb(fake, 'ListTargets', { EventBusName: 'default', RuleName: 'autotag-events' });
      expect(listed.body.Data.Targets.map((t: { Id: string }) => t.Id)).toEqual(['events', 'second']);
      const rule = await eb(fake, 'GetRule', { EventBusName: 'default', RuleName: 'autotag-events' });
      expect(rule.body.Data.Targets[0].PushRetryStrategy).toBe('EXPONENTIAL_DECAY_RETRY');
    });

    it('PutTargets keeps a rule at five targets and refuses an unknown rule', async () => {
      const more = Array.from({ length: 5 }, (_, i) => fcTarget(fake, `t${i}`, 'autotag-events'));
      const res = await eb(fake, 'PutTargets', { EventBusName: 'default', RuleName: 'autotag-events', Targets: more });
      expect(res.body.Data).toEqual({ ErrorEntriesCount: 1, ErrorEntries: [expect.objectContaining({ EntryId: 't4', ErrorCode: 'EventTargetCountExceedLimit' })] });
      expect(await eb(fake, 'PutTargets', { EventBusName: 'default', RuleName: 'nope', Targets: more })).toMatchObject({ status: 409, body: { Code: 'EventRuleNotExist' } });
      expect(await eb(fake, 'ListTargets', { EventBusName: 'default', RuleName: 'nope' })).toMatchObject({ status: 409, body: { Code: 'EventRuleNotExist' } });
      expect(await eb(fake, 'PutTargets', { EventBusName: 'default', RuleName: 'autotag-events' })).toMatchObject({ status: 400, body: { Code: 'MissingParameter.Targets' } });
    });
  });

  describe('the wire', () => {
    it('refuses unknown parameters, unknown actions and another version', async () => {
      expect(await eb(fake, 'GetRule', { EventBusName: 'default', RuleName: 'r', Extra: '1' })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter' } });
      expect(await eb(fake, 'ListTargets', { EventBusName: 'default', RuleName: 'r', Arn: 'acs:fc:x' })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter' } });
      expect(await eb(fake, 'DeleteRule', { EventBusName: 'default', RuleName: 'r' })).toMatchObject({ status: 404, body: { Code: 'InvalidApi.NotFound' } });
      expect(await rawCall(fake, { action: 'GetEventBus', version: '2024-05-18', query: { EventBusName: 'default' } })).toMatchObject({ status: 404, body: { Code: 'InvalidApi.NotFound' } });
      expect(fake.calls()).toMatchObject({ GetRule: 1, ListTargets: 1, DeleteRule: 1, GetEventBus: 1 });
    });

    it('verifies the signature as the DataWorks emulator does, with EventBridge codes for unknown keys and tokens', async () => {
      const ok = await rawCall(fake, { action: 'GetEventBus', version: '2020-04-01', query: { EventBusName: 'default' } });
      expect(ok.status).toBe(200);
      const wrongSecret = await eb(fake, 'GetEventBus', { EventBusName: 'default' }, { ...fake.credentials, accessKeySecret: 'wrong' });
      expect(wrongSecret).toMatchObject({ status: 403, body: { Code: 'SignatureDoesNotMatch', Success: false } });
      const unknownKey = await eb(fake, 'GetEventBus', { EventBusName: 'default' }, { accessKeyId: 'LTAIunknown', accessKeySecret: 'x' });
      expect(unknownKey).toMatchObject({ status: 403, body: { Code: 'InvalidAccessKeyId', Message: 'The access Id you provided is not exist.' } });
      const tampered = await rawCall(fake, {
        action: 'GetEventBus',
        version: '2020-04-01',
        query: { EventBusName: 'default' },
        tamper: (req) => {
          req.wireQuery = 'EventBusName=other';
        },
      });
      expect(tampered).toMatchObject({ status: 403, body: { Code: 'SignatureDoesNotMatch' } });
      const old = await rawCall(fake, { action: 'GetEventBus', version: '2020-04-01', query: { EventBusName: 'default' }, date: '2020-01-01T00:00:00Z' });
      expect(old).toMatchObject({ status: 400, body: { Code: 'InvalidTimeStamp.Expired' } });
    });

    it('accepts STS credentials from @alicloud/credentials and refuses a wrong token', async () => {
      const sts = { accessKeyId: 'STS.emu', accessKeySecret: 'sts-secret', securityToken: 'token-1' };
      const stsFake = await startEventBridge({ credentials: [sts] });
      try {
        expect((await eb(stsFake, 'ListEventBuses')).status).toBe(200);
        expect(await eb(stsFake, 'ListEventBuses', {}, { ...sts, securityToken: 'token-2' })).toMatchObject({ status: 403, body: { Code: 'SecurityTokenInvalid' } });
      } finally {
        await stsFake.stop();
      }
    });
  });
});
