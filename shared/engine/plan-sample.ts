/**
 * Bounded samples of a plan: per rule, the first bindings in the order the text plan prints them (conflicts,
 * then binds, then what is present; by asset name, id and key), kept in a heap of fixed size, so a dry run of
 * a million bindings shows the same first lines a whole plan sorted would, in memory that does not grow.
 */
import type { PlannedBinding } from './types';

const ACTION_ORDER: Record<PlannedBinding['action'], number> = { conflict: 0, bind: 1, present: 2 };

/** The text plan's order within a rule. */
export function printOrder(a: PlannedBinding, b: PlannedBinding): number {
  return (
    ACTION_ORDER[a.action] - ACTION_ORDER[b.action] ||
    a.assetName.localeCompare(b.assetName) ||
    a.assetId.localeCompare(b.assetId) ||
    a.key.localeCompare(b.key)
  );
}

/** The `limit` smallest items offered, by `compare` (a max-heap: the largest kept is dropped first). */
export class BoundedSample<T> {
  private readonly heap: T[] = [];
  offered = 0;

  constructor(
    private readonly limit: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  offer(item: T): void {
    this.offered++;
    const { heap, compare } = this;
    if (heap.length < this.limit) {
      heap.push(item);
      this.up(heap.length - 1);
    } else if (heap.length > 0 && compare(item, heap[0]) < 0) {
      heap[0] = item;
      this.down(0);
    }
  }

  /** The kept items, smallest first. */
  items(): T[] {
    return [...this.heap].sort(this.compare);
  }

  get omitted(): number {
    return this.offered - this.heap.length;
  }

  private up(i: number): void {
    const { heap, compare } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compare(heap[i], heap[parent]) <= 0) return;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    const { heap, compare } = this;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let largest = i;
      if (l < heap.length && compare(heap[l], heap[largest]) > 0) largest = l;
      if (r < heap.length && compare(heap[r], heap[largest]) > 0) largest = r;
      if (largest === i) return;
      [heap[i], heap[largest]] = [heap[largest], heap[i]];
      i = largest;
    }
  }
}

/** Per rule, the first `perRule` bindings in print order. */
export class PerRuleSample {
  private readonly byRule = new Map<string, BoundedSample<PlannedBinding>>();

  constructor(private readonly perRule: number) {}

  offer(b: PlannedBinding): void {
    let sample = this.byRule.get(b.ruleId);
    if (!sample) this.byRule.set(b.ruleId, (sample = new BoundedSample(this.perRule, printOrder)));
    sample.offer(b);
  }

  /** The kept bindings sorted by rule, then print order. */
  bindings(): PlannedBinding[] {
    return [...this.byRule.keys()].sort().flatMap((rule) => this.byRule.get(rule)!.items());
  }

  get omitted(): number {
    return [...this.byRule.values()].reduce((n, s) => n + s.omitted, 0);
  }
}
