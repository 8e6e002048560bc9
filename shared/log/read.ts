/**
 * Log lines read back as records, from wherever a user has them: our own JSON lines (a function's stdout,
 * `s logs`, a file of them), or Simple Log Service entries, where FC puts what a function wrote in the
 * entry's `message` field — `aliyunlog log get_log_all` prints a JSON array of entries, an export may hold
 * one entry per line. A line may carry a prefix before its JSON (FC's `<time> <request id> [INFO] ` when a
 * function logs through `context.logger`). What holds no JSON object is counted and passed over: a log
 * holds other things too.
 */

export interface LogRecords {
  records: Record<string, unknown>[];
  /** lines or entries that held no record */
  skipped: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fromText(line: string): Record<string, unknown> | undefined {
  const start = line.indexOf('{');
  if (start < 0) return undefined;
  try {
    return fromValue(JSON.parse(line.slice(start)));
  } catch {
    return undefined;
  }
}

/** Our record (it has `msg`), or the one inside an SLS entry's `message` (or `content`). */
function fromValue(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'string') return fromText(value);
  if (!isObject(value)) return undefined;
  if (typeof value.msg === 'string') return value;
  const inner = value.message ?? value.content;
  return typeof inner === 'string' ? fromText(inner) : undefined;
}

/** A JSON array of entries, else JSON lines. */
function items(text: string): unknown[] {
  if (text.trimStart().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // not one JSON document: read it line by line
    }
  }
  return text.split('\n').filter((line) => line.trim() !== '');
}

export function readLogRecords(text: string): LogRecords {
  const records: Record<string, unknown>[] = [];
  let skipped = 0;
  for (const item of items(text)) {
    const record = fromValue(item);
    if (record) records.push(record);
    else skipped++;
  }
  return { records, skipped };
}
