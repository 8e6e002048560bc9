/**
 * Notification settings, from a rule set's `notify:` block or from AUTOTAG_NOTIFY_* variables: the channel, its
 * URL and signing secret, the events to send, and how long sending may take. Checked with zod; every problem is
 * reported at once with the field (or variable) it is in. The secret and the URL's access token are registered
 * with shared/log before anything is checked, so no log line, error or result can show them.
 */
import { z } from 'zod';
import { ConfigurationError, InvalidInputError, toInputIssues, type InputIssue } from '../errors';
import { isRecord } from '../json';
import { registerSecret } from '../log';
import { CHANNELS, CHANNEL_KINDS } from './channels';
import { NOTIFY_EVENT_NAMES, type NotifyEvent } from './events';

export const DEFAULT_EVENTS: readonly NotifyEvent[] = ['failed', 'partial'];

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** A secret travels in the URL or is keyed into it: never over plain http to another machine. */
const safeScheme = (s: string) => {
  const u = new URL(s);
  return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.test(u.hostname));
};

const urlSchema = z
  .string()
  .refine((s) => URL.canParse(s), { message: 'must be a URL', abort: true })
  .refine(safeScheme, 'must be https (plain http only to this machine, for tests)');

export const notifyConfigSchema = z
  .strictObject({
    kind: z.enum(CHANNEL_KINDS),
    url: urlSchema,
    /** DingTalk: the robot's signing secret (`SEC…`); webhook: the key of X-Autotag-Signature */
    secret: z.string().min(1).optional(),
    events: z.array(z.enum(NOTIFY_EVENT_NAMES)).min(1).default([...DEFAULT_EVENTS]),
    format: z.enum(['markdown', 'text']).default('markdown'),
    /** one attempt may wait this long for an answer */
    timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
    /** every attempt and every wait between attempts end within this */
    totalTimeoutMs: z.number().int().min(100).max(300_000).default(20_000),
    retry: z
      .strictObject({
        maxAttempts: z.number().int().min(1).max(6).default(3),
        baseDelayMs: z.number().int().min(0).max(60_000).default(1_000),
        maxDelayMs: z.number().int().min(0).max(60_000).default(8_000),
      })
      .default({ maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 8_000 }),
  })
  .superRefine((c, ctx) => {
    if (!URL.canParse(c.url)) return;
    const problem = CHANNELS[c.kind].urlProblem(new URL(c.url));
    if (problem) ctx.addIssue({ code: 'custom', path: ['url'], message: problem });
  });

export type NotifyConfigInput = z.input<typeof notifyConfigSchema>;
export type NotifyConfig = z.output<typeof notifyConfigSchema>;

/** Registers whatever in `input` is secret, valid or not, before anything can echo it. */
function registerSecretsOf(input: unknown): void {
  if (!isRecord(input)) return;
  if (typeof input.secret === 'string') registerSecret(input.secret);
  if (typeof input.url === 'string' && URL.canParse(input.url)) {
    const url = new URL(input.url);
    for (const kind of CHANNEL_KINDS) for (const s of CHANNELS[kind].urlSecrets(url)) registerSecret(s);
  }
}

function check(input: unknown): { config?: NotifyConfig; issues: InputIssue[] } {
  registerSecretsOf(input);
  const parsed = notifyConfigSchema.safeParse(input);
  return parsed.success ? { config: parsed.data, issues: [] } : { issues: toInputIssues(parsed.error) };
}

/** A `notify:` block (e.g. of a rule set); issues are named under `prefix` (`notify.url`). */
export function parseNotifyConfig(input: unknown, prefix = 'notify'): NotifyConfig {
  const { config, issues } = check(input);
  if (!config) throw new InvalidInputError(issues.map((i) => ({ ...i, field: i.field === '(root)' ? prefix : `${prefix}.${i.field}` })), 'notification settings');
  return config;
}

/** The variables a deployment sets, each for one field. */
export const NOTIFY_ENV = {
  kind: 'AUTOTAG_NOTIFY_KIND',
  url: 'AUTOTAG_NOTIFY_URL',
  secret: 'AUTOTAG_NOTIFY_SECRET',
  events: 'AUTOTAG_NOTIFY_EVENTS',
  format: 'AUTOTAG_NOTIFY_FORMAT',
  timeoutMs: 'AUTOTAG_NOTIFY_TIMEOUT_MS',
} as const;

/**
 * Settings from the environment, or undefined when AUTOTAG_NOTIFY_URL is unset (no notifications). A bad value
 * is the deployment's fault: ConfigurationError, each issue named by its variable.
 */
export function notifyConfigFromEnv(env: Readonly<Record<string, string | undefined>>): NotifyConfig | undefined {
  if (!env[NOTIFY_ENV.url]) return undefined;
  const number = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
  const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
  const input = {
    kind: env[NOTIFY_ENV.kind],
    url: env[NOTIFY_ENV.url],
    secret: env[NOTIFY_ENV.secret] || undefined,
    events: list(env[NOTIFY_ENV.events]),
    format: env[NOTIFY_ENV.format] || undefined,
    timeoutMs: number(env[NOTIFY_ENV.timeoutMs]),
  };
  const { config, issues } = check(input);
  if (!config) {
    throw new ConfigurationError(
      issues.map((i) => {
        const field = i.field.split(/[.[]/)[0] as keyof typeof NOTIFY_ENV;
        return { ...i, field: NOTIFY_ENV[field] ?? i.field };
      }),
    );
  }
  return config;
}
