/**
 * The invocation log, the local FC's control surface for tests: one record per delivery of an invocation
 * (an at-least-once duplicate is a second record with the same request id and `delivery: 2`), with its
 * payload, each attempt (instance, start, duration, outcome, the handler's result or error, its log lines)
 * and the final outcome. `waitUntil` re-checks a condition whenever the log changes, never by polling, and
 * gives up after a bound in real time so a test fails instead of hanging.
 */
import type { FunctionError } from './instance';

export type InvocationType = 'Sync' | 'Async';
/** which door the invocation came in through */
export type InvocationVia = 'fc3-api' | 'fc2-api' | 'http-trigger';

export interface AttemptRecord {
  instanceId: string;
  startedAt: number;
  durationMs?: number;
  outcome?: 'succeeded' | 'error' | 'timeout' | 'crashed';
  /** the handler's result: parsed when it returned an object, else its text */
  result?: unknown;
  error?: FunctionError;
  logs: string[];
  /** the instance's peak resident set when the handler ended, MiB */
  peakRssMiB?: number;
}

export interface InvocationRecord {
  requestId: string;
  functionName: string;
  invocationType: InvocationType;
  via: InvocationVia;
  /** the AccessKeyId that signed the request, when it was signed */
  caller?: string;
  payload: Buffer;
  asyncTaskId?: string;
  /** 1, or 2 for the extra delivery of an at-least-once duplicate */
  delivery: number;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  attempts: AttemptRecord[];
  /** of the last attempt */
  result?: unknown;
  error?: FunctionError;
  /** all attempts together, ms */
  durationMs: number;
}

export class InvocationLog {
  private readonly records: InvocationRecord[] = [];
  private readonly listeners = new Set<() => void>();

  add(record: InvocationRecord): InvocationRecord {
    this.records.push(record);
    this.changed();
    return record;
  }

  /** Tells every waiter to look again. */
  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Copies, so a test cannot change the log by changing what it read. */
  snapshot(): InvocationRecord[] {
    return this.records.map((r) => ({ ...r, payload: Buffer.from(r.payload), attempts: r.attempts.map((a) => ({ ...a, logs: [...a.logs] })) }));
  }

  /** Resolves once `condition()` holds; rejects with `describe()` when `boundMs` pass first. */
  waitUntil(condition: () => boolean, boundMs: number, describe: () => string): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`local FC: not reached within ${boundMs} ms: ${describe()}`));
      }, boundMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
    });
  }
}
