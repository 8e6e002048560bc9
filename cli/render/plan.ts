/**
 * A plan as people read it: the tag keys to create or extend, then one group per rule with its counts and
 * one line per change (`+ bind`, `= present`, `! conflict`), changes before what is already present, cut
 * to a few lines per rule so a plan of 100,000 bindings still fits a screen. It reads the plan a dry run
 * reports: every count, and per rule the first bindings in print order (the engine keeps no more than that,
 * so printing a million bindings' plan takes the memory of its first lines). `--json` streams every binding.
 */
import { printOrder, type PlannedBinding, type Plan, type SourceError, type Tally as RuleTally } from '../../shared/engine';
import { ASSET_KIND_NAMES } from '../../shared/dataworks';
import { SOURCE_NAMES, sourceInfo, type SourceName } from '../../shared/discovery';
import { plain, type Palette } from './colour';
import { count, counted, joinParts } from './format';

export interface PlanRenderOptions {
  /** binding lines shown per rule before "… and N more"; default 10 */
  linesPerRule?: number;
  /** colours (default none) */
  paint?: Palette;
}

export const DEFAULT_LINES_PER_RULE = 10;
/** the asset column is padded to its widest label up to this; a longer label pushes its tag right, uncut */
const ASSET_COLUMN_MAX = 64;
/** The order sources are shown in: those of one kind in the order of the kinds (tables, tasks), then those of every kind. */
const SHOWN_SOURCES = [...SOURCE_NAMES].sort((a, b) => kindRank(a) - kindRank(b));
function kindRank(name: SourceName): number {
  const { kinds } = sourceInfo(name);
  return kinds.length === 1 ? ASSET_KIND_NAMES.indexOf(kinds[0]) : ASSET_KIND_NAMES.length;
}
export interface Tally {
  bind: number;
  present: number;
  conflict: number;
  overwrite: number;
  skip: number;
}

export function tally(bindings: readonly PlannedBinding[]): Tally {
  const t: Tally = { bind: 0, present: 0, conflict: 0, overwrite: 0, skip: 0 };
  for (const b of bindings) {
    t[b.action]++;
    if (b.resolution) t[b.resolution]++;
  }
  return t;
}

/** A rule's (or the plan's) counts as the engine reports them. */
export function fromCounts(t: RuleTally): Tally {
  return { bind: t.bind, present: t.present, conflict: t.conflict, overwrite: t.overwrite, skip: t.conflict - t.overwrite };
}

/** `380 to bind · 10 present · 22 conflicts (12 overwrite, 10 skip)` */
function renderTally(t: Tally): string {
  const conflicts = t.conflict ? `${counted(t.conflict, 'conflict')} (${joinParts([t.overwrite > 0 && `${count(t.overwrite)} overwrite`, t.skip > 0 && `${count(t.skip)} skip`], ', ')})` : undefined;
  return joinParts([`${count(t.bind)} to bind`, `${count(t.present)} present`, conflicts]);
}

/** `tables 1,500 · tasks 1,500` */
export function renderSources(scanned: Partial<Record<SourceName, number>>): string {
  const parts = SHOWN_SOURCES.filter((s) => scanned[s] !== undefined).map((s) => `${sourceInfo(s).label} ${count(scanned[s]!)}`);
  return parts.length ? joinParts(parts) : 'no source read';
}

/** `3,000 assets (tables 1,500 · tasks 1,500)` */
export function renderScanned(scanned: Partial<Record<SourceName, number>>): string {
  const total = Object.values(scanned).reduce((a, b) => a + (b ?? 0), 0);
  return `${counted(total, 'asset')} (${renderSources(scanned)})`;
}

function assetLabel(b: PlannedBinding): string {
  return b.assetName === b.assetId ? b.assetId : `${b.assetName} (${b.assetId})`;
}

function bindingLine(b: PlannedBinding, assetWidth: number, paint: Palette): string {
  const asset = assetLabel(b).padEnd(assetWidth);
  switch (b.action) {
    case 'bind':
      return `  ${paint.good('+ bind')}      ${asset}  ${b.key}=${b.value}`;
    case 'present':
      return paint.dim(`  = present   ${asset}  ${b.key}=${b.value}`);
    case 'conflict':
      return `  ${paint.warn('! conflict')}  ${asset}  ${b.key}: ${b.currentValue} → ${b.value} (${b.resolution})`;
  }
}

/** `sample`: the rule's first bindings in print order (conflicts, binds, present), as the plan keeps them. */
function ruleGroup(ruleId: string, matched: number | undefined, counts: Tally, sample: PlannedBinding[], linesPerRule: number, paint: Palette): string[] {
  const matchedText = matched === undefined ? '' : ` — matched ${counted(matched, 'asset')}`;
  const total = counts.bind + counts.present + counts.conflict;
  const header = `${paint.bold(`Rule ${ruleId}`)}${matchedText}: ${total ? renderTally(counts) : 'nothing to do'}`;
  const shown = sample.slice(0, linesPerRule);
  const width = Math.min(ASSET_COLUMN_MAX, Math.max(0, ...shown.map((b) => assetLabel(b).length)));
  const lines = [header, ...shown.map((b) => bindingLine(b, width, paint))];
  const s = tally(shown);
  const hidden = { conflict: counts.conflict - s.conflict, bind: counts.bind - s.bind, present: counts.present - s.present };
  const left = total - shown.length;
  if (left > 0) {
    const what = joinParts([hidden.conflict > 0 && counted(hidden.conflict, 'conflict'), hidden.bind > 0 && `${count(hidden.bind)} to bind`, hidden.present > 0 && `${count(hidden.present)} present`], ', ');
    lines.push(`  … and ${count(left)} more (${what})`);
  }
  return lines;
}

/** Partitions discovery could not read: shown first, because the plan says nothing about their assets. */
export function sourceErrorLines(errors: readonly SourceError[], paint: Palette = plain): string[] {
  if (!errors.length) return [];
  return [
    paint.bad(`Could not read ${counted(errors.length, 'source')} (the rest was planned; a re-run tries again):`),
    ...errors.map((e) => `  ${paint.bad('✗')} ${e.partition}: ${e.message}`),
  ];
}

function tagKeyLines(plan: Plan): string[] {
  if (!plan.tagKeys.length) return [];
  return [
    'Tag keys',
    ...plan.tagKeys.map((k) =>
      k.action === 'create' ? `  + create  ${k.key}  values: ${k.values.join(', ') || '(any)'}` : `  ~ update  ${k.key}  add values: ${k.addedValues.join(', ')}`,
    ),
    '',
  ];
}

function noteLines(plan: Plan): string[] {
  const notes: string[] = [];
  const { stats } = plan;
  if (stats.overridden) notes.push(`${counted(stats.overridden, 'binding')} lost to a higher-priority rule on the same key (see --json: overridden).`);
  if (stats.unsettled) {
    const rules = [...new Set(plan.unsettled.flatMap((u) => u.ruleIds))].join(', ');
    notes.push(`${counted(stats.unsettled, 'asset')} never settled: the tag conditions of rules ${rules} feed each other in a cycle; nothing is bound on them.`);
  }
  if (stats.ownerUnreadable) notes.push(`${counted(stats.ownerUnreadable, 'asset')} had an owner that could not be read: owner conditions do not match them.`);
  if (stats.detailsSkipped) notes.push(`${counted(stats.detailsSkipped, 'asset')} already carried every tag their owner rules could set: their owner was not read.`);
  return notes.length ? ['Notes', ...notes.map((n) => `  - ${n}`), ''] : [];
}

export function renderPlan(plan: Plan, options: PlanRenderOptions = {}): string {
  const linesPerRule = options.linesPerRule ?? DEFAULT_LINES_PER_RULE;
  const paint = options.paint ?? plain;
  const { stats } = plan;
  const lines = [
    `Plan${plan.ruleSet ? ` for ${plan.ruleSet}` : ''}: scanned ${renderScanned(stats.assetsScanned)}, evaluated ${count(stats.assetsEvaluated)}`,
    '',
    ...(plan.sourceErrors.length ? [...sourceErrorLines(plan.sourceErrors, paint), ''] : []),
    ...tagKeyLines(plan),
  ];

  const sample = new Map<string, PlannedBinding[]>(Object.keys(stats.matchedPerRule).map((id) => [id, []]));
  for (const b of plan.bindings) sample.set(b.ruleId, [...(sample.get(b.ruleId) ?? []), b]);
  const none: RuleTally = { bind: 0, present: 0, conflict: 0, overwrite: 0 };
  for (const [ruleId, bindings] of sample) {
    lines.push(...ruleGroup(ruleId, stats.matchedPerRule[ruleId], fromCounts(stats.byRule[ruleId] ?? none), bindings.sort(printOrder), linesPerRule, paint), '');
  }

  lines.push(...noteLines(plan));
  const keys = plan.tagKeys.length ? ` and ${counted(plan.tagKeys.length, 'tag key change')}` : '';
  lines.push(`${paint.bold('Total:')} ${renderTally(fromCounts(stats))} → ${counted(stats.plannedWrites, 'binding')} to write${keys}`);
  return lines.join('\n');
}
