/**
 * Coverage's data: what goes in (evaluated assets, the partitions the sources never scanned, the run it
 * describes) and the report that comes out, which is also the JSON format (`formatVersion` 1). Every number in
 * the report is a count of assets; a share is always a count over the scanned assets of the same slice, and
 * unscanned assets are never part of one.
 */
import type { AssetKind, EnvType } from '../dataworks';
import type { UnscannedReason } from './reasons';
import type { DimensionName } from './dimensions';

export const COVERAGE_FORMAT_VERSION = 1;

/** One evaluated asset with the tags it carries after the run (a dry run: the tags its plan would leave). */
export interface CoverageAsset {
  id: string;
  name: string;
  kind: AssetKind;
  /** DataWorks workspace; tables listed by ListTables report none */
  projectId?: number;
  envType?: EnvType;
  /** key -> value */
  tags: Readonly<Record<string, string>>;
}

/** A part of the catalog the sources never read, and why. */
export interface UnscannedInput {
  reason: UnscannedReason;
  /** what was not read, as a person names it: `tables sales_dw`, `tasks 10001 Prod` */
  partition: string;
  /** how many assets it holds, when something counted them; absent when nobody could */
  assets?: number;
  projectId?: number;
  envType?: EnvType;
  kind?: AssetKind;
  /** what went wrong (a source error's message) */
  message?: string;
}

/** A key the rule set declares: always reported, even when no asset carries it; its declared values likewise. */
export interface DeclaredKey {
  key: string;
  values?: readonly string[];
}

/** The run a report describes, shown at the top of every rendering. */
export interface CoverageRun {
  runId: string;
  /** ISO time the counts were taken */
  generatedAt: string;
  ruleSet?: string;
  /** the rule set's content hash, when the caller has one */
  ruleSetHash?: string;
  trigger?: string;
  /** true: the tags are those the plan would leave, nothing was written */
  dryRun: boolean;
}

export interface ValueCoverage {
  value: string;
  assets: number;
  /** assets / the slice's scanned assets */
  share: number;
  declared: boolean;
}

export interface KeyCoverage {
  key: string;
  declared: boolean;
  /** scanned assets of the slice carrying the key, any value */
  assets: number;
  share: number;
  /** values counted one by one, most assets first */
  values: ValueCoverage[];
  /** assets carrying a value past the value limit (counted together, not one by one) */
  otherValues: number;
  /** overall slice, declared keys: a few scanned assets that lack the key */
  missingExamples?: { id: string; name: string }[];
}

export interface SliceCoverage {
  /** `*` for all assets, else the workspace id, env or kind; `-` when the assets did not report it */
  value: string;
  label: string;
  /** scanned assets */
  assets: number;
  /** scanned assets with at least one tag */
  tagged: number;
  taggedShare: number;
  keys: KeyCoverage[];
  /** what the sources never read in this slice, apart from `assets` */
  unscanned: UnscannedCount;
}

export interface UnscannedCount {
  /** assets in partitions whose size is known */
  assets: number;
  /** partitions whose size nobody could count */
  uncountedPartitions: number;
}

export interface UnscannedPartition {
  reason: UnscannedReason;
  partition: string;
  /** null: not counted */
  assets: number | null;
  projectId?: number;
  envType?: EnvType;
  kind?: AssetKind;
  message?: string;
}

export interface UnscannedReasonCount extends UnscannedCount {
  reason: UnscannedReason;
  label: string;
  partitions: number;
}

export interface CoverageLimits {
  maxKeys: number;
  maxValuesPerKey: number;
  maxWorkspaces: number;
  maxValueCounters: number;
  maxPartitionsListed: number;
}

export interface CoverageReport {
  formatVersion: typeof COVERAGE_FORMAT_VERSION;
  report: 'coverage';
  run: CoverageRun;
  overall: SliceCoverage;
  /** one slice per workspace, env and asset type; workspaces past the limit are one `…` slice */
  dimensions: Record<DimensionName, SliceCoverage[]>;
  unscanned: UnscannedCount & {
    byReason: UnscannedReasonCount[];
    /** the first partitions, in the order they were reported */
    partitions: UnscannedPartition[];
    partitionsNotListed: number;
  };
  limits: CoverageLimits & {
    /** which limit cut something short: the counts of what it cut are still in `otherValues` and `…` slices */
    reached: { keys: boolean; values: boolean; workspaces: boolean };
    /** assets carrying a key past `maxKeys` (those keys are not reported one by one) */
    assetsWithOtherKeys: number;
  };
}
