/**
 * The engine: what a rule set implies for the catalog, planned and written a window at a time.
 *
 *   const report = await runRules(request, deps);
 *
 * Memory stays flat whatever the catalog: the plan is counts plus bounded samples, writes are held a window
 * at a time, each asset evaluated once (a fingerprint per asset, seen-assets.ts). The hooks callers plug into:
 *
 * - `deps.observer.plan(record)`: the plan as it is made (PlanRecord: a `plan` header, then `binding`,
 *   `overridden`, `unsettled`, `source-error` records as pages are evaluated, with an `explanation` of each
 *   asset `request.explain` names, then `tag-key` records at the end). As JSON lines it is `autotag plan
 *   --json`; written to a file it is a saved plan, which `checkSavedPlan` checks whole and `readPlanRecords`
 *   reads back (a later `apply --plan` groups its write bindings into windows for the writer, with the same
 *   re-read of every asset right before its call that catches drift since the plan).
 * - `deps.observer.asset(view, tagsAfter)`: every evaluated asset once, with its tags after the run (applied
 *   writes; on a dry run, planned ones) — what a coverage collector counts.
 * - `deps.observer.result(result)`: each binding's outcome (applied, skipped, failed, with the reason).
 * - `deps.audit(record)`: every applied change (`kind: 'binding'`, old → new), every tag-key creation or
 *   extension (`kind: 'tag-key'`), and before each overwrite's unbind its `intent` (old → new), each with the
 *   run id, trigger, rule-set hash and, when the request names them, the actor and the trigger's own ids
 *   (`request.cause`). Without it, audit records are info log lines. A sink that throws stops the run's writes
 *   at once (report.auditFailure).
 * - `deps.onProgress(event)`: counters for a progress line, O(1) per call.
 * - `deps.stopAt` and `report.next` / `request.resume`: a run told to stop at a page boundary (or cut by its
 *   deadline) reports a Cursor; the same request with `resume: next` continues it (the run id, the guard's
 *   count and the counters come from the cursor; a replayed cursor redoes only pages whose writes may be
 *   missing). A notifier reads the report's status, unread partitions and failures.
 */
export { runRules, DEFAULT_PLAN_SAMPLE } from './run';
export { auditToLog } from './audit-trail';
export { selectRules } from './scope';
export { evaluateAsset } from './evaluate';
export {
  explainAsset,
  explainAssets,
  type AssetExplanation,
  type BindingFate,
  type PendingTag,
  type RuleExplanation,
  type TagDecision,
  type TagFate,
} from './explain';
export { groupCalls, type AssetWrite, type WriteCall } from './batches';
export { HOLD_WRITES } from './guard';
export { ruleSetHash } from './rule-set-hash';
export { advanced, cursorSchema, standing, type Cursor, type RunTotals } from './cursor';
export { planRecordLine, readPlanLines, readPlanRecords, PLAN_FORMAT_VERSION, type PlanLine } from './plan-records';
export { checkSavedPlan, type SavedPlanExpectation, type SavedPlanSummary } from './saved-plan';
export { printOrder } from './plan-sample';
export type {
  AuditRecord,
  BindingAction,
  BindingAuditRecord,
  BindingOutcome,
  BindingResult,
  IntentAuditRecord,
  OverriddenBinding,
  Plan,
  PlanExplanation,
  PlanHeader,
  PlannedBinding,
  PlanRecord,
  PlanStats,
  RunCause,
  SourceError,
  Tally,
  TagKeyAuditRecord,
  TagKeyChange,
  UnsettledAsset,
} from './types';
export type { ConcurrentChange, FailureGroup, ProgressEvent, RunDeps, RunObserver, RunReport, RunRequest, Unread } from './run-types';
