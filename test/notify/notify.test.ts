import { fakeClock } from '../../shared/clock';
import { createLogger } from '../../shared/log';
import { createNotifier, dingtalkSign, parseNotifyConfig, type NotifyConfigInput, type RunOutcomeInput } from '../../shared/notify';
import { startWebhookServer, type WebhookServer } from './webhook-server';

const TOKEN = 'tok3n-0123456789abcdef';
const SECRET = 'SECd1ngta1k-s1gning-secret';

const PARTIAL: RunOutcomeInput = {
  runId: 'run-2026-01-01-0200',
  ruleSet: 'governance',
  trigger: 'timer',
  startedAt: '2026-01-01T02:00:00.000Z',
  durationMs: 42_000,
  status: 'partial',
  bound: { count: 340, examples: [{ asset: 'ods_user_info', key: 'classification', value: 'confidential' }] },
  conflicts: { count: 2, examples: [{ asset: 'dwd_orders', key: 'classification', value: 'internal', currentValue: 'public' }] },
  failures: { count: 3, examples: [{ reason: 'tag value not declared', code: 'InvalidParameter.Tag', assets: 3 }] },
  sourceErrors: { count: 1, examples: [{ partition: 'tables sales_dw', message: 'ListTables failed: Forbidden.Access' }] },
  links: { report: 'https://example.invalid/reports/run-2026-01-01-0200.json', coverage: 'https://example.invalid/coverage/run-2026-01-01-0200.html' },
};
const OK: RunOutcomeInput = { runId: 'run-ok', trigger: 'timer', startedAt: '2026-01-01T03:00:00.000Z', status: 'ok' };

interface Setup {
  server: WebhookServer;
  clock: ReturnType<typeof fakeClock>;
  lines: string[];
  notifier(config?: Partial<NotifyConfigInput>): ReturnType<typeof createNotifier>;
}

async function setup(serverSecret: string | undefined = SECRET, webhookSecret?: string): Promise<Setup> {
  const clock = fakeClock(Date.UTC(2026, 0, 1, 2, 5));
  const server = await startWebhookServer({ token: TOKEN, secret: serverSecret, webhookSecret, now: clock.now });
  const lines: string[] = [];
  const logger = createLogger({ write: (l) => lines.push(l), level: 'debug', now: clock.now });
  return {
    server,
    clock,
    lines,
    notifier: (config = {}) =>
      createNotifier(parseNotifyConfig({ kind: 'dingtalk', url: server.dingtalkUrl, secret: SECRET, events: ['failed', 'partial', 'conflicts', 'bound'], ...config }), {
        clock,
        logger,
        random: () => 0.5,
      }),
  };
}

describe('DingTalk signing', () => {
  it('matches the worked example in the research notes (secret SECtest, timestamp 1700000000000)', () => {
    // computed with Node's crypto for /work/notes/research.md §9, from DingTalk's description of the algorithm
    expect(dingtalkSign('SECtest', 1_700_000_000_000)).toBe('aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g%3D');
  });
});

describe('notifying a DingTalk robot', () => {
  let s: Setup;
  beforeEach(async () => (s = await setup()));
  afterEach(() => s.server.close());

  it('sends one signed markdown message with every raised event, the run and a few examples', async () => {
    const result = await s.notifier().notify(PARTIAL);
    expect(result).toEqual({ sent: true, events: ['partial', 'conflicts', 'bound'], target: `DingTalk robot ${new URL(s.server.url).host}`, attempts: 1 });
    expect(s.server.received).toHaveLength(1);
    const [message] = s.server.received;
    expect(message.query.timestamp).toBe(String(s.clock.now()));
    const body = message.body as { msgtype: string; markdown: { title: string; text: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('autotag: partial, conflicts left alone, new tags bound · rule set governance');
    expect(body.markdown.text.split('\n')).toEqual([
      '### autotag: partial, conflicts left alone, new tags bound · rule set governance',
      '',
      'run `run-2026-01-01-0200` · trigger timer · started 2026-01-01T02:00:00.000Z · took 42 s',
      '',
      '**Finished with failures**: 3 binding(s) failed, 1 source partition(s) not read',
      '- 3 failed: tag value not declared (`InvalidParameter.Tag`)',
      '- not read: `tables sales_dw`: ListTables failed: Forbidden.Access',
      '',
      '**Conflicts left alone**: 2',
      '- `dwd_orders`: `classification` is `public`, the rule wants `internal`',
      '- … and 1 more',
      '',
      '**New tags bound**: 340',
      '- `ods_user_info`: `classification=confidential`',
      '- … and 339 more',
      '',
      `[Run report](${PARTIAL.links!.report}) · [Coverage](${PARTIAL.links!.coverage})`,
    ]);
  });

  it('sends plain text when asked', async () => {
    await s.notifier({ format: 'text', events: ['failed'] }).notify({ ...OK, status: 'failed', error: { code: 'API_PERMISSION', message: 'ListTasks was denied' } });
    const body = s.server.received[0].body as { msgtype: string; text: { content: string } };
    expect(body.msgtype).toBe('text');
    expect(body.text.content).toBe('autotag: failed · run run-ok\n\nrun run-ok · trigger timer · started 2026-01-01T03:00:00.000Z\n\nFailed: ListTasks was denied (API_PERMISSION)');
  });

  it('sends nothing when the run raised none of the configured events', async () => {
    expect(await s.notifier().notify(OK)).toMatchObject({ sent: false, events: [], attempts: 0 });
    // conflicts happened, but only failures were asked for
    expect(await s.notifier({ events: ['failed'] }).notify({ ...OK, conflicts: { count: 4, examples: [] } })).toMatchObject({ sent: false, events: [] });
    // a dry run binds nothing
    expect(await s.notifier({ events: ['bound'] }).notify({ ...PARTIAL, status: 'ok', dryRun: true })).toMatchObject({ sent: false, events: [] });
    expect(s.server.requests).toBe(0);
  });

  it('reports a refused signature without retrying, and without the secret or the token anywhere', async () => {
    const result = await s.notifier({ secret: 'SECnot-the-robots-secret' }).notify(PARTIAL);
    expect(result).toMatchObject({ sent: false, attempts: 1, error: { code: 'NOTIFY_REJECTED' } });
    expect(result.error!.message).toBe(`DingTalk robot ${new URL(s.server.url).host} refused the message (errcode 310000: sign not match)`);
    expect(s.server.requests).toBe(1);
    const everything = JSON.stringify(result) + s.lines.join('\n');
    for (const secret of [SECRET, 'SECnot-the-robots-secret', TOKEN]) expect(everything).not.toContain(secret);
    expect(s.lines.map((l) => JSON.parse(l).msg)).toEqual(['notification not sent']);
  });

  it('retries a rate limit (errcode 130101) and a 5xx with backoff, and succeeds', async () => {
    s.server.script({ status: 200, body: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } }, { status: 502, body: 'bad gateway' });
    const result = await s.notifier().notify(PARTIAL);
    expect(result).toMatchObject({ sent: true, attempts: 3 });
    // full jitter at 0.5: half of 1 s, then half of 2 s
    expect(s.clock.slept).toEqual([500, 1000]);
    expect(s.server.received).toHaveLength(1);
  });

  it('gives up on a robot over its 20 messages a minute after the attempt limit, and says so', async () => {
    const notifier = s.notifier();
    for (let i = 0; i < 20; i++) expect((await notifier.notify(PARTIAL)).sent).toBe(true);
    const result = await notifier.notify(PARTIAL);
    expect(result).toMatchObject({ sent: false, attempts: 3, error: { code: 'NOTIFY_RATE_LIMITED' } });
    expect(result.error!.message).toContain('a robot takes 20 messages a minute');
    expect(s.server.received).toHaveLength(20);
  });

  it('stops retrying where the next wait would pass the total timeout', async () => {
    s.server.script(...Array.from({ length: 5 }, () => ({ status: 503, body: 'unavailable' })));
    const result = await s.notifier({ totalTimeoutMs: 1_200, retry: { maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 8_000 } }).notify(PARTIAL);
    // waits of 500 then 1000 ms: the second would end past 1.2 s
    expect(result).toMatchObject({ sent: false, attempts: 2, error: { code: 'NOTIFY_SERVER_ERROR' } });
    expect(s.clock.slept).toEqual([500]);
  });

  it('does not retry a receiver that does not answer in time (it may have taken the message)', async () => {
    s.server.script('hang');
    const result = await s.notifier({ timeoutMs: 200 }).notify(PARTIAL);
    expect(result).toMatchObject({ sent: false, attempts: 1, error: { code: 'NOTIFY_TIMEOUT', message: `DingTalk robot ${new URL(s.server.url).host} did not answer within 200 ms` } });
  });

  it('reports an outcome that does not fit, naming its fields, instead of throwing', async () => {
    const result = await s.notifier().notify({ ...OK, status: 'lost' as never, startedAt: 'yesterday' });
    expect(result).toMatchObject({ sent: false, attempts: 0, error: { code: 'INVALID_INPUT' } });
    expect(result.error!.message).toMatch(/^invalid run outcome: startedAt: .+; status: /);
  });
});

describe('when the receiver cannot be reached', () => {
  it('retries a connection that never opened up to the attempt limit, then reports it', async () => {
    const s = await setup();
    await s.server.close();
    const result = await s.notifier().notify(PARTIAL);
    expect(result).toMatchObject({ sent: false, attempts: 3, error: { code: 'NOTIFY_UNREACHABLE' } });
    expect(result.error!.message).toMatch(/could not be reached \(ECONNREFUSED\)$/);
    expect(JSON.stringify(result) + s.lines.join('')).not.toContain(TOKEN);
  });
});

describe('notifying a generic JSON webhook', () => {
  it('posts the outcome as data, signed, and a receiver with the key accepts it', async () => {
    const s = await setup(undefined, 'webhook-signing-key');
    const notifier = s.notifier({ kind: 'webhook', url: s.server.webhookUrl, secret: 'webhook-signing-key' });
    expect(await notifier.notify(PARTIAL)).toMatchObject({ sent: true, attempts: 1, target: `webhook ${new URL(s.server.url).host}` });
    const body = s.server.received[0].body as Record<string, unknown>;
    expect(body).toMatchObject({ formatVersion: 1, source: 'autotag', events: ['partial', 'conflicts', 'bound'], title: 'autotag: partial, conflicts left alone, new tags bound · rule set governance' });
    expect(body.outcome).toMatchObject({ runId: PARTIAL.runId, status: 'partial', bound: PARTIAL.bound, conflicts: PARTIAL.conflicts });
    // a wrong key: the receiver refuses (HTTP 401), not retried
    const wrong = await s.notifier({ kind: 'webhook', url: s.server.webhookUrl, secret: 'another-signing-key' }).notify(PARTIAL);
    expect(wrong).toMatchObject({ sent: false, attempts: 1, error: { code: 'NOTIFY_REJECTED', message: `webhook ${new URL(s.server.url).host} refused the message: HTTP 401` } });
    await s.server.close();
  });
});
