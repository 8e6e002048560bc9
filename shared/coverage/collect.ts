/**
 * Collecting coverage from a stream: each evaluated asset is counted once into the overall slice and into one
 * slice of every dimension; unscanned partitions are counted apart, in the same slices. Nothing per asset is
 * kept (a catalog reaches 1,000,000 assets): memory is bounded by the limits, whatever the catalog's size.
 *
 * Options, run information and unscanned partitions are checked with zod; assets are not, one by one: they are
 * the engine's own typed data, and a parse per asset would cost seconds on a large catalog.
 */
import { z } from 'zod';
import { ASSET_KIND_NAMES, ENV_TYPES } from '../dataworks';
import { InvalidInputError, toInputIssues } from '../errors';
import { SliceCounter, type ValueBudget } from './counters';
import { DIMENSIONS, DIMENSION_NAMES, NOT_REPORTED, OTHERS, type DimensionName, type Placed } from './dimensions';
import { UNSCANNED_REASONS, UNSCANNED_REASON_NAMES, type UnscannedReason } from './reasons';
import {
  COVERAGE_FORMAT_VERSION,
  type CoverageAsset,
  type CoverageLimits,
  type CoverageReport,
  type CoverageRun,
  type DeclaredKey,
  type SliceCoverage,
  type UnscannedInput,
  type UnscannedPartition,
} from './types';

export const DEFAULT_COVERAGE_LIMITS: CoverageLimits = {
  maxKeys: 100,
  maxValuesPerKey: 100,
  maxWorkspaces: 500,
  maxValueCounters: 100_000,
  maxPartitionsListed: 200,
};
/** examples of assets lacking a declared key, kept per key */
const MISSING_EXAMPLES = 3;

const limitsSchema = z.strictObject({
  maxKeys: z.number().int().min(1).max(10_000),
  maxValuesPerKey: z.number().int().min(1).max(100_000),
  maxWorkspaces: z.number().int().min(1).max(100_000),
  maxValueCounters: z.number().int().min(1).max(10_000_000),
  maxPartitionsListed: z.number().int().min(0).max(100_000),
});

const optionsSchema = z.strictObject({
  declaredKeys: z.array(z.object({ key: z.string().min(1), values: z.array(z.string()).optional() })).default([]),
  limits: limitsSchema.partial().default({}),
});

const runSchema = z.strictObject({
  runId: z.string().min(1),
  generatedAt: z.iso.datetime({ offset: true }),
  ruleSet: z.string().optional(),
  ruleSetHash: z.string().optional(),
  trigger: z.string().optional(),
  dryRun: z.boolean(),
});

const unscannedSchema = z.strictObject({
  reason: z.enum(UNSCANNED_REASON_NAMES),
  partition: z.string().min(1),
  assets: z.number().int().min(0).optional(),
  projectId: z.number().int().optional(),
  envType: z.enum(ENV_TYPES).optional(),
  kind: z.enum(ASSET_KIND_NAMES as [string, ...string[]]).optional(),
  message: z.string().optional(),
});

export interface CoverageOptions {
  /** the rule set's tag keys (a TagKeySpec list fits): reported first, even at 0 */
  declaredKeys?: readonly DeclaredKey[];
  limits?: Partial<CoverageLimits>;
}

export interface CoverageCollector {
  /** one evaluated asset, once per run */
  add(asset: CoverageAsset): void;
  /** a partition the sources did not read */
  addUnscanned(partition: UnscannedInput): void;
  /** the report so far (the collector may go on counting) */
  report(run: CoverageRun): CoverageReport;
}

function parse<T>(schema: z.ZodType<T>, value: unknown, subject: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error), subject);
  return parsed.data;
}

export function createCoverageCollector(options: CoverageOptions = {}): CoverageCollector {
  const { declaredKeys, limits: given } = parse(optionsSchema, options, 'coverage options');
  const limits: CoverageLimits = { ...DEFAULT_COVERAGE_LIMITS, ...given };
  const declared = new Map(declaredKeys.map((k) => [k.key, new Set(k.values ?? [])]));
  const budget: ValueBudget = { left: limits.maxValueCounters, perKey: limits.maxValuesPerKey, reached: false };
  const newSlice = () => new SliceCounter(budget, declared);

  /** keys counted one by one: declared first, then others in the order first seen, up to maxKeys */
  const keys = [...declared.keys()];
  const counted = new Set(keys);
  let assetsWithOtherKeys = 0;
  const overall = newSlice();
  const slices = Object.fromEntries(DIMENSION_NAMES.map((d) => [d, new Map<string, SliceCounter>()])) as Record<DimensionName, Map<string, SliceCounter>>;
  let workspacesReached = false;
  const missing = new Map<string, { id: string; name: string }[]>([...declared.keys()].map((k) => [k, []]));
  const partitions: UnscannedPartition[] = [];
  let partitionsNotListed = 0;
  const byReason = new Map<UnscannedReason, { partitions: number; assets: number; uncountedPartitions: number }>();

  const sliceOf = (dimension: DimensionName, x: Placed): SliceCounter => {
    const map = slices[dimension];
    let value = DIMENSIONS[dimension].valueOf(x) ?? NOT_REPORTED;
    if (!map.has(value) && dimension === 'workspace' && value !== NOT_REPORTED && map.size >= limits.maxWorkspaces) {
      value = OTHERS;
      workspacesReached = true;
    }
    let slice = map.get(value);
    if (!slice) map.set(value, (slice = newSlice()));
    return slice;
  };

  const countedKeysOf = (asset: CoverageAsset): string[] => {
    const out: string[] = [];
    let other = false;
    for (const key of Object.keys(asset.tags)) {
      if (!counted.has(key) && keys.length < limits.maxKeys) {
        counted.add(key);
        keys.push(key);
      }
      if (counted.has(key)) out.push(key);
      else other = true;
    }
    if (other) assetsWithOtherKeys++;
    return out;
  };

  return {
    add(asset) {
      const assetKeys = countedKeysOf(asset);
      overall.add(asset, assetKeys);
      for (const d of DIMENSION_NAMES) sliceOf(d, asset).add(asset, assetKeys);
      for (const [key, examples] of missing) {
        if (examples.length < MISSING_EXAMPLES && !(key in asset.tags)) examples.push({ id: asset.id, name: asset.name });
      }
    },
    addUnscanned(input) {
      const p = parse(unscannedSchema, input, 'unscanned partition') as UnscannedInput;
      overall.addUnscanned(p.assets);
      for (const d of DIMENSION_NAMES) sliceOf(d, p).addUnscanned(p.assets);
      const r = byReason.get(p.reason) ?? { partitions: 0, assets: 0, uncountedPartitions: 0 };
      r.partitions++;
      if (p.assets === undefined) r.uncountedPartitions++;
      else r.assets += p.assets;
      byReason.set(p.reason, r);
      if (partitions.length < limits.maxPartitionsListed) partitions.push({ ...p, assets: p.assets ?? null });
      else partitionsNotListed++;
    },
    report(run) {
      const checkedRun = parse(runSchema, run, 'coverage run');
      const coverageOf = (dimension: DimensionName, value: string, slice: SliceCounter) =>
        slice.toCoverage(value, DIMENSIONS[dimension].label(value), keys);
      const all = overall.toCoverage('*', 'all scanned assets', keys);
      for (const k of all.keys) if (missing.has(k.key)) k.missingExamples = [...missing.get(k.key)!];
      const dimensions = Object.fromEntries(
        DIMENSION_NAMES.map((d) => [d, [...slices[d]].map(([v, s]) => coverageOf(d, v, s)).sort(DIMENSIONS[d].compare)]),
      ) as Record<DimensionName, SliceCoverage[]>;
      return {
        formatVersion: COVERAGE_FORMAT_VERSION,
        report: 'coverage',
        run: checkedRun,
        overall: all,
        dimensions,
        unscanned: {
          ...all.unscanned,
          byReason: UNSCANNED_REASON_NAMES.filter((r) => byReason.has(r)).map((r) => ({ reason: r, label: UNSCANNED_REASONS[r].label, ...byReason.get(r)! })),
          partitions: partitions.map((p) => ({ ...p })),
          partitionsNotListed,
        },
        limits: {
          ...limits,
          reached: { keys: assetsWithOtherKeys > 0, values: budget.reached, workspaces: workspacesReached },
          assetsWithOtherKeys,
        },
      };
    },
  };
}
