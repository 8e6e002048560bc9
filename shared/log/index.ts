/**
 * Structured logging: one JSON object per line, with the run's context (run id, request id, trigger)
 * bound once. Every line passes through `redact`, so a credential that slips into a field or a message
 * is masked before it is written.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** a logger whose lines also carry `fields` */
  child(fields: Record<string, unknown>): Logger;
}

/** Field names whose values are never written, whatever they hold. */
const SECRET_KEY = /secret|token|password|credential|authorization|accesskey/i;
const MASK = '[redacted]';

/**
 * Values registered as secrets (AccessKey secret, STS token, HTTP bearer token) are masked wherever they appear.
 * A process-wide registry, because anything this process prints must be masked, whoever builds the text. It is
 * bounded: a warm FC instance registers each invocation's rotating STS triple, and only the newest few can still
 * be in use, so the oldest are forgotten first.
 */
const knownSecrets = new Set<string>();
const MAX_SECRETS = 64;

/** Register a secret value so no log line can contain it. Values shorter than 6 characters are ignored. */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < 6) return;
  knownSecrets.delete(value); // re-registering makes it the newest
  knownSecrets.add(value);
  if (knownSecrets.size > MAX_SECRETS) knownSecrets.delete(knownSecrets.values().next().value!);
}

export function redactString(s: string): string {
  let out = s;
  for (const secret of knownSecrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
  return out;
}

/** Deep copy of `value` with secret-named fields and registered secret values masked. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[depth]';
  if (value instanceof Error) {
    const e = value as Error & { toJSON?: () => unknown };
    return redact(typeof e.toJSON === 'function' ? e.toJSON() : { name: e.name, message: e.message }, depth + 1);
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) && typeof v !== 'object' ? MASK : redact(v, depth + 1);
  }
  return out;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** where lines go; default process.stdout */
  write?: (line: string) => void;
  fields?: Record<string, unknown>;
  now?: () => number;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const min = LEVELS[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const now = options.now ?? Date.now;
  const base = options.fields ?? {};
  const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < min) return;
    const record = redact({ time: new Date(now()).toISOString(), level, msg, ...base, ...fields });
    write(JSON.stringify(record));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}

/** A logger that drops everything (tests, --json runs). */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
