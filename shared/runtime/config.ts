/**
 * The functions' configuration: environment variables (set in s.yaml), checked once per cold start. A bad
 * value fails with the variable's name, what is wrong and how to fix it; an unknown `AUTOTAG_*` variable
 * fails too, so a typo never silently falls back to a default.
 *
 * | variable                   | meaning                                                              | default                          |
 * |----------------------------|----------------------------------------------------------------------|----------------------------------|
 * | `AUTOTAG_RULES`            | rule-set file, or folder of `*.yaml`/`*.yml`/`*.json`, bundled with the code; relative to the code folder | `rules` |
 * | `AUTOTAG_REGION`           | DataWorks region id                                                  | `FC_REGION` (the function's)     |
 * | `DATAWORKS_ENDPOINT`       | DataWorks OpenAPI URL `https://host[:port]` (http only on loopback)  | `dataworks.<region>.aliyuncs.com` |
 * | `AUTOTAG_MAX_BINDINGS`     | blast-radius limit, overrides the rule set's `settings.maxBindings`  | the rule set's                   |
 * | `AUTOTAG_READ_QPS`         | read budget shared by the run (account-wide quota is 50)             | the client's                     |
 * | `AUTOTAG_WRITE_QPS`        | write budget shared by the run (account-wide quota is 20)            | the client's                     |
 * | `AUTOTAG_SHARD_FUNCTION`   | fan-out target: `<function>` (FC 3.0) or `<service>/<function>` (FC 2.0) | no fan-out                   |
 * | `AUTOTAG_SHARDING`         | `never`, `auto` (shard when the catalog is large) or `always`        | `auto`                           |
 * | `AUTOTAG_SHARD_MIN_ASSETS` | `auto`: shard when the counted assets reach this                     | 10000                            |
 * | `AUTOTAG_LATE_ASSET_FUNCTION` | events: the function that looks again later for assets not visible yet (itself), named as above | looked for within the invocation only |
 * | `AUTOTAG_FC_ENDPOINT`      | FC API URL for fan-out and late assets, `https://host[:port]` (http only on loopback) | `<account>.<region>.fc.aliyuncs.com` |
 * | `AUTOTAG_STS_ENDPOINT`     | STS URL where a run asks who it acts as (the audit records' actor)   | `sts.<region>.aliyuncs.com` (beside a loopback DATAWORKS_ENDPOINT: that one) |
 * | `AUTOTAG_REPORTS_DIR`      | scheduled: absolute folder each run's report and coverage (JSON, HTML) are written under, `<dir>/<date>/<run id>/` (an OSS mount) | not written |
 * | `AUTOTAG_LOG_LEVEL`        | `debug`, `info`, `warn` or `error`                                   | `info`                           |
 * | `AUTOTAG_NOTIFY_URL`       | where run notifications go (a DingTalk robot's webhook, or any JSON webhook); never logged | none: no notifications |
 * | `AUTOTAG_NOTIFY_KIND`      | `dingtalk` or `webhook`                                              | required with a URL              |
 * | `AUTOTAG_NOTIFY_SECRET`    | the robot's signing secret (`SEC…`), or the webhook's HMAC key; never logged | unsigned                 |
 * | `AUTOTAG_NOTIFY_EVENTS`    | comma-separated: `failed`, `partial`, `conflicts`, `bound`           | `failed,partial`                 |
 * | `AUTOTAG_NOTIFY_FORMAT`    | `markdown` or `text`                                                 | `markdown`                       |
 * | `AUTOTAG_NOTIFY_TIMEOUT_MS`| one attempt's timeout                                                | 5000                             |
 * | `AUTOTAG_TABLE_CACHE`      | absolute folder for the table-details cache, on storage that outlives an instance (the OSS mount of s.yaml) | no cache |
 * | `AUTOTAG_TABLE_CACHE_TTL`  | how long a cached table's details are trusted, e.g. `7d`, `36h`       | `7d`                             |
 * A rule set's own `notify:` section wins over the AUTOTAG_NOTIFY_* variables.
 * The CLI reads the variables it shares with the functions (`readSharedSettings`): the region, the guard, the
 * budgets, the log level, the STS endpoint and the notifications; its flags win over them.
 * Read, not ours: `FC_REGION`, `FC_ACCOUNT_ID`, `FC_FUNCTION_NAME` (set by FC).
 * Retired: `AUTOTAG_HTTP_TOKEN` (the HTTP trigger authenticates callers by their RAM signature, see
 * shared/triggers/http); a deployment that still sets it fails with that explanation, its value unechoed.
 */
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { DURATION_HINT, parseDuration } from '../clock';
import { ConfigurationError, InvalidInputError, type InputIssue } from '../errors';
import { resolveEndpoint, type ResolvedEndpoint } from '../dataworks';
import { registerSecret, type LogLevel } from '../log';
import type { InvokeTarget, ShardingPolicy } from '../fanout';
import { NOTIFY_ENV, notifyConfigFromEnv, type NotifyConfig } from '../notify';


export interface RuntimeConfig {
  /** absolute path of the rule-set file or folder */
  rulesPath: string;
  /** explicit DataWorks region (AUTOTAG_REGION, else FC_REGION) */
  region?: string;
  dataworksEndpoint?: ResolvedEndpoint;
  maxBindings?: number;
  readQps?: number;
  writeQps?: number;
  shardTarget?: InvokeTarget;
  /** the events function hands assets not visible yet to a later invocation of this function */
  lateAssetTarget?: InvokeTarget;
  sharding: ShardingPolicy;
  shardMinAssets: number;
  fcEndpoint?: ResolvedEndpoint;
  stsEndpoint?: ResolvedEndpoint;
  /** where the scheduled function writes each run's report and coverage */
  reportsDir?: string;
  logLevel: LogLevel;
  /** AUTOTAG_NOTIFY_*: where run notifications go, unless a rule set says otherwise */
  notify?: NotifyConfig;
  /** absolute folder of the table-details cache (absent: none) */
  tableCacheDir?: string;
  tableCacheTtlMs?: number;
}

const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;
// FC 3.0 function names (reference, function-compute §5); FC 2.0 service names follow the same rule.
const FC_NAME = /^[_a-zA-Z][-_a-zA-Z0-9]{0,127}$/;

/** An endpoint URL, checked by the one endpoint parser (shared/dataworks/endpoint: https, or http on loopback). */
const endpoint = z.string().transform((v, ctx): ResolvedEndpoint => {
  try {
    const { endpoint: host, protocol } = resolveEndpoint({ endpoint: v, env: {} });
    return { endpoint: host, protocol };
  } catch (e) {
    if (!(e instanceof InvalidInputError)) throw e;
    for (const issue of e.issues) ctx.addIssue({ code: 'custom', message: issue.message });
    return z.NEVER;
  }
});

const positiveInt = z.string().regex(/^[1-9]\d*$/, 'must be a positive integer').transform(Number);
const positiveNumber = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a positive number')
  .transform(Number)
  .refine((n) => n > 0, 'must be greater than 0');

const duration = z.string().transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms !== undefined) return ms;
  ctx.addIssue({ code: 'custom', message: `must be ${DURATION_HINT}` });
  return z.NEVER;
});

const functionTarget = z.string().transform((v, ctx): InvokeTarget => {
  const parts = v.split('/');
  if (parts.every((p) => FC_NAME.test(p))) {
    if (parts.length === 1) return { api: 'fc3', functionName: parts[0] };
    if (parts.length === 2) return { api: 'fc2', serviceName: parts[0], functionName: parts[1] };
  }
  ctx.addIssue({ code: 'custom', message: 'must be <function> (FC 3.0) or <service>/<function> (FC 2.0), names of letters, digits, "-" and "_"' });
  return z.NEVER;
});

/** A value as it may be echoed: a URL's `user:password@` could be a credential, so it is never shown. */
const withoutUserInfo = (raw: string) => raw.replace(/\/\/[^/@\s]*@/g, '//[user info hidden]@');

interface Variable {
  schema: z.ZodType;
  /** how to fix a bad value */
  hint: string;
  /** a secret (a webhook URL with its token, a signing key): registered for redaction, never echoed */
  secret?: boolean;
}

/** Variables autotag once read; their values may be secrets, so they are registered and never echoed. */
const RETIRED: Readonly<Record<string, string>> = {
  AUTOTAG_HTTP_TOKEN:
    'is no longer read: the HTTP trigger (authType: function) lets through only requests signed with a caller\'s RAM credentials, so there is no token to share; remove it from the function\'s environment and grant callers fc:InvokeFunction instead',
};

const VARIABLES = {
  AUTOTAG_RULES: { schema: z.string().min(1, 'must not be empty'), hint: 'set it to the rule-set file or folder bundled with the function, e.g. "rules"' },
  AUTOTAG_REGION: { schema: z.string().regex(REGION, 'must be a region id'), hint: 'set it to e.g. "cn-hangzhou", or unset it to use the function\'s region' },
  FC_REGION: { schema: z.string().regex(REGION, 'must be a region id'), hint: 'FC sets it; outside FC set it to e.g. "cn-hangzhou"' },
  DATAWORKS_ENDPOINT: { schema: endpoint, hint: 'set it to e.g. "https://dataworks-vpc.cn-hangzhou.aliyuncs.com", or unset it' },
  AUTOTAG_MAX_BINDINGS: { schema: positiveInt, hint: "set it to e.g. 500, or unset it to use the rule set's settings.maxBindings" },
  AUTOTAG_READ_QPS: { schema: positiveNumber, hint: 'set it to at most 50 (the account-wide read quota), or unset it' },
  AUTOTAG_WRITE_QPS: { schema: positiveNumber, hint: 'set it to at most 20 (the account-wide write quota), or unset it' },
  AUTOTAG_SHARD_FUNCTION: { schema: functionTarget, hint: 'set it to the function that runs shards, e.g. "autotag-scheduled", or unset it to disable fan-out' },
  AUTOTAG_SHARDING: { schema: z.enum(['never', 'auto', 'always']), hint: 'set it to "never", "auto" or "always"' },
  AUTOTAG_SHARD_MIN_ASSETS: { schema: positiveInt, hint: 'set it to e.g. 10000, or unset it' },
  AUTOTAG_LATE_ASSET_FUNCTION: { schema: functionTarget, hint: 'set it to the events function\'s own name, e.g. "autotag-events", or unset it to look for late assets within one invocation only' },
  AUTOTAG_FC_ENDPOINT: { schema: endpoint, hint: 'set it to e.g. "https://1234567890123456.cn-hangzhou-internal.fc.aliyuncs.com", or unset it' },
  AUTOTAG_STS_ENDPOINT: { schema: endpoint, hint: 'set it to e.g. "https://sts-vpc.cn-hangzhou.aliyuncs.com", or unset it to use the region\'s' },
  AUTOTAG_REPORTS_DIR: { schema: z.string().refine(isAbsolute, 'must be an absolute path'), hint: 'set it to the folder of the mounted bucket, e.g. "/mnt/autotag-cache/reports", or unset it' },
  AUTOTAG_LOG_LEVEL: { schema: z.enum(['debug', 'info', 'warn', 'error']), hint: 'set it to "debug", "info", "warn" or "error"' },
  // checked together by shared/notify (notifyConfigFromEnv), which names the variable of each problem
  [NOTIFY_ENV.url]: { schema: z.string(), hint: '', secret: true },
  [NOTIFY_ENV.kind]: { schema: z.string(), hint: '' },
  [NOTIFY_ENV.secret]: { schema: z.string(), hint: '', secret: true },
  [NOTIFY_ENV.events]: { schema: z.string(), hint: '' },
  [NOTIFY_ENV.format]: { schema: z.string(), hint: '' },
  [NOTIFY_ENV.timeoutMs]: { schema: z.string(), hint: '' },
  AUTOTAG_TABLE_CACHE: {
    schema: z.string().refine((v) => isAbsolute(v), 'must be an absolute path'),
    hint: 'set it to a folder under the mount of s.yaml\'s ossMountConfig (or NAS), e.g. "/mnt/autotag-cache/table-details", or unset it',
  },
  AUTOTAG_TABLE_CACHE_TTL: { schema: duration, hint: 'set it to e.g. "7d", or unset it' },
} satisfies Record<string, Variable>;

/** The name of a variable autotag reads (a trigger names those its function cannot run without). */
export type ConfigVariable = keyof typeof VARIABLES;
type Values = { [K in ConfigVariable]?: z.output<(typeof VARIABLES)[K]['schema']> };

export const DEFAULT_SHARD_MIN_ASSETS = 10_000;

export interface LoadConfigOptions {
  /** the function's code folder: relative AUTOTAG_RULES paths start here (a handler passes its __dirname) */
  baseDir: string;
  /** variables this function cannot run without */
  require?: readonly ConfigVariable[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** The variables `names` of `env`, checked, with every problem found; unknown AUTOTAG_* names are problems too. */
function readVariables(env: Env, names: readonly ConfigVariable[], require: readonly ConfigVariable[] = []): { values: Values; notify?: NotifyConfig; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const values: Values = {};
  for (const name of names) {
    const variable: Variable = VARIABLES[name];
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (require.includes(name)) issues.push({ field: name, message: `is required; ${variable.hint}` });
      continue;
    }
    if (variable.secret) registerSecret(raw);
    const parsed = variable.schema.safeParse(raw);
    if (parsed.success) (values as Record<string, unknown>)[name] = parsed.data;
    else {
      const got = variable.secret ? '' : ` (got ${JSON.stringify(withoutUserInfo(raw))})`;
      issues.push({ field: name, message: `${parsed.error.issues.map((i) => i.message).join('; ')}${got}; ${variable.hint}` });
    }
  }
  for (const [name, why] of Object.entries(RETIRED)) {
    const raw = env[name];
    if (raw === undefined) continue;
    registerSecret(raw);
    issues.push({ field: name, message: why });
  }
  for (const name of Object.keys(env)) {
    if (name.startsWith('AUTOTAG_') && !(name in VARIABLES) && !(name in RETIRED)) {
      issues.push({ field: name, message: `is not a variable autotag reads; known: ${Object.keys(VARIABLES).filter((n) => n.startsWith('AUTOTAG_')).join(', ')}` });
    }
  }
  let notify: NotifyConfig | undefined;
  try {
    notify = notifyConfigFromEnv(env);
  } catch (e) {
    if (!(e instanceof ConfigurationError)) throw e;
    issues.push(...e.issues);
  }
  return { values, notify, issues };
}

/** What the CLI shares with the functions: the variables of the same name, checked the same way. */
export interface SharedSettings {
  region?: string;
  maxBindings?: number;
  readQps?: number;
  writeQps?: number;
  logLevel?: LogLevel;
  notify?: NotifyConfig;
  stsEndpoint?: ResolvedEndpoint;
}

const SHARED: readonly ConfigVariable[] = ['AUTOTAG_REGION', 'AUTOTAG_MAX_BINDINGS', 'AUTOTAG_READ_QPS', 'AUTOTAG_WRITE_QPS', 'AUTOTAG_LOG_LEVEL', 'AUTOTAG_STS_ENDPOINT'];

/** The shared variables of `env` (the CLI's process environment); throws one ConfigurationError listing every problem. */
export function readSharedSettings(env: Env): SharedSettings {
  const { values, notify, issues } = readVariables(env, SHARED);
  if (issues.length) throw new ConfigurationError(issues);
  return {
    region: values.AUTOTAG_REGION,
    maxBindings: values.AUTOTAG_MAX_BINDINGS,
    readQps: values.AUTOTAG_READ_QPS,
    writeQps: values.AUTOTAG_WRITE_QPS,
    logLevel: values.AUTOTAG_LOG_LEVEL,
    notify,
    stsEndpoint: values.AUTOTAG_STS_ENDPOINT,
  };
}

/** Checks every variable and throws one ConfigurationError listing all problems. Registers secret values for redaction. */
export function loadConfig(env: Env, options: LoadConfigOptions): RuntimeConfig {
  const { values, notify, issues } = readVariables(env, Object.keys(VARIABLES) as ConfigVariable[], options.require);
  if (values.AUTOTAG_SHARDING === 'always' && !values.AUTOTAG_SHARD_FUNCTION) {
    issues.push({ field: 'AUTOTAG_SHARDING', message: '"always" needs AUTOTAG_SHARD_FUNCTION, the function that runs the shards' });
  }
  if (issues.length) throw new ConfigurationError(issues);

  const rules = values.AUTOTAG_RULES ?? 'rules';
  return {
    rulesPath: isAbsolute(rules) ? rules : resolve(options.baseDir, rules),
    region: values.AUTOTAG_REGION ?? values.FC_REGION,
    dataworksEndpoint: values.DATAWORKS_ENDPOINT,
    maxBindings: values.AUTOTAG_MAX_BINDINGS,
    readQps: values.AUTOTAG_READ_QPS,
    writeQps: values.AUTOTAG_WRITE_QPS,
    shardTarget: values.AUTOTAG_SHARD_FUNCTION,
    lateAssetTarget: values.AUTOTAG_LATE_ASSET_FUNCTION,
    sharding: values.AUTOTAG_SHARDING ?? 'auto',
    shardMinAssets: values.AUTOTAG_SHARD_MIN_ASSETS ?? DEFAULT_SHARD_MIN_ASSETS,
    fcEndpoint: values.AUTOTAG_FC_ENDPOINT,
    stsEndpoint: values.AUTOTAG_STS_ENDPOINT,
    reportsDir: values.AUTOTAG_REPORTS_DIR,
    logLevel: values.AUTOTAG_LOG_LEVEL ?? 'info',
    notify,
    tableCacheDir: values.AUTOTAG_TABLE_CACHE,
    tableCacheTtlMs: values.AUTOTAG_TABLE_CACHE_TTL,
  };
}
