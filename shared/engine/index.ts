/**
 * The engine: what a rule set implies for the catalog, planned and written a window at a time.
 *
 *   const report = await runRules(request, deps);
 *
 * Memory stays flat whatever the catalog: the plan is counts plus bounded samples, writes are held a window
 * at a time, each asset evaluated once (a fingerprint per asset, seen-assets.ts). The hooks callers plug into:
 *
 * - `deps.observer.plan(record)`: the plan as it is made (PlanRecord: a `plan` header, then `binding`,
 *   `overridden`, `unsettled`, `source-error` records as pages are evaluated, `tag-key` records at the end).
 *   As JSON lines it is `autotag plan --json`; written to a file it is a saved plan, which `readPlanRecords`
 *   reads back (a later `apply --plan` groups its write bindings into windows for the writer, with the same
 *   re-read of every asset right before its call that catches drift since the plan).
 * - `deps.observer.asset(view, tagsAfter)`: every evaluated asset once, with its tags after the run (applied
 *   writes; on a dry run, planned ones) — what a coverage collector counts.
 * - `deps.observer.result(result)`: each binding's outcome (applied, skipped, failed, with the reason).
 * - `deps.audit(record)`: every applied change (`kind: 'binding'`, old → new) and every tag-key creation or
 *   extension (`kind: 'tag-key'`), each with the run id, trigger, rule-set hash and, when the request names
 *   one, the actor. Without it, audit records are info log lines.
 * - `deps.onProgress(event)`: counters for a progress line, O(1) per call.
 * - `deps.stopAt` and `report.next` / `request.resume`: a run told to stop at a page boundary (or cut by its
 *   deadline) reports a Cursor; the same request with `resume: next` continues it (the run id, the guard's
 *   count and the counters come from the cursor; a replayed cursor redoes only pages whose writes may be
 *   missing). A notifier reads the report's status, unread partitions and failures.
 */
export { runRules, DEFAULT_PLAN_SAMPLE } from './run';
export { auditToLog } from './apply-ledger';
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
export { planRecordLine, readPlanRecords, PLAN_FORMAT_VERSION } from './plan-records';
export { printOrder } from './plan-sample';
export type {
  AuditRecord,
  BindingAction,
  BindingAuditRecord,
  BindingOutcome,
  BindingResult,
  OverriddenBinding,
  Plan,
  PlanHeader,
  PlannedBinding,
  PlanRecord,
  PlanStats,
  SourceError,
  Tally,
  TagKeyAuditRecord,
  TagKeyChange,
  UnsettledAsset,
} from './types';
export type { ConcurrentChange, FailureGroup, ProgressEvent, RunDeps, RunObserver, RunReport, RunRequest, Unread } from './run-types';
