/**
 * The engine's data: the plan (what a run will bind, find present, or find in conflict), the run
 * request, and the run report. Plans and reports are plain JSON-able data so dry runs can print them,
 * HTTP can return them and tests can compare them.
 */
import type { ApiMetrics, AssetType, DataWorksApi, EnvType } from '../dataworks';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { RuleSet } from '../rules';
import type { AssetRef, ShardSpec, SourceName, TableDetailsCache } from '../discovery';

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

/** Everything a run will write and why: applying it needs nothing else (shared/engine/apply.ts). */
export interface Plan {
  runId: string;
  ruleSet?: string;
  /** what started the run, carried into every audit record */
  trigger: RunRequest['trigger'];
  createdAt: string;
  tagKeys: TagKeyChange[];
  bindings: PlannedBinding[];
  overridden: OverriddenBinding[];
  /** assets whose rules never settled (tag conditions feeding each other in a cycle) */
  unsettled: { assetId: string; ruleIds: string[] }[];
  /** partitions that could not be read (the rest of the plan stands; a re-run retries them) */
  sourceErrors: SourceError[];
  /** how many tags each asset with a pending write carries now (the 20-tags-per-asset limit) */
  tagCounts: Record<string, number>;
  stats: PlanStats;
}

export interface SourceError {
  source: SourceName;
  /** e.g. `tables sales_dw`, `tasks 10001 Prod` */
  partition: string;
  code: string;
  message: string;
}

export interface PlanStats {
  assetsScanned: Partial<Record<SourceName, number>>;
  assetsEvaluated: number;
  matchedPerRule: Record<string, number>;
  /** assets that reached an owner condition whose owner could not be read */
  ownerUnreadable: number;
  bind: number;
  present: number;
  conflict: number;
  /** writes the apply would make: bind + conflicts resolved by overwrite */
  plannedWrites: number;
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
}

export interface ProgressEvent {
  phase: 'discover' | 'plan' | 'apply' | 'done';
  scanned: Partial<Record<SourceName, number>>;
  applied: number;
  failed: number;
  totalToApply: number;
  throttled: number;
  retries: number;
}

export interface AuditRecord {
  runId: string;
  trigger: RunRequest['trigger'];
  assetId: string;
  assetName: string;
  key: string;
  oldValue: string | null;
  newValue: string | null;
  ruleId: string;
  time: string;
}

export interface RunDeps {
  api: DataWorksApi;
  clock: Clock;
  logger: Logger;
  /** epoch ms after which no new API call starts */
  deadline?: number;
  /** concurrent write calls during apply (the limiter still caps the rate) */
  writeConcurrency?: number;
  onProgress?: (p: ProgressEvent) => void;
  /** one record per applied change; default: an info line `tag changed` on `logger` */
  audit?: (record: AuditRecord) => void;
  /** API call counters, read into the report */
  metrics?: () => ApiMetrics;
  /** table details kept across runs (owners, workspaces): GetTable only for tables new or changed since */
  tableDetails?: TableDetailsCache;
}

export interface RunReport {
  runId: string;
  trigger: RunRequest['trigger'];
  ruleSet?: string;
  dryRun: boolean;
  startedAt: string;
  durationMs: number;
  /** 'ok' | some bindings failed or a source could not be read | a guard stopped the run | the deadline cut it short */
  status: 'ok' | 'partial' | 'blocked' | 'deadline';
  plan: PlanStats;
  tagKeys: TagKeyChange[];
  result: { applied: number; skipped: number; failed: number; notStarted: number };
  failures: { assetIds: string[]; keys: string[]; reason: string; code?: string }[];
  /** partitions discovery could not read */
  sourceErrors: SourceError[];
  conflicts: PlannedBinding[];
  api: ApiMetrics;
  /** present when a guard or the deadline stopped the run */
  stoppedBy?: { code: string; message: string };
  /** the full plan, for dry runs */
  planDetail?: Plan;
}
