/**
 * One heatmap per dimension: a row per workspace, env or asset type (most assets first), a column per key, each
 * cell the share of that row's scanned assets carrying the key, darker for more. The row's unscanned assets
 * stand in their own column, as a count, never as a colour: they are in no share.
 */
import { DIMENSIONS, type DimensionName } from '../dimensions';
import { formatCount, formatShare, formatUnscanned } from '../format';
import type { SliceCoverage } from '../types';
import { clip, el, text, tooltip } from './markup';
import { needsLightText, shareColour } from './scale';

const LABEL = 170;
const ASSETS = 70;
const COL = 84;
const ROW = 26;
const HEAD = 34;
const UNSCANNED = 220;
const KEY_CHARS = 12;

function header(keys: readonly string[], title: string): string {
  const x0 = LABEL + ASSETS;
  return el(
    'g',
    { class: 'head' },
    el('text', { x: 0, y: HEAD / 2, 'dominant-baseline': 'middle' }, text(title)),
    el('text', { x: LABEL + ASSETS - 8, y: HEAD / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, 'Assets'),
    ...keys.map((k, i) =>
      el('g', {}, tooltip(k), el('text', { class: 'col', x: x0 + i * COL + COL / 2, y: HEAD / 2, 'text-anchor': 'middle', 'dominant-baseline': 'middle' }, text(clip(k, KEY_CHARS)))),
    ),
    el('text', { x: x0 + keys.length * COL + 10, y: HEAD / 2, 'dominant-baseline': 'middle' }, 'Not scanned (apart)'),
  );
}

function cells(s: SliceCoverage): string {
  return s.keys
    .map((k, i) => {
      const x = LABEL + ASSETS + i * COL;
      const attrs = { class: 'cell', 'data-key': k.key, x: x + 1, y: 1, width: COL - 2, height: ROW - 2 };
      if (s.assets === 0) return el('rect', { ...attrs, class: 'cell empty' }, tooltip(`${s.label}: no scanned asset`));
      const label = el(
        'text',
        { class: needsLightText(k.share) ? 'cell-share light' : 'cell-share', x: x + COL / 2, y: ROW / 2, 'text-anchor': 'middle', 'dominant-baseline': 'middle' },
        formatShare(k.share),
      );
      return el('rect', { ...attrs, fill: shareColour(k.share) }, tooltip(`${s.label} · ${k.key}: ${formatShare(k.share)} (${formatCount(k.assets)} of ${formatCount(s.assets)})`)) + label;
    })
    .join('');
}

function row(s: SliceCoverage, i: number): string {
  const unscannedX = LABEL + ASSETS + s.keys.length * COL + 10;
  return el(
    'g',
    { class: 'row', 'data-slice': s.value, transform: `translate(0 ${HEAD + i * ROW})` },
    el('text', { class: 'label', x: 0, y: ROW / 2, 'dominant-baseline': 'middle' }, text(s.label)),
    el('text', { class: 'assets', x: LABEL + ASSETS - 8, y: ROW / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, formatCount(s.assets)),
    cells(s),
    el('text', { class: 'unscanned', x: unscannedX, y: ROW / 2, 'dominant-baseline': 'middle' }, formatUnscanned(s.unscanned)),
  );
}

/** The first `maxRows` slices of `dimension`; the page says how many more the JSON holds. */
export function heatmap(dimension: DimensionName, slices: readonly SliceCoverage[], maxRows: number): string {
  const shown = slices.slice(0, maxRows);
  const keys = shown[0]?.keys.map((k) => k.key) ?? [];
  const width = LABEL + ASSETS + keys.length * COL + UNSCANNED;
  const height = HEAD + shown.length * ROW + 2;
  const title = DIMENSIONS[dimension].title;
  return el(
    'svg',
    { class: 'chart heatmap', 'data-dimension': dimension, viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': `Share of assets carrying each key, by ${title.toLowerCase()}` },
    header(keys, title),
    ...shown.map(row),
  );
}
