/**
 * A function's instances: an idle one serves the next invocation, a new one starts (a cold start) when all
 * are busy and the function is below its cap, and otherwise the invocation waits. Synchronous callers wait
 * in line and are served before the async queue takes an instance (a caller is holding a connection open).
 * An instance that dies (a timeout, a crash) leaves the pool; the next invocation starts a fresh one.
 */
import type { CloudAccount } from '../options';
import { instanceEnvironment } from './context';
import type { FunctionSpec } from './functions';
import { Instance } from './instance';
import type { Timers } from './timers';

export class InstancePool {
  private readonly idle: Instance[] = [];
  private readonly busy = new Set<Instance>();
  private readonly waiters: ((instance: Instance) => void)[] = [];
  private started = 0;
  private stopped = false;

  constructor(
    private readonly spec: FunctionSpec,
    private readonly account: CloudAccount,
    private readonly timers: Timers,
    /** called whenever an instance may have become free */
    private readonly onFree: () => void,
    /** called when a running function wrote a log line */
    private readonly onLog: () => void,
  ) {}

  /** An idle instance, else a new one below the cap, else undefined. */
  tryAcquire(): Instance | undefined {
    if (this.stopped) return undefined;
    const instance = this.idle.pop() ?? (this.size() < this.spec.maxInstances ? this.start() : undefined);
    if (instance) this.busy.add(instance);
    return instance;
  }

  /** An instance as soon as there is one (for a synchronous caller). */
  acquire(): Promise<Instance> {
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** true while a synchronous caller waits: the async queue leaves the instances to it */
  hasWaiters(): boolean {
    return this.waiters.length > 0;
  }

  release(instance: Instance): void {
    this.busy.delete(instance);
    if (instance.alive) this.idle.push(instance);
    this.serveWaiter();
    this.onFree();
  }

  size(): number {
    return this.idle.length + this.busy.size;
  }

  /** Every instance ended, none left. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.waiters.length = 0;
    const all = [...this.idle, ...this.busy];
    this.idle.length = 0;
    this.busy.clear();
    await Promise.all(all.map((i) => i.kill()));
  }

  private start(): Instance {
    const id = `c-${this.spec.name}-${++this.started}`;
    const env = instanceEnvironment(this.spec, this.account, id);
    return new Instance({ id, bundle: this.spec.bundle, handler: this.spec.handler, memory: this.spec.memory, env }, this.timers, (dead) => this.forget(dead), this.onLog);
  }

  private forget(dead: Instance): void {
    const i = this.idle.indexOf(dead);
    if (i >= 0) this.idle.splice(i, 1);
    // a busy instance that died is released by the invocation it was running
    if (!this.busy.has(dead)) {
      this.serveWaiter();
      this.onFree();
    }
  }

  private serveWaiter(): void {
    const waiter = this.waiters[0];
    if (!waiter) return;
    const instance = this.tryAcquire();
    if (!instance) return;
    this.waiters.shift();
    waiter(instance);
  }
}
