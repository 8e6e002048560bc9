/**
 * The page's account of what the sources never scanned: a table by reason (partitions, assets, what to do),
 * then the partitions themselves. These assets are in no share on the page, and the section says so.
 */
import { formatCount, formatUnscanned } from '../format';
import { UNSCANNED_REASONS } from '../reasons';
import type { CoverageReport } from '../types';
import { el, text } from './markup';

const num = (s: string) => el('td', { class: 'num' }, s);

export function unscannedSection(r: CoverageReport): string {
  const u = r.unscanned;
  if (u.byReason.length === 0) {
    return el('section', { id: 'not-scanned' }, el('h2', {}, 'Not scanned'), el('p', { class: 'note' }, 'Nothing: every partition the sources list was read.'));
  }
  const byReason = el(
    'table',
    { class: 'reasons' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Reason'), el('th', { class: 'num' }, 'Partitions'), el('th', { class: 'num' }, 'Assets'), el('th', {}, 'What to do'))),
    el(
      'tbody',
      {},
      ...u.byReason.map((b) =>
        el(
          'tr',
          { 'data-reason': b.reason },
          el('td', {}, text(b.label)),
          num(formatCount(b.partitions)),
          num(formatUnscanned(b)),
          el('td', {}, text(UNSCANNED_REASONS[b.reason].advice)),
        ),
      ),
    ),
  );
  const partitions = el(
    'table',
    { class: 'partitions' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Partition'), el('th', {}, 'Reason'), el('th', { class: 'num' }, 'Assets'), el('th', {}, 'Message'))),
    el(
      'tbody',
      {},
      ...u.partitions.map((p) =>
        el(
          'tr',
          {},
          el('td', {}, text(p.partition)),
          el('td', {}, text(UNSCANNED_REASONS[p.reason].label)),
          num(p.assets === null ? 'not counted' : formatCount(p.assets)),
          el('td', {}, text(p.message ?? '')),
        ),
      ),
    ),
  );
  const more = u.partitionsNotListed > 0 ? el('p', { class: 'note' }, `… and ${formatCount(u.partitionsNotListed)} more partitions (not listed).`) : '';
  return el(
    'section',
    { id: 'not-scanned' },
    el('h2', {}, 'Not scanned'),
    el('p', { class: 'note' }, `Counted apart: these assets are in no share on this page. In all: ${text(formatUnscanned(u))}.`),
    byReason,
    partitions,
    more,
  );
}
