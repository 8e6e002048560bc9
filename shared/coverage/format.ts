/**
 * How coverage numbers read, in every rendering alike: counts with thousands separators, shares as percentages
 * with one decimal (never "100.0%" for 999 of 1,000, never "0.0%" for 1 of 1,000), and the unscanned count in
 * words. One place, so the text, the page and the tests that compare them agree.
 */
import type { UnscannedCount } from './types';

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A share in [0, 1] as `62.3%`; a share that is not 0 or 1 never rounds to either. */
export function formatShare(share: number): string {
  const percent = Math.round(share * 1000) / 10;
  if (share > 0 && percent === 0) return '<0.1%';
  if (share < 1 && percent === 100) return '>99.9%';
  return `${percent.toFixed(1)}%`;
}

/** `1,200 assets`, `1,200 assets + 2 partitions not counted`, `2 partitions not counted`, or `none`. */
export function formatUnscanned(u: UnscannedCount): string {
  const parts: string[] = [];
  if (u.assets > 0) parts.push(`${formatCount(u.assets)} asset${u.assets === 1 ? '' : 's'}`);
  if (u.uncountedPartitions > 0) parts.push(`${formatCount(u.uncountedPartitions)} partition${u.uncountedPartitions === 1 ? '' : 's'} not counted`);
  return parts.length ? parts.join(' + ') : 'none';
}
