/**
 * Notifications from the async functions, driven as FC drives them (test/support/functions) against the emulator
 * and a local webhook stand-in: the scheduled function tells of the run (by AUTOTAG_NOTIFY_*, or its bundled rule
 * set's `notify:` section, which wins), a shard only of what went wrong with it, the events function of its run;
 * a notification that cannot be sent leaves the result alone, and no log line shows the secret.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator';
import type { EventOutcome } from '../../shared/triggers/eventbridge';
import type { ScheduledOutcome } from '../../shared/triggers/timer';
import { startWebhookServer, type WebhookServer } from '../notify/webhook-server';
import { sampleEvent } from '../support/fixtures';
import { fcContext, functionModule, handlerEnv, loadHandler, parsed, RULES_DIR } from '../support/functions';

const SCHEDULED = functionModule('scheduled');
const EVENTS = functionModule('events');
const TOKEN = 'fn-robot-t0ken-31c9d0aa';
const SECRET = 'SECfn-robot-secret-77e1';
const HOOK_SECRET = 'fn-hook-secret-5d02bb';

interface HookBody {
  events: string[];
  outcome: { runId: string; trigger: string; status: string; ruleSet?: string; bound: { count: number; examples: { asset: string; key: string; value: string }[] } };
}

describe('functions: notifications', () => {
  let emulator: Emulator;
  let server: WebhookServer;
  beforeEach(async () => {
    emulator = await startEmulator({ assets: 200, readQps: 0, writeQps: 0 });
    server = await startWebhookServer({ token: TOKEN, secret: SECRET, webhookSecret: HOOK_SECRET, now: Date.now });
  });
  afterEach(async () => {
    await server.close();
    await emulator.stop();
  });

  const webhookEnv = (events: string) => ({ AUTOTAG_NOTIFY_KIND: 'webhook', AUTOTAG_NOTIFY_URL: server.webhookUrl, AUTOTAG_NOTIFY_SECRET: HOOK_SECRET, AUTOTAG_NOTIFY_EVENTS: events });

  it('scheduled: tells the webhook AUTOTAG_NOTIFY_* names of the tags a run bound, once, signed', async () => {
    const lines: string[] = [];
    const handler = loadHandler(SCHEDULED, handlerEnv(emulator, webhookEnv('failed,partial,bound')), lines);
    const context = fcContext(emulator);
    const outcome = (await handler(sampleEvent('timer.json'), context)) as Extract<ScheduledOutcome, { kind: 'run' }>;
    expect(outcome.report).toMatchObject({ status: 'ok', result: { applied: 3 } });
    expect(server.received).toHaveLength(1);
    const body = server.received[0].body as HookBody;
    expect(body.events).toEqual(['bound']);
    expect(body.outcome).toMatchObject({ runId: context.requestId, trigger: 'timer', status: 'ok', ruleSet: 'handler-tests', bound: { count: 3 } });
    expect(body.outcome.bound.examples).toEqual(expect.arrayContaining([{ asset: 'dim_customer', key: 'layer', value: 'dim' }]));
    expect(parsed(lines)).toContainEqual(expect.objectContaining({ msg: 'notification sent', events: ['bound'] }));
    expect(lines.join('\n')).not.toContain(HOOK_SECRET);
  });

  it("scheduled: the bundled rule set's notify section wins, its secret read from the variable it names", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'autotag-notify-rules-'));
    const section = '\nnotify:\n  kind: dingtalk\n  url: { env: ROBOT_URL }\n  secret: { env: ROBOT_SECRET }\n  events: [bound]\n';
    writeFileSync(join(folder, 'default.yaml'), readFileSync(join(RULES_DIR, 'default.yaml'), 'utf8') + section);
    const lines: string[] = [];
    const env = handlerEnv(emulator, { AUTOTAG_RULES: folder, ROBOT_URL: server.dingtalkUrl, ROBOT_SECRET: SECRET, ...webhookEnv('bound') });
    await loadHandler(SCHEDULED, env, lines)(sampleEvent('timer.json'), fcContext(emulator));
    expect(server.received.map((m) => m.path)).toEqual(['/robot/send']);
    expect((server.received[0].body as { markdown: { text: string } }).markdown.text).toContain('**New tags bound**: 3');
    expect(lines.join('\n')).not.toContain(SECRET);
    expect(lines.join('\n')).not.toContain(TOKEN);
  });

  it('scheduled: a shard tells only what went wrong with it, not the tags it bound (that is the whole run\'s news)', async () => {
    const shard = Buffer.from(JSON.stringify({ mode: 'shard', ruleSet: 'default', shard: { source: 'tables', maxcomputeProject: 'sales_dw' }, fanOut: { parentRunId: 'parent-1', shards: 2 } }));
    const outcome = (await loadHandler(SCHEDULED, handlerEnv(emulator, webhookEnv('failed,partial,bound')))(shard, fcContext(emulator))) as Extract<ScheduledOutcome, { kind: 'run' }>;
    expect(outcome.report.result.applied).toBeGreaterThan(0);
    expect(server.requests).toBe(0);
  });

  it('scheduled: a notification that cannot be sent is a logged warning; the run returns as it would', async () => {
    server.script(...Array.from({ length: 6 }, () => ({ status: 500, body: {} })));
    const lines: string[] = [];
    const outcome = (await loadHandler(SCHEDULED, handlerEnv(emulator, webhookEnv('bound')), lines)(sampleEvent('timer.json'), fcContext(emulator))) as Extract<ScheduledOutcome, { kind: 'run' }>;
    expect(outcome.report.status).toBe('ok');
    expect(parsed(lines)).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'notification not sent', error: expect.objectContaining({ code: 'NOTIFY_SERVER_ERROR' }) }));
  });

  it('scheduled: a run that fails is told as failed, then settled as before (not retried: a retry cannot help)', async () => {
    const context = { ...fcContext(emulator), credentials: { ...emulator.credentials, accessKeySecret: 'wrong-secret-for-the-test' } };
    const result = (await loadHandler(SCHEDULED, handlerEnv(emulator, webhookEnv('failed')))(sampleEvent('timer.json'), context)) as { status: string };
    expect(result.status).toBe('failed');
    expect(server.received).toHaveLength(1);
    expect((server.received[0].body as HookBody).outcome).toMatchObject({ status: 'failed', trigger: 'timer', runId: context.requestId });
  });

  it('events: tells of the run the events named', async () => {
    const context = fcContext(emulator);
    const outcome = (await loadHandler(EVENTS, handlerEnv(emulator, webhookEnv('bound')))(sampleEvent('eventbridge-dataworks-table-commit.json'), context)) as EventOutcome;
    expect(outcome.report?.result.applied).toBe(1);
    expect(server.received).toHaveLength(1);
    expect((server.received[0].body as HookBody).outcome).toMatchObject({ runId: context.requestId, trigger: 'event', bound: { count: 1, examples: [{ asset: 'dim_customer', key: 'layer', value: 'dim' }] } });
  });
});
