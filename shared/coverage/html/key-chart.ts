/**
 * The page's first chart: one bar per key, as long as the share of scanned assets carrying it, split into the
 * key's largest values (coloured by rank) and the rest (grey), with the share and the counts beside it.
 */
import { formatCount, formatShare } from '../format';
import type { KeyCoverage, SliceCoverage } from '../types';
import { el, text, tooltip } from './markup';
import { OTHER, PALETTE } from './scale';

const LABEL = 200;
const BAR = 420;
const ROW = 30;
const WIDTH = LABEL + BAR + 190;

function segments(k: KeyCoverage, total: number): string {
  const shown = k.values.filter((v) => v.assets > 0).slice(0, PALETTE.length);
  const out: string[] = [];
  let x = LABEL;
  shown.forEach((v, i) => {
    const w = v.share * BAR;
    out.push(el('rect', { class: 'segment', x, y: 6, width: w, height: ROW - 12, fill: PALETTE[i] }, tooltip(`${k.key} = ${v.value}: ${formatCount(v.assets)} (${formatShare(v.share)})`)));
    x += w;
  });
  const rest = k.assets - shown.reduce((n, v) => n + v.assets, 0);
  if (rest > 0) {
    const share = total ? rest / total : 0;
    out.push(el('rect', { class: 'segment other', x, y: 6, width: share * BAR, height: ROW - 12, fill: OTHER }, tooltip(`${k.key}, other values: ${formatCount(rest)} (${formatShare(share)})`)));
  }
  return out.join('');
}

function row(k: KeyCoverage, total: number, i: number): string {
  const lacking = total - k.assets;
  return el(
    'g',
    { class: 'bar', 'data-key': k.key, 'data-declared': k.declared, transform: `translate(0 ${i * ROW})` },
    el('text', { class: k.declared ? 'key declared' : 'key', x: LABEL - 10, y: ROW / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, text(k.key)),
    el('rect', { class: 'track', x: LABEL, y: 6, width: BAR, height: ROW - 12 }, tooltip(`lacking ${k.key}: ${formatCount(lacking)} of ${formatCount(total)}`)),
    segments(k, total),
    el('text', { class: 'share', x: LABEL + BAR + 10, y: ROW / 2, 'dominant-baseline': 'middle' }, formatShare(k.share)),
    el('text', { class: 'count', x: LABEL + BAR + 70, y: ROW / 2, 'dominant-baseline': 'middle' }, `${formatCount(k.assets)} of ${formatCount(total)}`),
  );
}

export function keyChart(slice: SliceCoverage): string {
  const height = slice.keys.length * ROW + 4;
  return el(
    'svg',
    {
      class: 'chart keys',
      viewBox: `0 0 ${WIDTH} ${height}`,
      width: WIDTH,
      height,
      role: 'img',
      'aria-label': `Share of ${formatCount(slice.assets)} scanned assets carrying each of ${slice.keys.length} tag keys`,
    },
    ...slice.keys.map((k, i) => row(k, slice.assets, i)),
  );
}
