/**
 * How far a run got, partition by partition: which partitions are done, and for each one started, the last
 * page done (evaluated, and every write it planned settled). Pages enter windows in order and windows finish
 * in order, so a partition's frontier only moves forward. From it come the cursor's `done` and `open`, the
 * partitions and pages to read when resuming, and what a run cut short left unread.
 */
import { decodeRanges, encodeRanges, type Cursor } from './cursor';
import type { Unread } from './run-types';

/** A page of one partition, as a window carries it. */
export interface PagePosition {
  partition: number;
  page: number;
  last: boolean;
  /** assets the partition holds after this page */
  left: number;
}

const LABELS_SHOWN = 20;

export class Frontier {
  private readonly done: Set<number>;
  /** partition → last page done */
  private readonly at = new Map<number, { page: number; left?: number }>();
  /** partition → what it held before its first page read in this piece (for a partition cut before a page was done) */
  private readonly started = new Map<number, number>();

  constructor(
    private readonly labels: readonly string[],
    resume?: Pick<Cursor, 'done' | 'open'>,
  ) {
    this.done = decodeRanges(resume?.done ?? '');
    // `left` of a partition resumed mid-way is unknown until a page of it is read again
    for (const [index, page] of resume?.open ?? []) this.at.set(index, { page: page - 1 });
  }

  /** The partitions still to read, each with the first page to read, in order. */
  todo(): { index: number; from: number }[] {
    return this.labels.flatMap((_, index) => (this.done.has(index) ? [] : [{ index, from: (this.at.get(index)?.page ?? 0) + 1 }]));
  }

  /** A page was read (not done yet: its window is still open). */
  read(p: PagePosition, assets: number): void {
    if (!this.started.has(p.partition)) this.started.set(p.partition, p.left + assets);
  }

  /** A partition whose reader ended without a last page (no page at all, or an unreadable partition). */
  finish(index: number): void {
    this.done.add(index);
    this.at.delete(index);
  }

  /** A window's pages are done. */
  advance(pages: readonly PagePosition[]): void {
    for (const p of pages) {
      if (p.last) this.finish(p.partition);
      else if (!this.done.has(p.partition)) this.at.set(p.partition, { page: p.page, left: p.left });
    }
  }

  get complete(): boolean {
    return this.done.size === this.labels.length;
  }

  position(): Pick<Cursor, 'partitions' | 'done' | 'open'> {
    const open = [...this.at].filter(([index]) => !this.done.has(index)).map(([index, { page }]): [number, number] => [index, page + 1]);
    return { partitions: this.labels.length, done: encodeRanges(this.done), open: open.sort((a, b) => a[0] - b[0]) };
  }

  /** What the run has not read to the end; undefined when it read everything. */
  unread(): Unread | undefined {
    const left = this.labels.map((_, i) => i).filter((i) => !this.done.has(i));
    if (!left.length) return undefined;
    const cut = left.filter((i) => this.at.has(i) || this.started.has(i));
    return {
      partitions: left.length,
      cut: cut.length,
      assetsLeft: cut.reduce((n, i) => n + (this.at.get(i)?.left ?? this.started.get(i) ?? 0), 0),
      labels: left.slice(0, LABELS_SHOWN).map((i) => this.labels[i]),
    };
  }
}
