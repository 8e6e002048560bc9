/**
 * Tag coverage: the share of scanned assets carrying each tag key and each value, overall and per workspace,
 * env and asset type, with what the sources never scanned counted apart (never in a share). Memory is bounded
 * by counters and limits, not by the catalog (1,000,000 assets is a few MB of counters, not a list of ids).
 *
 * Entry points (all inputs are plain data: nothing here knows the engine, so a run, the CLI and the scheduled
 * function can all feed it):
 *   const c = createCoverageCollector({ declaredKeys: ruleSet.tagKeys });
 *   c.add({ id, name, kind, projectId, envType, tags })    // once per evaluated asset, tags as after the run
 *   c.addUnscanned({ reason, partition, assets?, projectId?, envType?, kind?, message? })
 *   const report = c.report({ runId, generatedAt, ruleSet, ruleSetHash, trigger, dryRun });
 *   renderCoverageText(report) · renderCoverageJson(report) · renderCoverageHtml(report)
 *
 * Wiring, for whoever connects it: the engine's AssetView has every CoverageAsset field (its tags merged with
 * the bindings applied, or planned on a dry run); each of a plan's `sourceErrors` is an unscanned partition
 * with reason `partition-unreadable` (its `partition` and `message` as they are, `kind` from its source); a
 * workspace, env or MaxCompute project a rule names but no source reads is `source-not-configured`; a run cut
 * by its deadline reports the partitions it never started as `deadline`; `--projects`, `--rule` and shards as
 * `out-of-scope` when the caller wants them visible. Event runs evaluate a few assets: no coverage for them.
 *
 * The page is plain SVG written here, not a charting library bundled inline. Its charts are static (bars and
 * heatmaps of counts known when the page is written), so a library would add ~50–200 KB of script to run at
 * every opening, a dependency to keep, and a script the page's Content-Security-Policy would have to allow;
 * SVG written at render time needs no script at all, prints, stays readable as text (copy, search, screen
 * readers), gives hover tooltips through `<title>`, and lets a test count bars in the DOM.
 */
export { createCoverageCollector, DEFAULT_COVERAGE_LIMITS, type CoverageCollector, type CoverageOptions } from './collect';
export { DIMENSIONS, DIMENSION_NAMES, NOT_REPORTED, OTHERS, type DimensionName, type DimensionSpec } from './dimensions';
export { UNSCANNED_REASONS, UNSCANNED_REASON_NAMES, type UnscannedReason, type UnscannedReasonSpec } from './reasons';
export { formatCount, formatShare, formatUnscanned } from './format';
export { renderCoverageSummary, renderCoverageText, type CoverageTextOptions } from './text';
export { renderCoverageJson, type CoverageJsonOptions } from './json';
export { renderCoverageHtml, type CoverageHtmlOptions } from './html/page';
export {
  COVERAGE_FORMAT_VERSION,
  type CoverageAsset,
  type CoverageLimits,
  type CoverageReport,
  type CoverageRun,
  type DeclaredKey,
  type KeyCoverage,
  type SliceCoverage,
  type UnscannedCount,
  type UnscannedInput,
  type UnscannedPartition,
  type UnscannedReasonCount,
  type ValueCoverage,
} from './types';
