/**
 * The coverage page: one self-contained HTML file (inline style and SVG, no script, no font, no image to fetch)
 * that opens from disk with no network. Its Content-Security-Policy forbids every fetch and every script, so
 * even a tag value that smuggled markup past the escaping could neither run nor call out.
 *
 * What a governance reader finds, top to bottom: the run (id, time, rule set, trigger, dry run or not), four
 * figures (scanned, tagged, the least covered declared key, not scanned), the share of assets carrying each key
 * split by value, one heatmap per workspace / env / asset type, a chart of each key's values, and what was
 * never scanned, by reason and partition, apart from every share.
 */
import { DIMENSIONS, DIMENSION_NAMES } from '../dimensions';
import { formatCount, formatShare, formatUnscanned } from '../format';
import type { CoverageReport } from '../types';
import { heatmap } from './heatmap';
import { keyChart } from './key-chart';
import { el, text } from './markup';
import { STYLE } from './style';
import { unscannedSection } from './unscanned-section';
import { valueChart } from './value-chart';

export interface CoverageHtmlOptions {
  /** rows per heatmap (default 100; the JSON holds them all) */
  rows?: number;
  /** values per key chart before "other values" (default 15) */
  values?: number;
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

function runDetails(r: CoverageReport): string {
  const { run } = r;
  const item = (term: string, value: string | undefined) => (value ? el('dt', {}, term) + el('dd', { 'data-field': term }, text(value)) : '');
  return el(
    'dl',
    { class: 'run' },
    item('Run', run.runId),
    item('Counted at', run.generatedAt),
    item('Rule set', run.ruleSet),
    item('Rule set hash', run.ruleSetHash),
    item('Trigger', run.trigger),
    item('Tags', run.dryRun ? 'as the plan would leave them (dry run: nothing was written)' : 'as they are after the run'),
  );
}

function card(id: string, label: string, figure: string, detail: string, warn = false): string {
  return el(
    'div',
    { class: warn ? 'card warn' : 'card', id },
    el('span', { class: 'label' }, text(label)),
    el('span', { class: 'figure' }, text(figure)),
    el('span', { class: 'detail' }, text(detail)),
  );
}

function cards(r: CoverageReport): string {
  const o = r.overall;
  const declared = o.keys.filter((k) => k.declared);
  const weakest = [...declared].sort((a, b) => a.share - b.share)[0];
  const u = r.unscanned;
  return el(
    'section',
    { class: 'cards' },
    card('scanned', 'Scanned assets', formatCount(o.assets), `${formatCount(o.keys.length)} tag keys seen or declared`),
    card('tagged', 'Carry at least one tag', formatShare(o.taggedShare), `${formatCount(o.tagged)} of ${formatCount(o.assets)}`),
    weakest
      ? card('weakest', `Least covered declared key: ${weakest.key}`, formatShare(weakest.share), `${formatCount(weakest.assets)} of ${formatCount(o.assets)}`)
      : card('weakest', 'Declared keys', 'none', 'the rule set declares no tag key'),
    card('unscanned', 'Not scanned (in no share)', formatCount(u.assets), u.uncountedPartitions ? `+ ${formatUnscanned({ assets: 0, uncountedPartitions: u.uncountedPartitions })}` : 'assets in partitions not read', u.byReason.length > 0),
  );
}

function breakdown(r: CoverageReport, rows: number): string {
  const parts = DIMENSION_NAMES.filter((d) => r.dimensions[d].length > 0).map((d) => {
    const slices = r.dimensions[d];
    const more = slices.length > rows ? el('p', { class: 'note' }, `Showing the ${formatCount(rows)} largest of ${formatCount(slices.length)}; the JSON report holds them all.`) : '';
    return el('h3', {}, text(`By ${DIMENSIONS[d].title.toLowerCase()}`)) + el('div', { class: 'scroll' }, heatmap(d, slices, rows)) + more;
  });
  return el(
    'section',
    { id: 'breakdown' },
    el('h2', {}, 'By workspace, environment and asset type'),
    el('p', { class: 'legend' }, 'Each cell: the share of that row’s scanned assets carrying the key (darker is more). Unscanned assets are counted in the last column, never in a cell.'),
    ...parts,
  );
}

function values(r: CoverageReport, max: number): string {
  const o = r.overall;
  const figures = o.keys.map((k) =>
    el(
      'figure',
      {},
      el(
        'figcaption',
        {},
        el('span', { class: 'key' }, text(k.key)),
        text(` · ${k.declared ? 'declared · ' : ''}${formatShare(k.share)} carry it · ${formatCount(o.assets - k.assets)} lack it`),
      ),
      valueChart(k, o.assets, max),
    ),
  );
  return el('section', { id: 'values' }, el('h2', {}, 'Values of each key'), el('p', { class: 'legend' }, 'Shares of all scanned assets; values in bold are declared by the rule set.'), el('div', { class: 'values-grid' }, ...figures));
}

function limitNotes(r: CoverageReport): string {
  const l = r.limits;
  const notes = [
    l.reached.keys && `Only ${formatCount(l.maxKeys)} keys are counted one by one; ${formatCount(l.assetsWithOtherKeys)} assets carry other keys too.`,
    l.reached.values && `Keys with many values: past ${formatCount(l.maxValuesPerKey)} values per key (or the page-wide counter budget), values are counted together as “other values”.`,
    l.reached.workspaces && `Workspaces past the first ${formatCount(l.maxWorkspaces)} are counted together as “other workspaces”.`,
  ].filter((n): n is string => typeof n === 'string');
  return notes.map((n) => el('p', { class: 'note limit' }, text(n))).join('');
}

export function renderCoverageHtml(r: CoverageReport, options: CoverageHtmlOptions = {}): string {
  const title = `Tag coverage${r.run.ruleSet ? ` · ${r.run.ruleSet}` : ''} · ${r.run.runId}`;
  const o = r.overall;
  const head =
    el('meta', { charset: 'utf-8' }) +
    el('meta', { 'http-equiv': 'Content-Security-Policy', content: CSP }) +
    el('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }) +
    el('meta', { name: 'generator', content: `autotag coverage, formatVersion ${r.formatVersion}` }) +
    el('title', {}, text(title)) +
    el('style', {}, STYLE);
  const body = [
    el('header', {}, el('h1', {}, 'Tag coverage'), r.run.dryRun ? el('span', { class: 'badge' }, 'dry run') : '', runDetails(r)),
    cards(r),
    el(
      'section',
      { id: 'keys' },
      el('h2', {}, 'Share of scanned assets carrying each key'),
      el('p', { class: 'legend' }, `Of ${text(formatCount(o.assets))} scanned assets. Each bar is split into the key’s largest values (colours by rank, hover for names) and its other values (grey). Keys in bold are declared by the rule set.`),
      o.keys.length ? el('div', { class: 'scroll' }, keyChart(o)) : el('p', { class: 'note' }, 'No asset carries a tag and the rule set declares no key.'),
      limitNotes(r),
    ),
    breakdown(r, options.rows ?? 100),
    o.keys.length ? values(r, options.values ?? 15) : '',
    unscannedSection(r),
    el('footer', {}, text(`autotag coverage report, formatVersion ${r.formatVersion}. Shares count scanned assets only; a re-run counts again.`)),
  ];
  return `<!doctype html>\n<html lang="en">${el('head', {}, head)}${el('body', {}, ...body)}</html>\n`;
}
