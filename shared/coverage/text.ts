/**
 * Coverage for a terminal: the run line, the share of assets carrying each key (with a bar), the top values of
 * each key, one table per dimension (a row per workspace, env or type, a column per key), then what was never
 * scanned, apart. Plain text, no colour: the caller decides about colour and paging. The summary is the few
 * lines a run prints after its report: the rule set's keys and what was not scanned.
 */
import { DIMENSIONS, DIMENSION_NAMES } from './dimensions';
import { formatCount, formatShare, formatUnscanned } from './format';
import { UNSCANNED_REASONS } from './reasons';
import type { CoverageReport, KeyCoverage } from './types';

export interface CoverageTextOptions {
  /** values listed per key before "… N more" (default 5) */
  values?: number;
  /** rows per dimension table before "… N more" (default 20) */
  rows?: number;
}

const BAR = 24;
const bar = (share: number) => {
  const full = Math.round(share * BAR);
  return '█'.repeat(full) + '░'.repeat(BAR - full);
};

/** Columns padded to their widest cell; `right` columns are right-aligned (numbers). */
function table(header: string[], rows: string[][], right: (i: number) => boolean): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (right(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

const keyName = (k: KeyCoverage) => (k.declared ? `${k.key}*` : k.key);

function runLine(r: CoverageReport): string {
  const { run } = r;
  const parts = [run.ruleSet && `rule set ${run.ruleSet}`, `run ${run.runId}`, run.generatedAt, run.trigger, run.dryRun && 'dry run: tags as the plan would leave them'];
  return `Tag coverage · ${parts.filter(Boolean).join(' · ')}`;
}

function keyLines(r: CoverageReport): string[] {
  const { overall } = r;
  if (overall.keys.length === 0) return ['No tag keys: no asset carries a tag and the rule set declares none.'];
  const rows = overall.keys.map((k) => [keyName(k), formatCount(k.assets), formatShare(k.share), bar(k.share)]);
  const lines = table(['Key', 'Assets', 'Share', ''], rows, (i) => i === 1 || i === 2);
  if (overall.keys.some((k) => k.declared)) lines.push('  * declared in the rule set');
  return lines;
}

function valueLines(r: CoverageReport, shown: number): string[] {
  const lines = ['Values (share of all scanned assets)'];
  for (const k of r.overall.keys) {
    const values = k.values.slice(0, shown).map((v) => `${v.value} ${formatCount(v.assets)} (${formatShare(v.share)})`);
    if (k.values.length > shown) values.push(`… ${formatCount(k.values.length - shown)} more`);
    if (k.otherValues > 0) values.push(`other values ${formatCount(k.otherValues)}`);
    lines.push(`  ${k.key}: ${values.join(' · ') || 'no asset carries it'}`);
    if (k.missingExamples?.length) lines.push(`    lacking it, e.g. ${k.missingExamples.map((e) => e.name).join(', ')}`);
  }
  return lines;
}

function dimensionLines(r: CoverageReport, maxRows: number): string[] {
  const lines: string[] = [];
  for (const d of DIMENSION_NAMES) {
    const slices = r.dimensions[d];
    if (slices.length === 0) continue;
    const keys = r.overall.keys;
    const rows = slices
      .slice(0, maxRows)
      .map((s) => [s.label, formatCount(s.assets), ...s.keys.map((k) => (s.assets === 0 ? '-' : formatShare(k.share))), formatUnscanned(s.unscanned)]);
    lines.push('', `By ${DIMENSIONS[d].title.toLowerCase()}`);
    lines.push(...table([DIMENSIONS[d].title, 'Assets', ...keys.map(keyName), 'Not scanned'], rows, (i) => i > 0 && i <= keys.length + 1));
    if (slices.length > maxRows) lines.push(`… ${formatCount(slices.length - maxRows)} more (see --format json or the page)`);
  }
  return lines;
}

function unscannedLines(r: CoverageReport): string[] {
  const u = r.unscanned;
  if (u.byReason.length === 0) return ['Not scanned: nothing; every configured source was read.'];
  const lines = [`Not scanned (counted apart, in no share above): ${formatUnscanned(u)}`];
  const rows = u.byReason.map((b) => [b.label, formatCount(b.partitions), formatUnscanned(b), UNSCANNED_REASONS[b.reason].advice]);
  lines.push(...table(['Reason', 'Partitions', 'Assets', 'What to do'], rows, (i) => i === 1).map((l) => `  ${l}`));
  for (const p of u.partitions) lines.push(`  - ${p.partition}: ${UNSCANNED_REASONS[p.reason].label}${p.assets === null ? '' : `, ${formatCount(p.assets)} assets`}${p.message ? ` (${p.message})` : ''}`);
  if (u.partitionsNotListed > 0) lines.push(`  … ${formatCount(u.partitionsNotListed)} more partitions`);
  return lines;
}

function limitLines(r: CoverageReport): string[] {
  const { reached } = r.limits;
  const lines: string[] = [];
  if (reached.keys) lines.push(`Only the first ${formatCount(r.limits.maxKeys)} keys are counted one by one; ${formatCount(r.limits.assetsWithOtherKeys)} assets carry others.`);
  if (reached.values) lines.push(`Some keys have more values than are counted one by one (${formatCount(r.limits.maxValuesPerKey)} per key): the rest are "other values".`);
  if (reached.workspaces) lines.push(`Workspaces past the first ${formatCount(r.limits.maxWorkspaces)} are counted together as "other workspaces".`);
  return lines;
}

export function renderCoverageText(r: CoverageReport, options: CoverageTextOptions = {}): string {
  const { overall } = r;
  const summary =
    `Scanned ${formatCount(overall.assets)} assets; ${formatCount(overall.tagged)} (${formatShare(overall.taggedShare)}) carry at least one tag. ` +
    `Not scanned, counted apart: ${formatUnscanned(r.unscanned)}.`;
  const sections = [
    [runLine(r), summary],
    keyLines(r),
    valueLines(r, options.values ?? 5),
    dimensionLines(r, options.rows ?? 20).slice(1),
    unscannedLines(r),
    limitLines(r),
  ];
  return `${sections.filter((s) => s.length > 0).map((s) => s.join('\n')).join('\n\n')}\n`;
}

/** After a run's report: the share of evaluated assets carrying each key the rule set declares, and what was not scanned. */
export function renderCoverageSummary(r: CoverageReport): string[] {
  const { overall } = r;
  const declared = overall.keys.filter((k) => k.declared);
  const tags = r.run.dryRun ? 'tags as the plan would leave them' : 'tags after the run';
  const head = `Coverage of the ${formatCount(overall.assets)} assets evaluated (${tags}):`;
  const rows = declared.map((k) => [`  ${k.key}`, formatCount(k.assets), formatShare(k.share), bar(k.share)]);
  const keys = rows.length ? table(['  Key', 'Assets', 'Share', ''], rows, (i) => i === 1 || i === 2) : ['  the rule set declares no tag key'];
  return [head, ...keys, `  Not scanned, counted apart: ${formatUnscanned(r.unscanned)}.`];
}
