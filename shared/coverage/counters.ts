/**
 * The counters behind one slice of coverage: assets seen, assets tagged, and per key the assets carrying it and
 * per value the assets carrying that value. Counters only, never asset ids, so memory grows with the keys and
 * values, not with the catalog; a shared budget bounds the value counters of all slices together, and past it
 * a value's assets are counted together as "other values". Declared values are always counted one by one: the
 * rule set bounds them, and "0 assets" must mean none.
 */
import type { CoverageAsset, KeyCoverage, SliceCoverage, UnscannedCount } from './types';

/** How many value counters every slice together may still open (one object shared by all slices). */
export interface ValueBudget {
  left: number;
  perKey: number;
  reached: boolean;
}

interface KeyCounter {
  assets: number;
  values: Map<string, number>;
  otherValues: number;
}

export class SliceCounter {
  assets = 0;
  tagged = 0;
  readonly unscanned: UnscannedCount = { assets: 0, uncountedPartitions: 0 };
  private readonly keys = new Map<string, KeyCounter>();

  constructor(
    private readonly budget: ValueBudget,
    /** key -> the values the rule set declares for it */
    private readonly declared: ReadonlyMap<string, ReadonlySet<string>>,
  ) {}

  /** `keys`: the asset's tags that are counted one by one (the collector has already applied the key limit). */
  add(asset: CoverageAsset, keys: readonly string[]): void {
    this.assets++;
    if (Object.keys(asset.tags).length > 0) this.tagged++;
    for (const key of keys) {
      let counter = this.keys.get(key);
      if (!counter) this.keys.set(key, (counter = { assets: 0, values: new Map(), otherValues: 0 }));
      counter.assets++;
      const value = asset.tags[key];
      const seen = counter.values.get(value);
      if (seen !== undefined) counter.values.set(value, seen + 1);
      else if (this.declared.get(key)?.has(value)) counter.values.set(value, 1);
      else if (counter.values.size < this.budget.perKey && this.budget.left > 0) {
        counter.values.set(value, 1);
        this.budget.left--;
      } else {
        counter.otherValues++;
        this.budget.reached = true;
      }
    }
  }

  addUnscanned(assets: number | undefined): void {
    if (assets === undefined) this.unscanned.uncountedPartitions++;
    else this.unscanned.assets += assets;
  }

  /**
   * The slice as reported: `keys` in the order given (declared first), each with its values most assets first;
   * declared values that no asset carries are listed with 0.
   */
  toCoverage(value: string, label: string, keys: readonly string[]): SliceCoverage {
    const share = (n: number) => (this.assets === 0 ? 0 : n / this.assets);
    const keyCoverage = keys.map((key): KeyCoverage => {
      const counter = this.keys.get(key) ?? { assets: 0, values: new Map<string, number>(), otherValues: 0 };
      const declaredValues = this.declared.get(key) ?? new Set<string>();
      const counts = new Map(counter.values);
      for (const v of declaredValues) if (!counts.has(v)) counts.set(v, 0);
      const values = [...counts]
        .map(([v, assets]) => ({ value: v, assets, share: share(assets), declared: declaredValues.has(v) }))
        .sort((a, b) => b.assets - a.assets || a.value.localeCompare(b.value));
      return { key, declared: this.declared.has(key), assets: counter.assets, share: share(counter.assets), values, otherValues: counter.otherValues };
    });
    return { value, label, assets: this.assets, tagged: this.tagged, taggedShare: share(this.tagged), keys: keyCoverage, unscanned: { ...this.unscanned } };
  }
}
