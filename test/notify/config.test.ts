import { ConfigurationError, InvalidInputError } from '../../shared/errors';
import { createLogger } from '../../shared/log';
import { notifyConfigFromEnv, notifySectionSchema, parseNotifyConfig, resolveNotifySection } from '../../shared/notify';

const DINGTALK = 'https://oapi.dingtalk.com/robot/send?access_token=cfg-t0ken-abcdef123456';

const fieldsOf = (f: () => unknown): [string, string][] => {
  try {
    f();
  } catch (e) {
    if (!(e instanceof InvalidInputError || e instanceof ConfigurationError)) throw e;
    return e.issues.map((i) => [i.field, i.message]);
  }
  throw new Error('no error');
};

describe('notification settings', () => {
  it('fills in the defaults: failed and partial runs, markdown, a 5 s attempt within 20 s, 3 attempts', () => {
    expect(parseNotifyConfig({ kind: 'dingtalk', url: DINGTALK, secret: 'SECabc123456' })).toEqual({
      kind: 'dingtalk',
      url: DINGTALK,
      secret: 'SECabc123456',
      events: ['failed', 'partial'],
      format: 'markdown',
      timeoutMs: 5_000,
      totalTimeoutMs: 20_000,
      retry: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 8_000 },
    });
  });

  it('names every field in error at once, under the block it came from', () => {
    const fields = fieldsOf(() => parseNotifyConfig({ kind: 'slack', url: 'not a url', events: ['everything'], timeoutMs: 5, colour: 'red' }));
    expect(fields.map(([f]) => f).sort()).toEqual(['notify', 'notify.events[0]', 'notify.kind', 'notify.timeoutMs', 'notify.url'].sort());
    expect(Object.fromEntries(fields)['notify.url']).toBe('must be a URL');
  });

  it('wants a DingTalk URL with its access token, and https unless it stays on this machine', () => {
    expect(fieldsOf(() => parseNotifyConfig({ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send' }, 'settings.notify'))).toEqual([
      ['settings.notify.url', 'must carry the robot’s access_token (copy the whole webhook address)'],
    ]);
    expect(fieldsOf(() => parseNotifyConfig({ kind: 'webhook', url: 'http://hooks.example.invalid/x' }))).toEqual([
      ['notify.url', 'must be https (plain http only to this machine, for tests)'],
    ]);
    expect(parseNotifyConfig({ kind: 'webhook', url: 'http://127.0.0.1:8080/x' }).url).toBe('http://127.0.0.1:8080/x');
  });

  it('never shows the secret or the access token, even in the errors of settings that do not parse', () => {
    const secret = 'SECvery-secret-value-987';
    const lines: string[] = [];
    let message = '';
    try {
      parseNotifyConfig({ kind: 'dingtalk', url: DINGTALK, secret, events: [] });
    } catch (e) {
      message = (e as Error).message;
      createLogger({ write: (l) => lines.push(l) }).error('bad settings', { error: e, echo: `${secret} ${DINGTALK}` });
    }
    expect(message).toContain('notify.events');
    expect(message + lines.join('')).not.toContain(secret);
    expect(lines.join('')).not.toContain('cfg-t0ken-abcdef123456');
    expect(lines.join('')).toContain('[redacted]');
  });
});

describe('notification settings from the environment', () => {
  it('are off without AUTOTAG_NOTIFY_URL', () => {
    expect(notifyConfigFromEnv({ AUTOTAG_NOTIFY_KIND: 'dingtalk' })).toBeUndefined();
  });

  it('read each AUTOTAG_NOTIFY_* variable into its field', () => {
    const config = notifyConfigFromEnv({
      AUTOTAG_NOTIFY_KIND: 'dingtalk',
      AUTOTAG_NOTIFY_URL: DINGTALK,
      AUTOTAG_NOTIFY_SECRET: 'SECenv-secret-1234',
      AUTOTAG_NOTIFY_EVENTS: 'failed, conflicts,bound',
      AUTOTAG_NOTIFY_FORMAT: 'text',
      AUTOTAG_NOTIFY_TIMEOUT_MS: '3000',
    });
    expect(config).toMatchObject({ kind: 'dingtalk', secret: 'SECenv-secret-1234', events: ['failed', 'conflicts', 'bound'], format: 'text', timeoutMs: 3000 });
  });

  it('blame the deployment for a bad value, naming the variable', () => {
    const fields = fieldsOf(() => notifyConfigFromEnv({ AUTOTAG_NOTIFY_URL: DINGTALK, AUTOTAG_NOTIFY_EVENTS: 'failed,sometimes', AUTOTAG_NOTIFY_TIMEOUT_MS: 'soon' }));
    expect(fields.map(([f]) => f)).toEqual(['AUTOTAG_NOTIFY_KIND', 'AUTOTAG_NOTIFY_EVENTS', 'AUTOTAG_NOTIFY_TIMEOUT_MS']);
    expect(() => notifyConfigFromEnv({ AUTOTAG_NOTIFY_URL: 'x', AUTOTAG_NOTIFY_KIND: 'webhook' })).toThrow(ConfigurationError);
  });
});

describe("a rule set's notify section", () => {
  const section = (input: Record<string, unknown>) => notifySectionSchema.parse(input);

  it('may name environment variables for the URL and the secret, read when a run starts', () => {
    const s = section({ kind: 'dingtalk', url: { env: 'ROBOT_URL' }, secret: { env: 'ROBOT_SECRET' }, events: ['failed', 'bound'] });
    expect(resolveNotifySection(s, { ROBOT_URL: DINGTALK, ROBOT_SECRET: 'SECfrom-env-5678' })).toMatchObject({ kind: 'dingtalk', url: DINGTALK, secret: 'SECfrom-env-5678', events: ['failed', 'bound'] });
  });

  it('takes them written out too, checked as the settings are', () => {
    expect(resolveNotifySection(section({ kind: 'webhook', url: 'https://hooks.example/x' }), {})).toMatchObject({ url: 'https://hooks.example/x', events: ['failed', 'partial'] });
    expect(notifySectionSchema.safeParse({ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send' }).success).toBe(false);
  });

  it('blames the deployment for a variable that is not set, naming the field and the variable, never a value', () => {
    const s = section({ kind: 'dingtalk', url: { env: 'ROBOT_URL' }, secret: { env: 'ROBOT_SECRET' } });
    expect(fieldsOf(() => resolveNotifySection(s, { ROBOT_URL: DINGTALK }))).toEqual([['notify.secret', expect.stringContaining('ROBOT_SECRET, which is not set')]]);
    expect(() => resolveNotifySection(s, { ROBOT_SECRET: 'SECx' })).toThrow(ConfigurationError);
  });

  it('refuses AUTOTAG_* variable names, which the functions keep for their own settings', () => {
    const parsed = notifySectionSchema.safeParse({ kind: 'dingtalk', url: DINGTALK, secret: { env: 'AUTOTAG_ROBOT_SECRET' } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toContain('AUTOTAG_* names are autotag’s own settings');
  });
});
