/**
 * A run's report, from what its parts counted: the plan's counts, what writing did, what was left unread,
 * the totals of the run's pieces so far, and a cursor when the run stopped early with work left. Bounded
 * whatever the catalog: counts, the first conflicts and failures, a sample of the plan on a dry run.
 */
import type { AutotagError } from '../errors';
import type { ApiMetrics } from '../dataworks';
import type { DetailFailure } from '../discovery';
import type { ApplyLedger } from './apply-ledger';
import type { Cursor, RunTotals } from './cursor';
import type { PlanAccumulator } from './plan-accumulator';
import type { RunDeps, RunReport, RunRequest, Unread } from './run-types';
import type { Plan, TagKeyChange } from './types';

/** assets whose details failed, kept for the report (the count is exact) */
const DETAIL_FAILURES_KEPT = 100;

export interface ReportInput {
  request: RunRequest;
  head: { runId: string; ruleSet?: string; ruleSetHash: string };
  started: number;
  deps: Pick<RunDeps, 'clock' | 'metrics'>;
  status: RunReport['status'];
  plan: PlanAccumulator;
  ledger: ApplyLedger;
  tagKeys: TagKeyChange[];
  unread?: Unread;
  detailFailures: DetailFailure[];
  minimumReads: number;
  piece: number;
  /** the earlier pieces' totals */
  priorTotals: RunTotals;
  /** where to resume, when the run stopped early with work left; `writes` is the guard's count */
  next?: Omit<Cursor, 'totals'>;
  stop?: AutotagError;
  planDetail?: Omit<Plan, 'tagKeys'>;
}

function sumTotals(a: RunTotals, b: RunTotals): RunTotals {
  const scanned = { ...a.scanned };
  for (const [source, n] of Object.entries(b.scanned)) scanned[source] = (scanned[source] ?? 0) + n;
  const add = (k: Exclude<keyof RunTotals, 'scanned'>) => a[k] + b[k];
  return {
    scanned,
    evaluated: add('evaluated'),
    bind: add('bind'),
    present: add('present'),
    conflict: add('conflict'),
    plannedWrites: add('plannedWrites'),
    applied: add('applied'),
    skipped: add('skipped'),
    failed: add('failed'),
  };
}

export function buildReport(input: ReportInput): RunReport {
  const { request, head, plan, ledger, deps } = input;
  const stats = plan.stats();
  const dryRun = !!request.dryRun;
  // every planned write ends applied, failed, left to a concurrent writer, or not started (the rest)
  const notStarted = dryRun ? 0 : stats.plannedWrites - ledger.applied - ledger.failed - ledger.concurrent;
  const result = { applied: ledger.applied, skipped: ledger.skippedConflicts + ledger.concurrent, failed: ledger.failed, notStarted };
  const piece: RunTotals = {
    scanned: stats.assetsScanned as Record<string, number>,
    evaluated: stats.assetsEvaluated,
    bind: stats.bind,
    present: stats.present,
    conflict: stats.conflict,
    plannedWrites: stats.plannedWrites,
    applied: result.applied,
    skipped: result.skipped,
    failed: result.failed,
  };
  const totals = sumTotals(input.priorTotals, piece);
  const api: ApiMetrics = deps.metrics?.() ?? { calls: {}, retries: 0, throttled: 0 };
  return {
    runId: head.runId,
    trigger: request.trigger,
    ruleSet: head.ruleSet,
    ruleSetHash: head.ruleSetHash,
    dryRun,
    startedAt: new Date(input.started).toISOString(),
    durationMs: deps.clock.now() - input.started,
    status: input.status,
    plan: stats,
    tagKeys: input.tagKeys,
    result,
    ...(input.unread && { unread: input.unread }),
    failures: ledger.failureGroups(),
    sourceErrors: plan.errors(),
    ...(input.detailFailures.length && { detailFailures: { count: input.detailFailures.length, assets: input.detailFailures.slice(0, DETAIL_FAILURES_KEPT) } }),
    conflicts: plan.conflictSample(),
    concurrent: ledger.concurrentChanges(),
    minimumReads: input.minimumReads,
    api,
    stoppedBy: input.stop ? { code: input.stop.code, message: input.stop.message } : undefined,
    ...(ledger.trail.failure && { auditFailure: ledger.trail.report() }),
    piece: input.piece,
    totals,
    ...(input.next && { next: { ...input.next, totals } }),
    ...(input.planDetail && { planDetail: { ...input.planDetail, tagKeys: input.tagKeys } }),
  };
}
