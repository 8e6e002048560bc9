/**
 * One chart per key: a bar per value (the largest first, declared values even at 0), then the key's other
 * values together, each as a share of the scanned assets. The axis ends at a round share just above the
 * largest bar, so small values stay visible; the axis end is written on it. (The assets lacking the key are
 * said in the caption, not drawn: as a bar they would set the axis and flatten every value.)
 */
import { formatCount, formatShare } from '../format';
import type { KeyCoverage } from '../types';
import { clip, el, text, tooltip } from './markup';
import { axisMaximum, OTHER, PALETTE } from './scale';

const LABEL = 150;
const BAR = 270;
const ROW = 22;
const AXIS = 18;
const WIDTH = LABEL + BAR + 120;
const VALUE_CHARS = 24;

interface Row {
  label: string;
  assets: number;
  share: number;
  fill: string;
  kind: 'value' | 'other';
  declared?: boolean;
}

function rowsOf(k: KeyCoverage, total: number, maxValues: number): Row[] {
  const shown = k.values.slice(0, maxValues);
  const rows: Row[] = shown.map((v, i) => ({ label: v.value, assets: v.assets, share: v.share, fill: PALETTE[i] ?? OTHER, kind: 'value', declared: v.declared }));
  const other = k.assets - shown.reduce((n, v) => n + v.assets, 0);
  if (other > 0) rows.push({ label: 'other values', assets: other, share: other / total, fill: OTHER, kind: 'other' });
  return rows;
}

function bar(r: Row, i: number, max: number): string {
  return el(
    'g',
    { class: `value ${r.kind}`, 'data-value': r.kind === 'value' ? r.label : undefined, 'data-declared': r.declared, transform: `translate(0 ${AXIS + i * ROW})` },
    el('g', {}, tooltip(r.label), el('text', { class: 'label', x: LABEL - 8, y: ROW / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, text(clip(r.label, VALUE_CHARS)))),
    el('rect', { class: 'bar', x: LABEL, y: 4, width: max ? (r.share / max) * BAR : 0, height: ROW - 8, fill: r.fill }),
    el('text', { class: 'share', x: LABEL + BAR + 8, y: ROW / 2, 'dominant-baseline': 'middle' }, formatShare(r.share)),
    el('text', { class: 'count', x: LABEL + BAR + 60, y: ROW / 2, 'dominant-baseline': 'middle' }, formatCount(r.assets)),
  );
}

/** `total`: the slice's scanned assets; values past `maxValues` join "other values". */
export function valueChart(k: KeyCoverage, total: number, maxValues: number): string {
  const rows = rowsOf(k, total, maxValues);
  const max = axisMaximum(Math.max(0, ...rows.map((r) => r.share)));
  const height = AXIS + rows.length * ROW + 2;
  const axis = el(
    'g',
    { class: 'axis' },
    el('line', { x1: LABEL, y1: AXIS - 4, x2: LABEL + BAR, y2: AXIS - 4 }),
    el('text', { x: LABEL, y: AXIS - 8 }, '0%'),
    el('text', { class: 'axis-max', x: LABEL + BAR, y: AXIS - 8, 'text-anchor': 'end' }, `${Math.round(max * 100)}%`),
  );
  return el(
    'svg',
    { class: 'chart values', 'data-key': k.key, viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: 'img', 'aria-label': `Values of ${k.key}` },
    axis,
    ...rows.map((r, i) => bar(r, i, max)),
  );
}
