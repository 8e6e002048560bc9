/**
 * How the local FC runs invocations (reference function-compute §3.1; research.md §6). Sync: on an
 * instance as soon as one is free, once, never retried. Async: persisted in a queue and run at least once —
 * a failed attempt (the handler threw, timed out or crashed its instance) is queued again until
 * 1 + maxAsyncRetryAttempts attempts were made; the `duplicates` option (seeded) delivers some async
 * invocations twice, as FC may. With asyncTask enabled, a task id (x-fc-async-task-id, else the request id)
 * seen before is refused with 409. Chosen where the docs are silent: a retry keeps the request id and goes
 * to the back of the queue with no backoff (FC documents backoff only for throttling); a duplicate is a
 * second delivery queued right after the first, with the same request id.
 */
import type { CloudAccount } from '../options';
import { invocationContext, newRequestId } from './context';
import { fcError } from './errors';
import type { FunctionSpec } from './functions';
import type { AttemptOutcome, FunctionError, Instance } from './instance';
import { InvocationLog, type AttemptRecord, type InvocationRecord, type InvocationVia } from './invocations';
import { InstancePool } from './pool';
import type { Timers } from './timers';
import { seededRandom, type Random } from '../prng';

export interface DuplicateDelivery {
  /** the share of async invocations delivered twice, 0..1 */
  rate: number;
  seed: number;
}

export interface InvocationRequest {
  spec: FunctionSpec;
  payload: Buffer;
  via: InvocationVia;
  caller?: string;
  asyncTaskId?: string;
  /** x-fc-async-delay, seconds */
  delaySeconds?: number;
  /** when the door already named the invocation (an HTTP trigger puts it in the event) */
  requestId?: string;
}

export interface SyncOutcome {
  record: InvocationRecord;
  attempt: AttemptOutcome;
}

interface QueueEntry {
  record: InvocationRecord;
  spec: FunctionSpec;
}

export class FcRuntime {
  readonly log = new InvocationLog();
  // by spec, so a function registered again gets fresh instances with its new configuration
  private readonly pools = new Map<FunctionSpec, InstancePool>();
  private readonly queue: QueueEntry[] = [];
  private readonly delayed = new Set<() => void>();
  private readonly taskIds = new Set<string>();
  private readonly random?: Random;
  private running = 0;
  private stopped = false;

  constructor(
    private readonly account: CloudAccount,
    private readonly timers: Timers,
    private readonly now: () => number,
    private readonly duplicates?: DuplicateDelivery,
  ) {
    if (duplicates) this.random = seededRandom(duplicates.seed);
  }

  /** Queues an async invocation; its request id (and task id), or a ServiceError (409 for a repeated task id). */
  accept(request: InvocationRequest): { requestId: string; asyncTaskId?: string } {
    const requestId = request.requestId ?? newRequestId(this.now());
    const asyncTaskId = request.spec.asyncTask ? (request.asyncTaskId ?? requestId) : undefined;
    if (asyncTaskId !== undefined) {
      if (this.taskIds.has(asyncTaskId)) throw fcError.asyncTaskExists(asyncTaskId);
      this.taskIds.add(asyncTaskId);
    }
    const copies = this.random && this.random() < (this.duplicates?.rate ?? 0) ? 2 : 1;
    for (let delivery = 1; delivery <= copies; delivery++) {
      const record = this.log.add(this.newRecord(request, requestId, 'Async', delivery, asyncTaskId));
      this.later(request.delaySeconds ?? 0, { record, spec: request.spec });
    }
    return { requestId, asyncTaskId };
  }

  /** Runs a sync invocation on the next free instance. */
  async runSync(request: InvocationRequest): Promise<SyncOutcome> {
    const record = this.log.add(this.newRecord(request, request.requestId ?? newRequestId(this.now()), 'Sync', 1));
    this.running++;
    try {
      const instance = await this.pool(request.spec).acquire();
      const attempt = await this.attempt(record, request.spec, instance);
      this.pool(request.spec).release(instance);
      return { record, attempt };
    } finally {
      this.running--;
      this.log.changed();
    }
  }

  /** No invocation queued, waiting out a delay, or running. */
  idle(): boolean {
    return this.queue.length === 0 && this.delayed.size === 0 && this.running === 0;
  }

  describe(): string {
    return `${this.queue.length} queued, ${this.delayed.size} delayed, ${this.running} running`;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const cancel of this.delayed) cancel();
    this.delayed.clear();
    this.queue.length = 0;
    await Promise.all([...this.pools.values()].map((p) => p.stop()));
  }

  private newRecord(request: InvocationRequest, requestId: string, invocationType: 'Sync' | 'Async', delivery: number, asyncTaskId?: string): InvocationRecord {
    const { spec, payload, via, caller } = request;
    return { requestId, functionName: spec.name, invocationType, via, caller, payload, asyncTaskId, delivery, status: 'queued', attempts: [], durationMs: 0 };
  }

  private later(delaySeconds: number, entry: QueueEntry): void {
    if (delaySeconds <= 0) return this.enqueue(entry);
    const cancel = this.timers.start(delaySeconds * 1000, () => {
      this.delayed.delete(cancel);
      this.enqueue(entry);
    });
    this.delayed.add(cancel);
  }

  private enqueue(entry: QueueEntry): void {
    if (this.stopped) return;
    this.queue.push(entry);
    this.pump();
  }

  private pool(spec: FunctionSpec): InstancePool {
    let pool = this.pools.get(spec);
    if (!pool) {
      pool = new InstancePool(spec, this.account, this.timers, () => this.pump(), () => this.log.changed());
      this.pools.set(spec, pool);
    }
    return pool;
  }

  /** Starts every queued invocation an instance can take now, in queue order (one pass: bounded). */
  private pump(): void {
    for (let i = 0; i < this.queue.length; ) {
      const entry = this.queue[i];
      const pool = this.pool(entry.spec);
      const instance = pool.hasWaiters() ? undefined : pool.tryAcquire();
      if (!instance) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      void this.runAsync(entry, instance);
    }
    this.log.changed();
  }

  private async runAsync(entry: QueueEntry, instance: Instance): Promise<void> {
    this.running++;
    try {
      const outcome = await this.attempt(entry.record, entry.spec, instance);
      const retry = outcome.outcome !== 'succeeded' && entry.record.attempts.length <= entry.spec.maxAsyncRetryAttempts;
      if (retry && !this.stopped) {
        entry.record.status = 'queued';
        this.queue.push(entry);
      }
      this.pool(entry.spec).release(instance);
    } finally {
      this.running--;
      this.pump();
    }
  }

  /** One attempt of `record` on `instance`, written into the record (the caller gives the instance back). */
  private async attempt(record: InvocationRecord, spec: FunctionSpec, instance: Instance): Promise<AttemptOutcome> {
    const attempt: AttemptRecord = { instanceId: instance.id, startedAt: this.now(), logs: [] };
    record.status = 'running';
    record.attempts.push(attempt);
    this.log.changed();
    const outcome = await instance.invoke(record.payload, invocationContext(spec, this.account, record.requestId), spec.timeout, attempt.logs);
    attempt.durationMs = this.now() - attempt.startedAt;
    attempt.outcome = outcome.outcome;
    attempt.peakRssMiB = outcome.peakRssMiB;
    record.durationMs += attempt.durationMs;
    if (outcome.outcome === 'succeeded') {
      attempt.result = resultValue(outcome.bytes, outcome.json);
      record.result = attempt.result;
      record.error = undefined;
      record.status = 'succeeded';
    } else {
      attempt.error = outcome.error;
      record.error = outcome.error;
      record.status = 'failed';
    }
    return outcome;
  }
}

function resultValue(bytes: Buffer, json: boolean): unknown {
  const text = bytes.toString('utf8');
  return json ? JSON.parse(text) : text;
}

/** FC's `x-fc-error-type` for a failed attempt (a callback's error is "handled", anything else is not). */
export function errorType(error: FunctionError): 'HandledInvocationError' | 'UnhandledInvocationError' {
  return error.handled ? 'HandledInvocationError' : 'UnhandledInvocationError';
}
