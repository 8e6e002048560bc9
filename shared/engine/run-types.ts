/**
 * What a run is asked (RunRequest), what it is given (RunDeps: the API, the clock, the observer its plan and
 * outcomes stream to), and what it reports (RunReport): counts, bounded samples, what was left unread, and a
 * cursor when it stopped early with work left. Nothing here grows with the catalog.
 */
import type { ApiMetrics, DataWorksApi } from '../dataworks';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { RuleSet } from '../rules';
import type { AssetRef, AssetView, DetailFailure, ShardSpec, SourceName, TableDetailsCache } from '../discovery';
import type { Cursor, RunTotals } from './cursor';
import type { AuditRecord, BindingResult, Plan, PlannedBinding, PlanRecord, PlanStats, RunCause, SourceError, TagKeyChange } from './types';

export interface RunRequest {
  ruleSet: RuleSet;
  /** who started the run, as reports, logs and audit records name it: a trigger's name (shared/triggers), or 'cli' */
  trigger: string;
  runId?: string;
  /** only these rules */
  ruleIds?: string[];
  /** only assets of these workspaces */
  projects?: number[];
  /** plan only, write nothing */
  dryRun?: boolean;
  /** overrides ruleSet.settings.maxBindings */
  maxBindings?: number;
  /** event-driven runs: evaluate only these assets (re-read from the API) instead of the sources */
  targets?: AssetRef[];
  /**
   * read only this slice of the sources. The rule set's other sources still decide which source an asset
   * belongs to, so across the shards of one run every asset is evaluated exactly once.
   */
  shard?: ShardSpec;
  /** continue a run that stopped early: its report's `next` (the run id comes from it) */
  resume?: Cursor;
  /**
   * write exactly this saved plan (its records, as a dry run streamed them) instead of discovering: refused when
   * the rule set changed since; what changed on an asset since the plan is left alone and reported
   */
  plan?: AsyncIterable<PlanRecord> | Iterable<PlanRecord>;
  /** the identity the run acts as, for audit records (e.g. a RAM role ARN), when the caller knows it */
  actor?: string;
  /** the API the run reads (`https://host`), when the caller knows it: the plan header names it */
  endpoint?: string;
  /** the trigger's own ids of what started the run (request id, timer name, event ids), for audit records */
  cause?: RunCause;
  /** bindings per rule a dry run's `planDetail` keeps (default 5,000; 0: no planDetail) */
  planSample?: number;
  /**
   * ids or names of assets to explain as the plan evaluates them: an `explanation` plan record for each asset
   * one names, then one for each that named no asset the run saw (not with a saved plan: it evaluates nothing)
   */
  explain?: string[];
}

/**
 * Where a run's plan and outcomes stream as they happen, so no caller has to hold a whole plan: the CLI prints
 * records as lines, HTTP keeps what fits, a coverage collector counts assets. Every method is optional and
 * called synchronously, in the order things happen; it must not throw.
 */
export interface RunObserver {
  /** the plan, record by record (types.ts PlanRecord): the header, bindings, tag-key changes, ... */
  plan?(record: PlanRecord): void;
  /** every evaluated asset, once, with its tags after the run (applied writes; on a dry run, the planned ones) */
  asset?(asset: AssetView, tagsAfter: Readonly<Record<string, string>>): void;
  /** the outcome of every binding the run meant to write (and of conflicts it left alone) */
  result?(result: BindingResult): void;
}

export interface ProgressEvent {
  phase: 'discover' | 'plan' | 'apply' | 'done';
  scanned: Partial<Record<SourceName, number>>;
  applied: number;
  failed: number;
  /** writes planned so far (it grows while discovery goes on) */
  totalToApply: number;
  throttled: number;
  retries: number;
}

/** The API counters a progress event carries, read from the run's metrics. */
export function apiCounters(deps: Pick<RunDeps, 'metrics'>): Pick<ProgressEvent, 'throttled' | 'retries'> {
  const m = deps.metrics?.();
  return { throttled: m?.throttled ?? 0, retries: m?.retries ?? 0 };
}

export interface RunDeps {
  api: DataWorksApi;
  clock: Clock;
  logger: Logger;
  /** epoch ms after which no new API call starts */
  deadline?: number;
  /**
   * epoch ms after which the run reads no new page: it finishes the writes it planned and reports `next`, a
   * cursor to resume from (a run nearing its invocation's deadline stops at a page boundary)
   */
  stopAt?: number;
  /** concurrent write calls (the limiter still caps the rate) */
  writeConcurrency?: number;
  /** the highest limit checked against the whole plan before the first write (default HOLD_WRITES, guard.ts) */
  holdWrites?: number;
  onProgress?: (p: ProgressEvent) => void;
  /**
   * every overwrite before its unbind (`intent`), every applied change and tag-key creation or extension;
   * default: an info line on `logger`. It may throw (a file it cannot append to): the run then starts no
   * further write and reports what the sink did not take (`auditFailure`).
   */
  audit?: (record: AuditRecord) => void;
  observer?: RunObserver;
  /** API call counters, read into the report */
  metrics?: () => ApiMetrics;
  /** table details kept across runs (owners, workspaces): GetTable only for tables new or changed since */
  tableDetails?: TableDetailsCache;
}

/** What a run did not read: the partitions it never finished, and what the API said they still held. */
export interface Unread {
  /** partitions not read to their end (never started, or cut after some pages) */
  partitions: number;
  /** of those, the ones cut after some pages */
  cut: number;
  /** assets the cut partitions still held by the API's totals (an event run: the named assets not read) */
  assetsLeft: number;
  /** the first of their labels */
  labels: string[];
}

/** A binding left alone because the asset changed between the plan and the write (another writer). */
export interface ConcurrentChange {
  assetId: string;
  key: string;
  /** what the plan found (null: unbound) */
  planned: string | null;
  /** what was bound right before the write */
  found: string | null;
  ruleId: string;
}

export interface FailureGroup {
  /** the first assets it hit (at most 100) */
  assetIds: string[];
  /** how many assets it hit */
  assets: number;
  keys: string[];
  reason: string;
  code?: string;
}

export interface RunReport {
  runId: string;
  trigger: string;
  ruleSet?: string;
  ruleSetHash: string;
  dryRun: boolean;
  startedAt: string;
  durationMs: number;
  /** 'ok' | some bindings failed, a source could not be read, or the audit sink failed | a guard stopped the run | out of time, work left */
  status: 'ok' | 'partial' | 'blocked' | 'deadline';
  plan: PlanStats;
  tagKeys: TagKeyChange[];
  /**
   * applied, skipped (conflicts left alone, bindings a concurrent writer got to first) and failed bindings, and
   * `notStarted`: bindings planned but never written (the deadline, or the guard)
   */
  result: { applied: number; skipped: number; failed: number; notStarted: number };
  /** what the run never read (absent when it read everything) */
  unread?: Unread;
  failures: FailureGroup[];
  /** partitions discovery could not read */
  sourceErrors: SourceError[];
  /**
   * assets whose details (a table's owner and workspace, a task's owner) could not be read after the retries:
   * evaluated without them (an owner condition does not match), how many, and the first with the error's code
   */
  detailFailures?: { count: number; assets: DetailFailure[] };
  /** the first conflicts (plan.conflict counts them all) */
  conflicts: PlannedBinding[];
  /** bindings left alone because a concurrent writer changed the asset first: how many, and the first */
  concurrent: { count: number; changes: ConcurrentChange[] };
  /** reads the run could not have done without (see the README, "Discovery and what it costs") */
  minimumReads: number;
  api: ApiMetrics;
  /** present when a guard, the deadline or the audit sink stopped the run */
  stoppedBy?: { code: string; message: string };
  /**
   * present when the audit sink failed (status 'partial'): no write started after it; `records` are the changes
   * the sink never got (applied all the same: the writes in flight when it failed, so at most a few calls' worth)
   */
  auditFailure?: { code: string; message: string; unwritten: number; records: AuditRecord[] };
  /** which piece of the run this is (1 unless resumed), and the counters of all its pieces so far */
  piece: number;
  totals: RunTotals;
  /** set when the run stopped early with work left: resume it with `resume: next` */
  next?: Cursor;
  /** the plan a dry run shows (a bounded sample, see Plan) */
  planDetail?: Plan;
}
