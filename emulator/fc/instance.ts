/**
 * One FC instance: a child Node process (instance-main.js) with the function's bundle loaded once under the
 * function's environment, serving one invocation at a time over IPC (FC 3.0 runs one invocation per
 * instance). An invocation's timeout kills the instance, as FC does; so does the end of the local FC. The
 * V8 heap is capped at the function's memory, the nearest cheap model of FC's memory limit. Log lines are
 * kept with the invocation that wrote them (lines written before the first invocation, during the cold
 * start, go with it, as FC shows them). They come down the instance's stdout, a pipe node writes to
 * synchronously, so a function that logs fast waits for its reader as on FC instead of piling its logs up in
 * memory; a marker line in that pipe before each message that ends an invocation (instance-main.js) says
 * where one invocation's lines stop.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Timers } from './timers';

export interface FunctionError {
  errorMessage: string;
  errorType: string;
  stackTrace: string[];
  /** a callback-style handler passed it to its callback (FC: HandledInvocationError) */
  handled?: boolean;
}

export type AttemptOutcome = {
  logs: string[];
  /** the instance's peak resident set when the handler ended, MiB (absent when it did not end on its own) */
  peakRssMiB?: number;
} & (
  | { outcome: 'succeeded'; bytes: Buffer; json: boolean }
  | { outcome: 'error' | 'timeout' | 'crashed'; error: FunctionError }
);

export interface InstanceSpec {
  id: string;
  bundle: string;
  handler: string;
  memory: number;
  env: Record<string, string>;
}

type ChildMessage =
  | { type: 'ready' }
  | { type: 'init-error'; error: FunctionError }
  | ({ type: 'done'; maxRssKiB: number } & ({ ok: true; bytes: Uint8Array; json: boolean } | { ok: false; error: FunctionError }));

interface Attempt {
  resolve(outcome: AttemptOutcome): void;
  logs: string[];
  timeoutSeconds: number;
  timedOut: boolean;
  cancelTimer(): void;
  send(): void;
}

// Beside the running file in both shapes: emulator/fc/ when run from sources (ts-jest), dist/ in a bundle
// that includes the local FC (dist/cli.js, dist/bench.js), where scripts/build.mjs puts it.
const RUNNER = resolve(__dirname, 'instance-main.js');

/** Fails unless the instance runner is where an instance is forked from (say so at start, not at the first invocation). */
export function checkInstanceRunner(): void {
  if (!existsSync(RUNNER)) throw new Error(`the local FC's instance runner ${RUNNER} is missing: a bundle that includes emulator/fc needs emulator/fc/instance-main.js beside it (scripts/build.mjs builds it into dist/)`);
}
const STDERR_TAIL = 4096;
/** instance-main.js writes it to the pipe right before it sends a message that ends an invocation */
const END_MARKER = '\u0000end';
type EndMessage = Exclude<ChildMessage, { type: 'ready' }>;

export class Instance {
  private readonly child: ChildProcess;
  private ready = false;
  private exited = false;
  private attempt?: Attempt;
  private bootLogs: string[] = [];
  private stderrTail = '';
  private initError?: FunctionError;
  /** messages that end an invocation whose marker has not been read from the pipe yet, and markers read before their message */
  private readonly unmarked: EndMessage[] = [];
  private markers = 0;

  constructor(
    readonly spec: InstanceSpec,
    private readonly timers: Timers,
    private readonly onExit: (instance: Instance) => void,
    /** a log line arrived (so a test can wait for one) */
    private readonly onLog: () => void,
  ) {
    this.child = fork(RUNNER, [spec.bundle, spec.handler], {
      cwd: dirname(spec.bundle),
      env: spec.env,
      execArgv: [`--max-old-space-size=${spec.memory}`],
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    createInterface({ input: this.child.stdout!, crlfDelay: Infinity }).on('line', (line) => this.onLine(line));
    // what bypasses the forwarded stderr (Node's own fatal-error report) explains a crash
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL)));
    this.child.on('message', (message: ChildMessage) => this.onMessage(message));
    // 'close', not 'exit': by then every line the instance wrote has been read
    this.child.on('close', (code, signal) => this.onChildExit(code, signal));
    this.child.on('error', () => this.child.kill('SIGKILL'));
  }

  get id(): string {
    return this.spec.id;
  }

  /** false once the process is gone or going (a bundle that failed its cold start exits) */
  get alive(): boolean {
    return !this.exited && !this.initError;
  }

  /** Runs one invocation, its log lines appended to `logs` as they come; never rejects: a failure is an outcome. */
  invoke(event: Buffer, context: object, timeoutSeconds: number, logs: string[]): Promise<AttemptOutcome> {
    if (this.attempt) throw new Error(`instance ${this.id} is busy`);
    logs.push(...this.bootLogs);
    return new Promise((resolve) => {
      const attempt: Attempt = {
        resolve,
        logs,
        timeoutSeconds,
        timedOut: false,
        cancelTimer: () => {},
        send: () => this.child.send({ type: 'invoke', event, context }, (err) => err && this.child.kill('SIGKILL')),
      };
      this.bootLogs = [];
      this.attempt = attempt;
      if (this.exited) return this.finishCrashed(null, null);
      // the timeout runs from the request, so a cold start that hangs is bounded too
      attempt.cancelTimer = this.timers.start(timeoutSeconds * 1000, () => {
        attempt.timedOut = true;
        this.child.kill('SIGKILL');
      });
      if (this.ready) attempt.send();
    });
  }

  /** Ends the instance (FC recycling it); resolves when the process is gone. */
  kill(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((done) => {
      this.child.once('close', () => done());
      this.child.kill('SIGKILL');
    });
  }

  private onLine(line: string): void {
    if (line === END_MARKER) {
      const message = this.unmarked.shift();
      if (message) this.onEnd(message);
      else this.markers++;
      return;
    }
    if (line === '') return;
    (this.attempt?.logs ?? this.bootLogs).push(line);
    this.onLog();
  }

  private onMessage(message: ChildMessage): void {
    if (message.type === 'ready') {
      this.ready = true;
      this.attempt?.send();
      return;
    }
    // the lines written before it may still be in the pipe: it takes effect once its marker is read
    if (this.markers === 0) return void this.unmarked.push(message);
    this.markers--;
    this.onEnd(message);
  }

  private onEnd(message: EndMessage): void {
    const attempt = this.attempt;
    switch (message.type) {
      case 'init-error':
        this.initError = message.error;
        if (attempt) this.finish({ outcome: 'error', error: message.error, logs: attempt.logs });
        return;
      case 'done': {
        if (!attempt) return;
        const ended = { logs: attempt.logs, peakRssMiB: Math.round(message.maxRssKiB / 1024) };
        if (message.ok) this.finish({ outcome: 'succeeded', bytes: Buffer.from(message.bytes), json: message.json, ...ended });
        else this.finish({ outcome: 'error', error: message.error, ...ended });
      }
    }
  }

  private onChildExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.exited = true;
    if (this.attempt) this.finishCrashed(code, signal);
    this.onExit(this);
  }

  private finishCrashed(code: number | null, signal: NodeJS.Signals | null): void {
    const attempt = this.attempt!;
    if (attempt.timedOut) {
      this.finish({ outcome: 'timeout', error: { errorMessage: `Function timed out after ${attempt.timeoutSeconds} seconds`, errorType: 'FunctionTimeout', stackTrace: [] }, logs: attempt.logs });
      return;
    }
    if (this.initError) {
      this.finish({ outcome: 'error', error: this.initError, logs: attempt.logs });
      return;
    }
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const tail = this.stderrTail.trim();
    this.finish({ outcome: 'crashed', error: { errorMessage: `the instance ${how}${tail ? `: ${tail}` : ''}`, errorType: 'InstanceExited', stackTrace: [] }, logs: attempt.logs });
  }

  private finish(outcome: AttemptOutcome): void {
    const attempt = this.attempt;
    if (!attempt) return;
    attempt.cancelTimer();
    this.attempt = undefined;
    attempt.resolve(outcome);
  }
}
