/**
 * A scheduled run through timer → shards → continuations on the local FC (emulator/fc), beside the DataWorks
 * emulator: the built scheduled bundle (dist/scheduled/index.js) runs in the local FC's instances with a
 * per-invocation timeout small enough that shards continue in several pieces, FC delivering some invocations
 * twice (seeded). `continuedRun` drives one such run and returns what a check needs (the invocation log, the
 * function's log lines, the catalog after, the emulator's write log); `unlimitedRun` is the run it must equal:
 * one unlimited run of the same rules on a fresh emulator with the same seed. `continuationScenario` is the
 * benchmark's: 200,000 assets of bench/rules.yaml (17 shards) at a 2 s timeout by default, its figures as JSON
 * (a scenario's `run` in bench/scenarios/index.ts: `() => continuationScenario({ assets: 200_000 * ctx.scale })`).
 * The DataWorks emulator runs in this process; the function runs in the local FC's instances, processes of
 * their own.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startEmulator, type Catalog, type CallStats, type Violation } from '../../emulator';
import { startLocalFc, type InvocationRecord } from '../../emulator/fc';
import { createDataWorksClient, resolveEndpoint } from '../../shared/dataworks';
import { systemClock } from '../../shared/clock';
import { runRules, type RunReport } from '../../shared/engine';
import { createFc3Invoker } from '../../shared/fanout';
import { silentLogger } from '../../shared/log';
import { parseRuleSet } from '../../shared/rules';

const FUNCTION = 'autotag-scheduled';
/** the FC 2.0 service the function is reachable in when the run goes through the fc2 invoker */
const SERVICE = 'autotag';
const NO_LIMIT = 1_000_000;
/** the function's RAM role, as the STS triple FC hands each invocation: DataWorks and FC both accept it */
const ROLE = { accessKeyId: 'STS.continuationrole1', accessKeySecret: 'continuation-role-secret-0123456789', securityToken: 'continuation-role-token' };

export interface ContinuationOptions {
  /** the repository's root: where dist/ (npm run build) is */
  root: string;
  /** the rule file the function runs (absolute, or relative to root) */
  rules: string;
  assets: number;
  seed: number;
  /** per invocation, seconds (fractions allowed locally) */
  timeoutSeconds: number;
  /** the API the function queues shards and continuations through */
  invoker: 'fc3' | 'fc2';
  /** the share of async invocations FC delivers twice (seeded with `seed`: the first draw decides the timer's) */
  duplicateRate: number;
  /** the function's AUTOTAG_READ_QPS / AUTOTAG_WRITE_QPS (the shards share them); the emulator does not limit */
  readQps: number;
  writeQps: number;
  /** instances that may run at once (1: deliveries run one after another) */
  maxInstances: number;
  /** how long the whole run may take, ms */
  boundMs: number;
  /** the function's AUTOTAG_SHARDING: `always` fans out into shards, `never` runs the catalog in one invocation and its continuations */
  sharding: 'always' | 'never';
  /** more of the function's environment (notifications, say) */
  env?: Record<string, string>;
}

export interface ContinuedRun {
  /** the timer invocation's request id: the run id */
  runId: string;
  invocations: InvocationRecord[];
  /** every line the function wrote, attempt by attempt */
  logs: string[];
  catalog: Catalog;
  calls: CallStats;
  violations: Violation[];
  wallMs: number;
}

const rulesPath = (o: Pick<ContinuationOptions, 'root' | 'rules'>) => resolve(o.root, o.rules);

/** One run through the local FC, from the timer's async invocation until nothing is queued or running. */
export async function continuedRun(options: ContinuationOptions): Promise<ContinuedRun> {
  const dataworks = await startEmulator({ assets: options.assets, seed: options.seed, readQps: 0, writeQps: 0, credentials: [ROLE] });
  const role = ROLE;
  const fc = await startLocalFc({ callers: [role], duplicates: { rate: options.duplicateRate, seed: options.seed } }).catch(async (e: unknown) => {
    await dataworks.stop();
    throw e;
  });
  try {
    fc.register({
      name: FUNCTION,
      bundle: resolve(options.root, 'dist', 'scheduled', 'index.js'),
      timeout: options.timeoutSeconds,
      role,
      maxAsyncRetryAttempts: 3,
      asyncTask: true,
      maxInstances: options.maxInstances,
      ...(options.invoker === 'fc2' && { service: SERVICE }),
      env: {
        AUTOTAG_RULES: rulesPath(options),
        AUTOTAG_REGION: fc.region,
        DATAWORKS_ENDPOINT: dataworks.url,
        AUTOTAG_SHARD_FUNCTION: options.invoker === 'fc2' ? `${SERVICE}/${FUNCTION}` : FUNCTION,
        AUTOTAG_SHARDING: options.sharding,
        AUTOTAG_FC_ENDPOINT: fc.url,
        AUTOTAG_READ_QPS: String(options.readQps),
        AUTOTAG_WRITE_QPS: String(options.writeQps),
        AUTOTAG_MAX_BINDINGS: String(NO_LIMIT),
        ...options.env,
      },
    });
    const started = Date.now();
    // what FC's timer trigger does: an async invocation with the trigger's event
    const timer = { triggerTime: new Date(started).toISOString(), triggerName: 'nightly', payload: '{"mode":"full"}' };
    const { requestId } = await createFc3Invoker({ accountId: fc.accountId, region: fc.region, credentials: role, endpoint: fc.endpoint }).invokeAsync(FUNCTION, timer);
    await fc.waitIdle(options.boundMs);
    const wallMs = Date.now() - started;
    const invocations = fc.invocations();
    return {
      runId: requestId!,
      invocations,
      logs: invocations.flatMap((r) => r.attempts.flatMap((a) => a.logs)),
      catalog: dataworks.catalog(),
      calls: dataworks.calls(),
      violations: dataworks.violations(),
      wallMs,
    };
  } finally {
    await Promise.all([fc.stop(), dataworks.stop()]);
  }
}

/** The same rules in one unlimited run (no deadline, no shards) on a fresh emulator of the same seed. */
export async function unlimitedRun(options: Pick<ContinuationOptions, 'root' | 'rules' | 'assets' | 'seed'>): Promise<{ report: RunReport; catalog: Catalog }> {
  const dataworks = await startEmulator({ assets: options.assets, seed: options.seed, readQps: 0, writeQps: 0 });
  try {
    const file = rulesPath(options);
    const api = createDataWorksClient({ credentials: dataworks.credentials, endpoint: resolveEndpoint({ endpoint: dataworks.url }), limits: { readQps: NO_LIMIT, writeQps: NO_LIMIT } });
    const report = await runRules({ ruleSet: parseRuleSet(readFileSync(file, 'utf8'), file), trigger: 'timer', maxBindings: NO_LIMIT }, { api, clock: systemClock, logger: silentLogger, metrics: api.metrics });
    return { report, catalog: dataworks.catalog() };
  } finally {
    await dataworks.stop();
  }
}

/** A catalog's bindings as sorted `asset|key=value` lines: two runs reached the same state when these are equal. */
export const bindingsOf = (c: Catalog) => c.bindings.map((b) => `${b.assetId}|${b.key}=${b.value}`).sort();

const parsedLines = (logs: readonly string[]) =>
  logs.flatMap((l) => {
    try {
      return [JSON.parse(l) as Record<string, unknown>];
    } catch {
      return [];
    }
  });

const CONTINUATION_DEFAULTS: ContinuationOptions = {
  // bundled into dist/bench.js, whose folder is dist/
  root: resolve(__dirname, '..'),
  rules: 'bench/rules.yaml',
  assets: 200_000,
  seed: 7,
  // a shard of ~12,000 assets reads for ~1 s unlimited: 2 s (a piece stops reading after 0.5 s) forces continuations
  timeoutSeconds: 2,
  invoker: 'fc3',
  duplicateRate: 0.2,
  readQps: NO_LIMIT,
  writeQps: NO_LIMIT,
  maxInstances: 1,
  boundMs: 1_800_000,
  sharding: 'always',
};

/**
 * The benchmark's scenario: a continued run and the unlimited run it must equal, in figures — pieces and
 * deliveries, the wall time of each, the bindings written (and any written twice), the repeats FC refused
 * (a shard or continuation queued again under its task id: 409), whether the states are equal.
 */
export async function continuationScenario(overrides: Partial<ContinuationOptions> = {}) {
  const options = { ...CONTINUATION_DEFAULTS, ...overrides };
  const whole = await timed(() => unlimitedRun(options));
  const run = await continuedRun(options);
  const lines = parsedLines(run.logs);
  const pieces = lines.filter((l) => l.msg === 'run piece finished');
  const queuedAgain = lines.flatMap((l) => (l.msg === 'fanned out' ? (l.queued as { alreadyQueued?: boolean }[]) : l.msg === 'run piece finished' && l.continuation ? [l.continuation as { alreadyQueued?: boolean }] : []));
  return {
    scenario: 'continuation',
    assets: options.assets,
    timeoutSeconds: options.timeoutSeconds,
    invoker: options.invoker,
    duplicateRate: options.duplicateRate,
    maxInstances: options.maxInstances,
    invocations: run.invocations.length,
    duplicateDeliveries: run.invocations.filter((r) => r.delivery === 2).length,
    pieces: new Set(pieces.map((p) => `${String(p.shard)}#${String(p.piece)}`)).size,
    // pieces past each shard's first: a timeout that forced none leaves the continuation path unmeasured
    continuations: new Set(pieces.filter((p) => Number(p.piece) > 1).map((p) => `${String(p.shard)}#${String(p.piece)}`)).size,
    pieceDeliveries: pieces.length,
    duplicatesSuppressed: queuedAgain.filter((q) => q.alreadyQueued).length,
    wallSeconds: +(run.wallMs / 1000).toFixed(1),
    unlimitedWallSeconds: +(whole.ms / 1000).toFixed(1),
    bindCalls: run.calls.byAction.TagDataAssets?.calls ?? 0,
    bindingsWritten: run.calls.bindings.made,
    bindingsWrittenTwice: run.calls.bindings.repeated,
    unlimitedBindingsWritten: whole.value.report.result.applied,
    sameStateAsUnlimited: JSON.stringify(bindingsOf(run.catalog)) === JSON.stringify(bindingsOf(whole.value.catalog)),
    functionPeakRssMiB: functionPeakRss(run.invocations),
  };
}

/** The highest peak resident set any instance reached, MiB: what the function's memory must hold. */
export const functionPeakRss = (invocations: readonly InvocationRecord[]) => Math.max(0, ...invocations.flatMap((r) => r.attempts.map((a) => a.peakRssMiB ?? 0)));

/**
 * Peak memory of the scheduled function applying a whole catalog in one invocation (no shards, a timeout no
 * piece reaches, no duplicate deliveries) in a local FC instance of 512 MB, as s.yaml deploys it.
 */
export async function functionRssScenario(assets: number) {
  const options: ContinuationOptions = { ...CONTINUATION_DEFAULTS, assets, sharding: 'never', timeoutSeconds: 3_600, duplicateRate: 0 };
  const run = await continuedRun(options);
  const peakRssMiB = functionPeakRss(run.invocations);
  const succeeded = run.invocations.length === 1 && run.invocations[0].status === 'succeeded';
  return { scenario: 'function-rss', assets, invocations: run.invocations.length, succeeded, seconds: +(run.wallMs / 1000).toFixed(1), bindingsWritten: run.calls.bindings.made, peakRssMiB, targetMiB: 256, met: succeeded && peakRssMiB > 0 && peakRssMiB < 256 };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - t };
}
