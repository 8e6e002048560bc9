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
 * | `AUTOTAG_HTTP_TOKEN`       | bearer token of the HTTP function (≥ 16 characters); never logged     | required by the HTTP function    |
 * | `AUTOTAG_MAX_BINDINGS`     | blast-radius limit, overrides the rule set's `settings.maxBindings`  | the rule set's                   |
 * | `AUTOTAG_READ_QPS`         | read budget shared by the run (account-wide quota is 50)             | the client's                     |
 * | `AUTOTAG_WRITE_QPS`        | write budget shared by the run (account-wide quota is 20)            | the client's                     |
 * | `AUTOTAG_SHARD_FUNCTION`   | fan-out target: `<function>` (FC 3.0) or `<service>/<function>` (FC 2.0) | no fan-out                   |
 * | `AUTOTAG_SHARDING`         | `never`, `auto` (shard when the catalog is large) or `always`        | `auto`                           |
 * | `AUTOTAG_SHARD_MIN_ASSETS` | `auto`: shard when the counted assets reach this                     | 10000                            |
 * | `AUTOTAG_FC_ENDPOINT`      | FC API URL for fan-out, `https://host[:port]` (http only on loopback) | `<account>.<region>.fc.aliyuncs.com` |
 * | `AUTOTAG_LOG_LEVEL`        | `debug`, `info`, `warn` or `error`                                   | `info`                           |
 * | `AUTOTAG_TABLE_CACHE`      | absolute folder for the table-details cache, on storage that outlives an instance (the OSS mount of s.yaml) | no cache |
 * | `AUTOTAG_TABLE_CACHE_TTL`  | how long a cached table's details are trusted, e.g. `7d`, `36h`       | `7d`                             |
 * Read, not ours: `FC_REGION`, `FC_ACCOUNT_ID`, `FC_FUNCTION_NAME` (set by FC).
 */
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { DURATION_HINT, parseDuration } from '../clock';
import { ConfigurationError, InvalidInputError, type InputIssue } from '../errors';
import { resolveEndpoint, type ResolvedEndpoint } from '../dataworks';
import { registerSecret, type LogLevel } from '../log';
import type { InvokeTarget, ShardingPolicy } from '../fanout';


export interface RuntimeConfig {
  /** absolute path of the rule-set file or folder */
  rulesPath: string;
  /** explicit DataWorks region (AUTOTAG_REGION, else FC_REGION) */
  region?: string;
  dataworksEndpoint?: ResolvedEndpoint;
  httpToken?: string;
  maxBindings?: number;
  readQps?: number;
  writeQps?: number;
  shardTarget?: InvokeTarget;
  sharding: ShardingPolicy;
  shardMinAssets: number;
  fcEndpoint?: ResolvedEndpoint;
  logLevel: LogLevel;
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

const shardTarget = z.string().transform((v, ctx): InvokeTarget => {
  const parts = v.split('/');
  if (parts.every((p) => FC_NAME.test(p))) {
    if (parts.length === 1) return { api: 'fc3', functionName: parts[0] };
    if (parts.length === 2) return { api: 'fc2', serviceName: parts[0], functionName: parts[1] };
  }
  ctx.addIssue({ code: 'custom', message: 'must be <function> (FC 3.0) or <service>/<function> (FC 2.0), names of letters, digits, "-" and "_"' });
  return z.NEVER;
});

interface Variable {
  schema: z.ZodType;
  /** how to fix a bad value */
  hint: string;
  /** never echo the value in a message */
  secret?: boolean;
}

const VARIABLES = {
  AUTOTAG_RULES: { schema: z.string().min(1, 'must not be empty'), hint: 'set it to the rule-set file or folder bundled with the function, e.g. "rules"' },
  AUTOTAG_REGION: { schema: z.string().regex(REGION, 'must be a region id'), hint: 'set it to e.g. "cn-hangzhou", or unset it to use the function\'s region' },
  FC_REGION: { schema: z.string().regex(REGION, 'must be a region id'), hint: 'FC sets it; outside FC set it to e.g. "cn-hangzhou"' },
  DATAWORKS_ENDPOINT: { schema: endpoint, hint: 'set it to e.g. "https://dataworks-vpc.cn-hangzhou.aliyuncs.com", or unset it' },
  AUTOTAG_HTTP_TOKEN: { schema: z.string().min(16, 'must be at least 16 characters'), hint: 'set it to a long random secret, e.g. `openssl rand -hex 32`', secret: true },
  AUTOTAG_MAX_BINDINGS: { schema: positiveInt, hint: "set it to e.g. 500, or unset it to use the rule set's settings.maxBindings" },
  AUTOTAG_READ_QPS: { schema: positiveNumber, hint: 'set it to at most 50 (the account-wide read quota), or unset it' },
  AUTOTAG_WRITE_QPS: { schema: positiveNumber, hint: 'set it to at most 20 (the account-wide write quota), or unset it' },
  AUTOTAG_SHARD_FUNCTION: { schema: shardTarget, hint: 'set it to the function that runs shards, e.g. "autotag-scheduled", or unset it to disable fan-out' },
  AUTOTAG_SHARDING: { schema: z.enum(['never', 'auto', 'always']), hint: 'set it to "never", "auto" or "always"' },
  AUTOTAG_SHARD_MIN_ASSETS: { schema: positiveInt, hint: 'set it to e.g. 10000, or unset it' },
  AUTOTAG_FC_ENDPOINT: { schema: endpoint, hint: 'set it to e.g. "https://1234567890123456.cn-hangzhou-internal.fc.aliyuncs.com", or unset it' },
  AUTOTAG_LOG_LEVEL: { schema: z.enum(['debug', 'info', 'warn', 'error']), hint: 'set it to "debug", "info", "warn" or "error"' },
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

/** Checks every variable and throws one ConfigurationError listing all problems. Registers the token as a secret. */
export function loadConfig(env: Record<string, string | undefined>, options: LoadConfigOptions): RuntimeConfig {
  const issues: InputIssue[] = [];
  const values: Values = {};
  for (const [name, variable] of Object.entries(VARIABLES) as [ConfigVariable, Variable][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (options.require?.includes(name)) issues.push({ field: name, message: `is required; ${variable.hint}` });
      continue;
    }
    if (variable.secret) registerSecret(raw);
    const parsed = variable.schema.safeParse(raw);
    if (parsed.success) (values as Record<string, unknown>)[name] = parsed.data;
    else {
      const got = variable.secret ? '' : ` (got ${JSON.stringify(raw)})`;
      issues.push({ field: name, message: `${parsed.error.issues.map((i) => i.message).join('; ')}${got}; ${variable.hint}` });
    }
  }
  for (const name of Object.keys(env)) {
    if (name.startsWith('AUTOTAG_') && !(name in VARIABLES)) {
      issues.push({ field: name, message: `is not a variable autotag reads; known: ${Object.keys(VARIABLES).filter((n) => n.startsWith('AUTOTAG_')).join(', ')}` });
    }
  }
  if (values.AUTOTAG_SHARDING === 'always' && !values.AUTOTAG_SHARD_FUNCTION) {
    issues.push({ field: 'AUTOTAG_SHARDING', message: '"always" needs AUTOTAG_SHARD_FUNCTION, the function that runs the shards' });
  }
  if (issues.length) throw new ConfigurationError(issues);

  const rules = values.AUTOTAG_RULES ?? 'rules';
  return {
    rulesPath: isAbsolute(rules) ? rules : resolve(options.baseDir, rules),
    region: values.AUTOTAG_REGION ?? values.FC_REGION,
    dataworksEndpoint: values.DATAWORKS_ENDPOINT,
    httpToken: values.AUTOTAG_HTTP_TOKEN,
    maxBindings: values.AUTOTAG_MAX_BINDINGS,
    readQps: values.AUTOTAG_READ_QPS,
    writeQps: values.AUTOTAG_WRITE_QPS,
    shardTarget: values.AUTOTAG_SHARD_FUNCTION,
    sharding: values.AUTOTAG_SHARDING ?? 'auto',
    shardMinAssets: values.AUTOTAG_SHARD_MIN_ASSETS ?? DEFAULT_SHARD_MIN_ASSETS,
    fcEndpoint: values.AUTOTAG_FC_ENDPOINT,
    logLevel: values.AUTOTAG_LOG_LEVEL ?? 'info',
    tableCacheDir: values.AUTOTAG_TABLE_CACHE,
    tableCacheTtlMs: values.AUTOTAG_TABLE_CACHE_TTL,
  };
}
