/**
 * The fuller audit, through the functions as FC runs them: every record (bindings and tag keys) names the RAM
 * identity the run acts as (STS GetCallerIdentity of the invocation's credentials, answered by the emulator),
 * the trigger and its own ids — the timer's name and the invocation's request id, the EventBridge event ids,
 * the HTTP request id FC answers in `x-fc-request-id` — and a run STS cannot answer for still runs, its records
 * without an actor and one warning. A dry run writes nothing, so it asks STS nothing.
 */
import { startEmulator, type Emulator } from '../../emulator';
import type { AuditRecord } from '../../shared/engine';
import { sampleEvent, sampleJson } from '../support/fixtures';
import { builtFunction, fcContext, handlerEnv, loadHandler, parsed } from '../support/functions';
import { builtBundle, CALLER, ROLE, signedTriggerRequest, startCloud, type Cloud } from '../support/local-fc';

const FUNCTION_ROLE = { ...ROLE, identity: { arn: 'acs:ram::1234567890123456:assumed-role/autotag-fc/autotag-scheduled' } };
const roleContext = (emulator: Emulator) => fcContext(emulator, { credentials: { accessKeyId: FUNCTION_ROLE.accessKeyId, accessKeySecret: FUNCTION_ROLE.accessKeySecret, securityToken: FUNCTION_ROLE.securityToken } });
const auditOf = (lines: string[]) => parsed(lines).flatMap((l) => (l.audit ? [l.audit as AuditRecord] : []));

describe('audit records of the functions', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ assets: 100, readQps: 0, writeQps: 0, credentials: [FUNCTION_ROLE] });
  });
  afterEach(() => emulator.stop());

  it('scheduled: each names the role, the trigger, the timer and the invocation, for bindings and tag keys alike', async () => {
    const lines: string[] = [];
    const handler = loadHandler(builtFunction('scheduled'), handlerEnv(emulator), lines);
    const context = roleContext(emulator);
    await handler(sampleEvent('timer.json'), context);
    const records = auditOf(lines);
    expect(new Set(records.map((r) => r.kind))).toEqual(new Set(['binding', 'tag-key']));
    for (const r of records) {
      expect(r).toMatchObject({ actor: FUNCTION_ROLE.identity.arn, trigger: 'timer', triggerName: 'nightly-classify', requestId: context.requestId, runId: context.requestId, ruleSetHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
    // asked once for the whole run, outside DataWorks' counts
    expect(emulator.calls().otherServices).toEqual({ GetCallerIdentity: 1 });
  });

  it('events: each names the ids of the events that named the asset', async () => {
    const lines: string[] = [];
    const event = sampleJson('eventbridge-dataworks-node-change-created.json') as { id: string };
    const context = roleContext(emulator);
    await loadHandler(builtFunction('events'), handlerEnv(emulator), lines)(sampleEvent('eventbridge-dataworks-node-change-created.json'), context);
    const records = auditOf(lines);
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) expect(r).toMatchObject({ actor: FUNCTION_ROLE.identity.arn, trigger: 'event', eventIds: [event.id], requestId: context.requestId });
  });

  it('a run STS cannot answer for still runs: its records leave out the actor, and one warning says why', async () => {
    const lines: string[] = [];
    const env = handlerEnv(emulator, { AUTOTAG_STS_ENDPOINT: 'http://127.0.0.1:9' });
    const outcome = (await loadHandler(builtFunction('scheduled'), env, lines)(sampleEvent('timer.json'), roleContext(emulator))) as { report: { status: string; result: { applied: number } } };
    expect(outcome.report).toMatchObject({ status: 'ok', result: { applied: 3 } });
    const records = auditOf(lines);
    // three bindings and the tag key their rules need
    expect(records.map((r) => r.kind).sort()).toEqual(['binding', 'binding', 'binding', 'tag-key']);
    for (const r of records) expect(r).not.toHaveProperty('actor');
    expect(parsed(lines).filter((l) => l.level === 'warn' && String(l.msg).includes('its audit records leave out the actor'))).toHaveLength(1);
    expect(lines.join('\n')).not.toContain(FUNCTION_ROLE.securityToken);
  });

  it('a dry run asks STS nothing (it writes no audit record)', async () => {
    const dryRun = Buffer.from(JSON.stringify({ triggerTime: '2024-06-03T18:00:00Z', triggerName: 'nightly-classify', payload: '{"dryRun":true}' }));
    await loadHandler(builtFunction('scheduled'), handlerEnv(emulator))(dryRun, roleContext(emulator));
    expect(emulator.calls().otherServices).toEqual({});
    expect(emulator.calls().readCalls).toBeGreaterThan(0);
  });
});

describe('audit records of the http function on the local FC', () => {
  let cloud: Cloud;
  let url: string;
  beforeAll(async () => {
    cloud = await startCloud({ dataworks: { assets: 100 } });
    cloud.fc.register({ name: 'autotag-http', bundle: builtBundle('http'), timeout: 60, role: ROLE, maxAsyncRetryAttempts: 0, env: handlerEnv(cloud.dataworks) });
    url = (await cloud.fc.startHttpTrigger('autotag-http')).url;
  });
  afterAll(() => cloud.stop());

  it('names the role and the request id FC answers in x-fc-request-id', async () => {
    const res = await signedTriggerRequest(`${url}/runs`, { credentials: CALLER }, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ruleSet":"default"}' });
    expect(res.status).toBe(200);
    const requestId = res.headers['x-fc-request-id'];
    expect(requestId).toEqual(expect.any(String));
    const logs = cloud.fc.invocations().at(-1)!.attempts.flatMap((a) => a.logs);
    const records = auditOf(logs);
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) expect(r).toMatchObject({ actor: ROLE.identity.arn, trigger: 'http', requestId, runId: requestId });
  });
});
