/** The engine: plan what a rule set implies for the catalog, then apply it. */
export { runRules, buildReport } from './run';
export { buildPlan, selectRules } from './plan';
export { applyPlan } from './apply';
export { auditToLog } from './apply-ledger';
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
export type {
  AuditRecord,
  BindingAction,
  BindingOutcome,
  BindingResult,
  OverriddenBinding,
  Plan,
  PlannedBinding,
  PlanStats,
  ProgressEvent,
  RunDeps,
  RunReport,
  RunRequest,
  SourceError,
  TagKeyChange,
} from './types';
