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

/** What every form of the settings shares: all but where the URL and secret come from. */
const common = {
  kind: z.enum(CHANNEL_KINDS),
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
};

/** DingTalk: the robot's signing secret (`SEC…`); webhook: the key of X-Autotag-Signature */
const secretSchema = z.string().min(1);

/** What the channel itself finds wrong with a URL that is written out. */
function checkChannelUrl(c: { kind: (typeof CHANNEL_KINDS)[number]; url: unknown }, ctx: z.core.$RefinementCtx): void {
  if (typeof c.url !== 'string' || !URL.canParse(c.url)) return;
  const problem = CHANNELS[c.kind].urlProblem(new URL(c.url));
  if (problem) ctx.addIssue({ code: 'custom', path: ['url'], message: problem });
}

export const notifyConfigSchema = z.strictObject({ ...common, url: urlSchema, secret: secretSchema.optional() }).superRefine(checkChannelUrl);

/** Variable names a rule file may point at: not AUTOTAG_*, which the functions keep for their own settings (and refuse when unknown). */
const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name: letters, digits and "_"')
  .refine((n) => !n.startsWith('AUTOTAG_'), 'AUTOTAG_* names are autotag’s own settings and the functions refuse unknown ones: use another name, e.g. DINGTALK_SECRET');
const fromEnv = z.strictObject({ env: envName.meta({ description: 'read the value from this environment variable when the run starts' }) });

/**
 * A rule file's `notify:` section: the settings, where the URL and the secret may each name an environment
 * variable (`secret: { env: DINGTALK_SECRET }`) instead of being written in the file. Resolved when a run starts.
 */
export const notifySectionSchema = z
  .strictObject({ ...common, url: z.union([urlSchema, fromEnv]), secret: z.union([secretSchema, fromEnv]).optional() })
  .superRefine(checkChannelUrl)
  .meta({ description: 'where to send a notification after a run: a DingTalk robot or a JSON webhook; url and secret may be { env: NAME }' });

export type NotifySection = z.output<typeof notifySectionSchema>;

export type NotifyConfigInput = z.input<typeof notifyConfigSchema>;
export type NotifyConfig = z.output<typeof notifyConfigSchema>;

/** Registers whatever in `input` is secret, valid or not, before anything can echo it. */
export function registerNotifySecrets(input: unknown): void {
  if (!isRecord(input)) return;
  if (typeof input.secret === 'string') registerSecret(input.secret);
  if (typeof input.url === 'string' && URL.canParse(input.url)) {
    const url = new URL(input.url);
    for (const kind of CHANNEL_KINDS) for (const s of CHANNELS[kind].urlSecrets(url)) registerSecret(s);
  }
}

function check(input: unknown): { config?: NotifyConfig; issues: InputIssue[] } {
  registerNotifySecrets(input);
  const parsed = notifyConfigSchema.safeParse(input);
  return parsed.success ? { config: parsed.data, issues: [] } : { issues: toInputIssues(parsed.error) };
}

/** A `notify:` block (e.g. of a rule set); issues are named under `prefix` (`notify.url`). */
export function parseNotifyConfig(input: unknown, prefix = 'notify'): NotifyConfig {
  const { config, issues } = check(input);
  if (!config) throw new InvalidInputError(issues.map((i) => ({ ...i, field: i.field === '(root)' ? prefix : `${prefix}.${i.field}` })), 'notification settings');
  return config;
}

/**
 * A rule set's section with its `{ env: NAME }` values read from `env`: the settings a run uses. A variable that
 * is not set, or settings that are wrong once read, are the deployment's to fix: ConfigurationError, named
 * under `prefix` (`notify.secret`).
 */
export function resolveNotifySection(section: NotifySection, env: Readonly<Record<string, string | undefined>>, prefix = 'notify'): NotifyConfig {
  const issues: InputIssue[] = [];
  const read = (field: 'url' | 'secret', value: string | { env: string } | undefined) => {
    if (value === undefined || typeof value === 'string') return value;
    const found = env[value.env];
    if (!found) issues.push({ field: `${prefix}.${field}`, message: `names the environment variable ${value.env}, which is not set: set it, or write the ${field} in the file` });
    return found || undefined;
  };
  const input = { ...section, url: read('url', section.url), secret: read('secret', section.secret) };
  if (issues.length) throw new ConfigurationError(issues);
  try {
    return parseNotifyConfig(input, prefix);
  } catch (e) {
    if (e instanceof InvalidInputError) throw new ConfigurationError(e.issues);
    throw e;
  }
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
