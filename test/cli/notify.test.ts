/**
 * Notifications from `autotag apply`, through the built CLI as a process against the emulator, to a local
 * stand-in for a DingTalk robot and a JSON webhook (test/notify/webhook-server.ts, which checks the signatures):
 * configured in the rule file (its URL and secret named as environment variables) or by AUTOTAG_NOTIFY_*, sent
 * once after the run for a partial run, conflicts left alone and new tags bound, or a failed run; a notification
 * that cannot be sent never changes the outcome; the secret and the access token appear in no output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator';
import type { RunReport } from '../../shared/engine';
import { startWebhookServer, type WebhookServer } from '../notify/webhook-server';
import { credentialsEnv, ROOT, runCli, tempFiles } from './built-cli';

const RULES = readFileSync(join(ROOT, 'test', 'cli', 'fixtures', 'rules.yaml'), 'utf8');
const TOKEN = 'robot-t0ken-7f3a9c1e55d2';
const ROBOT_SECRET = 'SECrobot-signing-secret-4b1d8e';
const HOOK_SECRET = 'hook-signing-secret-92c0aa';
const FAST = ['--read-qps', '1000', '--write-qps', '500'];

interface DingTalkBody {
  msgtype: string;
  markdown: { title: string; text: string };
}
interface HookBody {
  formatVersion: number;
  events: string[];
  outcome: { status: string; runId: string; trigger: string; error?: { code: string }; bound: { count: number } };
}

describe('autotag apply: notifications (built CLI, as a process)', () => {
  let emulator: Emulator;
  let server: WebhookServer;
  beforeEach(async () => {
    emulator = await startEmulator({ assets: 300, seed: 5, readQps: 0, writeQps: 0 });
    server = await startWebhookServer({ token: TOKEN, secret: ROBOT_SECRET, webhookSecret: HOOK_SECRET, now: Date.now });
  });
  afterEach(async () => {
    await server.close();
    await emulator.stop();
  });

  const rules = tempFiles('autotag-notify-');
  /** the test rules, one MaxCompute project that does not exist (a partial run), and a notify section */
  const partialRules = (notify: string) => rules('partial.yaml', `${RULES.replace('maxcomputeProjects: [sales_dw, user_dw]', 'maxcomputeProjects: [sales_dw, no_such_project]')}\n${notify}\n`);
  const apply = (file: string, extra: Record<string, string> = {}, flags: string[] = []) =>
    runCli(['apply', '--rules', file, '--endpoint', emulator.url, ...FAST, ...flags], { ...credentialsEnv(emulator.credentials), ...extra });
  const noSecrets = (text: string) => {
    for (const secret of [TOKEN, ROBOT_SECRET, HOOK_SECRET]) expect(text).not.toContain(secret);
  };

  it('tells a DingTalk robot, configured in the rule file, of a partial run, the conflicts left alone and the tags bound, in one signed message', async () => {
    const file = partialRules('notify:\n  kind: dingtalk\n  url: { env: ROBOT_URL }\n  secret: { env: ROBOT_SECRET }\n  events: [failed, partial, conflicts, bound]');
    const audit = rules('audit.jsonl', '');
    const r = await apply(file, { ROBOT_URL: server.dingtalkUrl, ROBOT_SECRET }, ['--json', '--audit-log', audit]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as RunReport;
    expect(report.status).toBe('partial');
    expect(report.result.applied).toBeGreaterThan(0);
    expect(report.conflicts.filter((c) => c.resolution === 'skip').length).toBeGreaterThan(0);

    expect(server.received).toHaveLength(1);
    const [message] = server.received;
    expect(message.path).toBe('/robot/send');
    const body = message.body as DingTalkBody;
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('autotag: partial, conflicts left alone, new tags bound · rule set cli-test');
    expect(body.markdown.text).toContain(`run \`${report.runId}\` · trigger cli`);
    expect(body.markdown.text).toContain('not read: `tables no_such_project`');
    expect(body.markdown.text).toContain(`**Conflicts left alone**: ${report.conflicts.filter((c) => c.resolution === 'skip').length}`);
    expect(body.markdown.text).toContain(`**New tags bound**: ${report.result.applied}`);
    expect(r.stderr).toContain(`autotag: Notified DingTalk robot ${new URL(server.url).host}: partial, conflicts, bound.`);
    noSecrets(r.stdout + r.stderr + JSON.stringify(message.body) + readFileSync(audit, 'utf8'));
  });

  it('tells a JSON webhook, configured by AUTOTAG_NOTIFY_*, of a run that failed', async () => {
    const env = { AUTOTAG_NOTIFY_KIND: 'webhook', AUTOTAG_NOTIFY_URL: server.webhookUrl, AUTOTAG_NOTIFY_SECRET: HOOK_SECRET, AUTOTAG_NOTIFY_EVENTS: 'failed' };
    const r = await runCli(['apply', '--rules', rules('plain.yaml', RULES), '--endpoint', emulator.url, ...FAST], {
      ...credentialsEnv({ accessKeyId: emulator.credentials.accessKeyId, accessKeySecret: 'not-the-secret-it-wants' }),
      ...env,
    });
    expect(r.code).toBe(1);
    expect(server.received).toHaveLength(1);
    const body = server.received[0].body as HookBody;
    expect(body).toMatchObject({ formatVersion: 1, events: ['failed'], outcome: { status: 'failed', trigger: 'cli', error: { code: 'API_AUTHENTICATION' } } });
    expect(server.received[0].headers['x-autotag-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(r.stderr).toContain(`autotag: Notified webhook ${new URL(server.url).host}: failed.`);
    noSecrets(r.stdout + r.stderr + JSON.stringify(body));
    expect(r.stdout + r.stderr + JSON.stringify(body)).not.toContain('not-the-secret-it-wants');
  });

  it('a rule set\'s section wins over AUTOTAG_NOTIFY_*, and a run with nothing to tell sends nothing', async () => {
    const file = rules('quiet.yaml', `${RULES}\nnotify: { kind: webhook, url: { env: HOOK_URL }, events: [failed, partial] }\n`);
    const r = await apply(file, { HOOK_URL: server.webhookUrl, AUTOTAG_NOTIFY_KIND: 'dingtalk', AUTOTAG_NOTIFY_URL: server.dingtalkUrl, AUTOTAG_NOTIFY_EVENTS: 'bound' });
    expect(r.code).toBe(0);
    expect(server.requests).toBe(0);
    expect(r.stderr).not.toContain('Notif');
  });

  it('a notification that cannot be sent is reported, and never changes the outcome', async () => {
    server.script(...Array.from({ length: 6 }, () => ({ status: 503, body: { error: 'down' } })));
    const env = { AUTOTAG_NOTIFY_KIND: 'dingtalk', AUTOTAG_NOTIFY_URL: server.dingtalkUrl, AUTOTAG_NOTIFY_SECRET: ROBOT_SECRET, AUTOTAG_NOTIFY_EVENTS: 'bound' };
    const r = await apply(rules('plain.yaml', RULES), env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Done: applied [1-9]/);
    expect(server.requests).toBeGreaterThan(1);
    expect(server.received).toHaveLength(0);
    expect(r.stderr).toContain(`autotag: Notification not sent to DingTalk robot ${new URL(server.url).host} (NOTIFY_SERVER_ERROR)`);
    noSecrets(r.stdout + r.stderr);
  });

  it('a section naming a variable that is not set is an input error (exit 2), before any API call', async () => {
    const file = partialRules('notify: { kind: dingtalk, url: { env: ROBOT_URL }, secret: { env: ROBOT_SECRET } }');
    emulator.resetStats();
    const r = await apply(file, { ROBOT_URL: server.dingtalkUrl });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('notify.secret: names the environment variable ROBOT_SECRET, which is not set');
    expect(emulator.calls().total).toBe(0);
    noSecrets(r.stdout + r.stderr);
  });

  it('plan and apply --dry-run never notify', async () => {
    const env = { AUTOTAG_NOTIFY_KIND: 'webhook', AUTOTAG_NOTIFY_URL: server.webhookUrl, AUTOTAG_NOTIFY_EVENTS: 'failed,partial,conflicts,bound' };
    const file = partialRules('');
    const plan = await runCli(['plan', '--rules', file, '--endpoint', emulator.url, '--read-qps', '1000'], { ...credentialsEnv(emulator.credentials), ...env });
    const dry = await apply(file, env, ['--dry-run']);
    expect([plan.code, dry.code]).toEqual([1, 1]);
    expect(server.requests).toBe(0);
  });
});
