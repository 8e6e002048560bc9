/**
 * The engine's data: planned bindings and the plan records a run streams (what it will bind, find present, or
 * find in conflict), the plan a dry run shows, binding outcomes and audit records. All plain JSON-able data, so
 * dry runs can print them, HTTP can return them, a file can hold them and tests can compare them. What a run is
 * asked and what it reports are in run-types.ts.
 */
import type { AssetType, EnvType } from '../dataworks';
import type { SourceName } from '../discovery';
import type { AssetExplanation } from './explain';

export type BindingAction = 'bind' | 'present' | 'conflict';

export interface PlannedBinding {
  assetId: string;
  assetName: string;
  assetType: AssetType;
  projectId?: number;
  envType?: EnvType;
  key: string;
  value: string;
  action: BindingAction;
  /** for conflicts: the value bound now */
  currentValue?: string;
  /** for conflicts: what the rule's onConflict decided */
  resolution?: 'skip' | 'overwrite';
  ruleId: string;
}

export interface TagKeyChange {
  key: string;
  action: 'create' | 'update';
  /** for update: the full union sent as Values */
  values: string[];
  addedValues: string[];
  /** for create: the key's description, as the rule set declares it */
  description?: string;
}

/** A rule whose binding lost to a higher-priority rule on one asset. */
export interface OverriddenBinding {
  assetId: string;
  key: string;
  value: string;
  ruleId: string;
  winningRuleId: string;
}

/** An asset whose rules never settled (tag conditions feeding each other in a cycle): nothing is bound on it. */
export interface UnsettledAsset {
  assetId: string;
  ruleIds: string[];
}

export interface SourceError {
  source: SourceName;
  /** e.g. `tables sales_dw`, `tasks 10001 Prod` */
  partition: string;
  code: string;
  message: string;
}

/** One rule's bindings by what the plan found. */
export interface Tally {
  bind: number;
  present: number;
  conflict: number;
  /** of the conflicts, those the rule overwrites */
  overwrite: number;
}

export interface PlanStats {
  assetsScanned: Partial<Record<SourceName, number>>;
  assetsEvaluated: number;
  matchedPerRule: Record<string, number>;
  /** assets that reached an owner condition whose owner could not be read */
  ownerUnreadable: number;
  /** assets whose owner (or workspace) was not read: no answer could have changed what the run writes */
  detailsSkipped: number;
  bind: number;
  present: number;
  conflict: number;
  /** conflicts resolved by overwrite */
  overwrite: number;
  /** writes the apply would make: bind + conflicts resolved by overwrite */
  plannedWrites: number;
  /** each rule's bindings by action (the text plan's per-rule counts) */
  byRule: Record<string, Tally>;
  overridden: number;
  unsettled: number;
}

/** What a plan is a plan of: the first record of a plan stream (a saved plan's first line). */
export interface PlanHeader {
  formatVersion: 1;
  runId: string;
  ruleSet?: string;
  /** the rule set's content hash: a saved plan is refused by a rule set that changed since */
  ruleSetHash: string;
  trigger: string;
  createdAt: string;
  dryRun: boolean;
  /**
   * the API the plan read (`https://host`, `http://127.0.0.1:port`), when the caller knows it (the CLI): a saved
   * plan is applied only there
   */
  endpoint?: string;
}

/** An asset a plan was asked to explain (`plan --explain`), as the plan evaluated it, or that the plan never saw it. */
export type PlanExplanation = { input: string } & ({ outcome: 'explained'; explanation: AssetExplanation } | { outcome: 'not-in-plan' });

/**
 * The plan as a run streams it, record by record (deps.observer.plan): the header first, then each binding,
 * overridden binding, unsettled asset and unreadable partition as its page is evaluated (with the explanation
 * of each asset the request names to explain), and the tag-key changes when they are known. As JSON lines it
 * is what `plan --json` prints and what a saved plan holds.
 */
export type PlanRecord =
  | ({ kind: 'plan' } & PlanHeader)
  | ({ kind: 'binding' } & PlannedBinding)
  | ({ kind: 'tag-key' } & TagKeyChange)
  | ({ kind: 'overridden' } & OverriddenBinding)
  | ({ kind: 'unsettled' } & UnsettledAsset)
  | ({ kind: 'source-error' } & SourceError)
  | ({ kind: 'explanation' } & PlanExplanation);

/**
 * The plan a dry run shows: every count (`stats`), and per rule a bounded sample of its bindings in the order
 * the text plan prints them (conflicts, binds, then what is present; by asset name), so a plan of a million
 * bindings still fits in memory and in an HTTP answer. `omitted` says how many bindings the sample left out.
 */
export interface Plan {
  runId: string;
  ruleSet?: string;
  /** what started the run, carried into every audit record */
  trigger: string;
  createdAt: string;
  tagKeys: TagKeyChange[];
  /** per rule, the first bindings in print order (all of them when `omitted` is 0), sorted by rule */
  bindings: PlannedBinding[];
  /** the first overridden bindings (stats.overridden counts them all) */
  overridden: OverriddenBinding[];
  /** the first unsettled assets (stats.unsettled counts them all) */
  unsettled: UnsettledAsset[];
  /** partitions that could not be read (the rest of the plan stands; a re-run retries them) */
  sourceErrors: SourceError[];
  stats: PlanStats;
  /** bindings not in `bindings` */
  omitted: number;
}

export type BindingOutcome = 'applied' | 'skipped' | 'failed';

export interface BindingResult {
  assetId: string;
  key: string;
  value: string;
  ruleId: string;
  outcome: BindingOutcome;
  reason?: string;
  /** for failures: the service's error code (e.g. InvalidParameter.Tag.Conflict) or autotag's own */
  code?: string;
}

/**
 * What started a run, as its trigger names it, carried into every audit record: the FC request id of the
 * invocation (every function run), the timer trigger's name (scheduled runs), the EventBridge event ids (event runs).
 */
export interface RunCause {
  requestId?: string;
  triggerName?: string;
  /** the ids of the delivered events that named the run's assets (the first 100 of a large delivery) */
  eventIds?: string[];
}

/** Who and what every audit record names. */
interface AuditBase extends RunCause {
  runId: string;
  trigger: string;
  /** the rule set's content hash (its version) */
  ruleSetHash: string;
  /** the RAM identity the run acts as (an ARN, from STS GetCallerIdentity), when it could be read */
  actor?: string;
  time: string;
}

/** One applied change of a binding: asset, key, old → new value (null: none), and the rule that made it. */
export interface BindingAuditRecord extends AuditBase {
  kind: 'binding';
  assetId: string;
  assetName: string;
  key: string;
  oldValue: string | null;
  newValue: string | null;
  ruleId: string;
}

/**
 * An overwrite about to start (old → new), recorded before the old value is unbound: an overwrite is two calls
 * (UnTag, then Tag), and a run killed between them must still leave the old value in the audit trail. Its
 * `binding` record follows once the Tag is answered; an intent with no binding record of the same run, asset
 * and key is a change the run did not finish (the asset holds the old value, or the key unbound).
 */
export interface IntentAuditRecord extends AuditBase {
  kind: 'intent';
  assetId: string;
  assetName: string;
  key: string;
  oldValue: string;
  newValue: string;
  ruleId: string;
}

/** A tag key created, or extended with values, by a run (a key is never deleted, a value never dropped). */
export interface TagKeyAuditRecord extends AuditBase {
  kind: 'tag-key';
  key: string;
  action: 'create' | 'extend';
  /** the values this run added */
  addedValues: string[];
  /** the key's values after the change */
  values: string[];
  /** values a concurrent writer's update had dropped, put back by this run */
  restored?: string[];
}

export type AuditRecord = IntentAuditRecord | BindingAuditRecord | TagKeyAuditRecord;
