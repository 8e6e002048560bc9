/**
 * Structured logging: one JSON object per line, with the run's context (run id, request id, trigger)
 * bound once. Every line passes through `redact`, so a credential that slips into a field or a message
 * is masked before it is written (in any encoding: `secrets.ts`). `read.ts` reads such lines back.
 */
import { MASK, redactString } from './secrets';

export { registerSecret, redactString } from './secrets';
export { readLogRecords, type LogRecords } from './read';

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

/**
 * Text from outside (a server's answer, an event's id) as logs, reports and errors may quote it: secrets masked
 * first, so a cut cannot leave part of one behind, then cut to at most `max` characters, the mark of the cut
 * (how many characters were left out) included.
 */
export function redactAndClip(text: string, max: number): string {
  const safe = redactString(text);
  if (safe.length <= max) return safe;
  const mark = (kept: number) => `…[${safe.length - kept} more characters]`;
  let kept = Math.max(0, max - mark(max).length);
  if (kept > 0 && kept + mark(kept).length > max) kept--; // one more digit in the count
  return `${safe.slice(0, kept)}${mark(kept)}`;
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
