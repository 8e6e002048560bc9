/**
 * How far a run got, partition by partition, in two senses. Read: the last page of each partition read so far
 * (what a run cut short left unread, by the API's totals). Done: the last page evaluated with every write it
 * planned settled — applied, failed or left alone, not "not started" (pipeline.ts); pages enter windows in
 * order and windows finish in order, so it only moves forward. From
 * the done frontier come the cursor's `done` and `open` and the pages to read when resuming.
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
  private readonly at = new Map<number, number>();
  /** partition → what it held after the last page read in this piece */
  private readonly readTo = new Map<number, number>();
  /** partitions whose last page was read */
  private readonly ended = new Set<number>();

  constructor(
    private readonly labels: readonly string[],
    resume?: Pick<Cursor, 'done' | 'open'>,
  ) {
    this.done = decodeRanges(resume?.done ?? '');
    for (const [index, page] of resume?.open ?? []) this.at.set(index, page - 1);
  }

  /** The partitions still to read, each with the first page to read, in order. */
  todo(): { index: number; from: number }[] {
    return this.labels.flatMap((_, index) => (this.done.has(index) ? [] : [{ index, from: (this.at.get(index) ?? 0) + 1 }]));
  }

  /** A page was read (its window may still be open). */
  read(p: PagePosition): void {
    this.readTo.set(p.partition, p.left);
    if (p.last) this.ended.add(p.partition);
  }

  /** A window's pages are done. */
  advance(pages: readonly PagePosition[]): void {
    for (const p of pages) {
      if (p.last) {
        this.done.add(p.partition);
        this.at.delete(p.partition);
      } else if (!this.done.has(p.partition)) this.at.set(p.partition, p.page);
    }
  }

  /** Every partition is done: read, and its writes settled. */
  get complete(): boolean {
    return this.done.size === this.labels.length;
  }

  /** Every partition was read to its end (its writes may not all be settled). */
  get readAll(): boolean {
    return this.labels.every((_, i) => this.done.has(i) || this.ended.has(i));
  }

  position(): Pick<Cursor, 'partitions' | 'done' | 'open'> {
    const open = [...this.at].filter(([index]) => !this.done.has(index)).map(([index, page]): [number, number] => [index, page + 1]);
    return { partitions: this.labels.length, done: encodeRanges(this.done), open: open.sort((a, b) => a[0] - b[0]) };
  }

  /** What the run has not read to the end; undefined when it read everything. */
  unread(): Unread | undefined {
    const left = this.labels.map((_, i) => i).filter((i) => !this.done.has(i) && !this.ended.has(i));
    if (!left.length) return undefined;
    const cut = left.filter((i) => this.readTo.has(i) || this.at.has(i));
    return {
      partitions: left.length,
      cut: cut.length,
      assetsLeft: cut.reduce((n, i) => n + (this.readTo.get(i) ?? 0), 0),
      labels: left.slice(0, LABELS_SHOWN).map((i) => this.labels[i]),
    };
  }
}
