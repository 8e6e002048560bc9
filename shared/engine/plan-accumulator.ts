/**
 * The plan as it grows, in counts rather than bindings: each evaluated page is counted (per source, per rule,
 * per action), streamed record by record to the observer, offered to the bounded samples a dry run shows, and
 * split into what the run must write (handed to the windows) and what it need not. The values the writes need
 * per tag key are kept, so the tag-key changes are known without the bindings. Nothing here grows with the
 * catalog: counters, samples of fixed size, one set of values per declared key.
 */
import type { AssetView, SourceName } from '../discovery';
import type { Rule } from '../rules';
import type { PageOutcome } from './page';
import { BoundedSample, PerRuleSample, printOrder } from './plan-sample';
import type { RunObserver } from './run-types';
import type { OverriddenBinding, Plan, PlannedBinding, PlanStats, SourceError, Tally, UnsettledAsset } from './types';

/** the first overridden bindings, unsettled assets and conflicts kept for the report and the dry-run plan */
const SAMPLE = 100;

/** An asset with the bindings the run must write on it (binds, and conflicts resolved by overwrite). */
export interface AssetWrites {
  asset: AssetView;
  writes: PlannedBinding[];
}

export const isWrite = (b: PlannedBinding) => b.action === 'bind' || b.resolution === 'overwrite';

/** The asset's tags once `writes` are made. */
export function tagsAfter(asset: AssetView, writes: readonly PlannedBinding[]): Record<string, string> {
  const tags = { ...asset.tags };
  for (const b of writes) tags[b.key] = b.value;
  return tags;
}

export class PlanAccumulator {
  private readonly scannedBy: PlanStats['assetsScanned'] = {};
  private readonly matchedPerRule: Record<string, number>;
  private readonly byRule: Record<string, Tally>;
  private readonly counts = { evaluated: 0, ownerUnreadable: 0, detailsSkipped: 0, overridden: 0, unsettled: 0 };
  private readonly sourceErrors: SourceError[] = [];
  private readonly perRule: PerRuleSample;
  private readonly overridden = new BoundedSample<OverriddenBinding>(SAMPLE, (a, b) => a.assetId.localeCompare(b.assetId) || a.key.localeCompare(b.key));
  private readonly unsettled = new BoundedSample<UnsettledAsset>(SAMPLE, (a, b) => a.assetId.localeCompare(b.assetId));
  private readonly conflicts = new BoundedSample<PlannedBinding>(SAMPLE, (a, b) => a.ruleId.localeCompare(b.ruleId) || printOrder(a, b));
  /** per key, the values the run's writes bind */
  readonly valuesWritten = new Map<string, Set<string>>();
  /** writes planned so far */
  plannedWrites = 0;

  constructor(
    rules: readonly Rule[],
    private readonly observer: RunObserver | undefined,
    perRule: number,
  ) {
    this.matchedPerRule = Object.fromEntries(rules.map((r) => [r.id, 0]));
    this.byRule = Object.fromEntries(rules.map((r) => [r.id, { bind: 0, present: 0, conflict: 0, overwrite: 0 }]));
    this.perRule = new PerRuleSample(perRule);
  }

  scanned(source: SourceName, n: number): void {
    this.scannedBy[source] = (this.scannedBy[source] ?? 0) + n;
  }

  scannedSoFar(): PlanStats['assetsScanned'] {
    return { ...this.scannedBy };
  }

  /** Counts and streams a page's outcome; returns its assets with writes. */
  add(outcome: PageOutcome): AssetWrites[] {
    const c = this.counts;
    c.evaluated += outcome.assets.length;
    c.ownerUnreadable += outcome.ownerUnreadable;
    c.detailsSkipped += outcome.detailsSkipped;
    for (const id of outcome.matched) this.matchedPerRule[id]++;
    for (const o of outcome.overridden) {
      c.overridden++;
      this.overridden.offer(o);
      this.observer?.plan?.({ kind: 'overridden', ...o });
    }
    for (const u of outcome.unsettled) {
      c.unsettled++;
      this.unsettled.offer(u);
      this.observer?.plan?.({ kind: 'unsettled', ...u });
    }
    const out: AssetWrites[] = [];
    for (const { asset, bindings } of outcome.assets) {
      for (const b of bindings) this.addBinding(b);
      const writes = bindings.filter(isWrite);
      if (writes.length) out.push({ asset, writes });
    }
    return out;
  }

  private addBinding(b: PlannedBinding): void {
    const tally = this.byRule[b.ruleId];
    tally[b.action]++;
    if (b.resolution === 'overwrite') tally.overwrite++;
    if (b.action === 'conflict') this.conflicts.offer(b);
    if (isWrite(b)) {
      this.plannedWrites++;
      const values = this.valuesWritten.get(b.key) ?? new Set<string>();
      this.valuesWritten.set(b.key, values.add(b.value));
    }
    this.perRule.offer(b);
    this.observer?.plan?.({ kind: 'binding', ...b });
  }

  /** A partition that could not be read: the rest of the plan stands, a re-run retries it. */
  addSourceError(error: SourceError): void {
    this.sourceErrors.push(error);
    this.observer?.plan?.({ kind: 'source-error', ...error });
  }

  stats(): PlanStats {
    const sum = (k: keyof Tally) => Object.values(this.byRule).reduce((n, t) => n + t[k], 0);
    const [bind, overwrite] = [sum('bind'), sum('overwrite')];
    return {
      assetsScanned: this.scannedSoFar(),
      assetsEvaluated: this.counts.evaluated,
      matchedPerRule: { ...this.matchedPerRule },
      ownerUnreadable: this.counts.ownerUnreadable,
      detailsSkipped: this.counts.detailsSkipped,
      bind,
      present: sum('present'),
      conflict: sum('conflict'),
      overwrite,
      plannedWrites: bind + overwrite,
      byRule: structuredClone(this.byRule),
      overridden: this.counts.overridden,
      unsettled: this.counts.unsettled,
    };
  }

  /** The first assets whose rules never settled, for the log. */
  unsettledSample(): UnsettledAsset[] {
    return this.unsettled.items();
  }

  /** The first conflicts, for the report. */
  conflictSample(): PlannedBinding[] {
    return this.conflicts.items();
  }

  errors(): SourceError[] {
    return [...this.sourceErrors];
  }

  /** The plan a dry run shows, but for what only the run knows (its id, trigger, time and tag-key changes). */
  detail(): Pick<Plan, 'bindings' | 'overridden' | 'unsettled' | 'sourceErrors' | 'stats' | 'omitted'> {
    return { bindings: this.perRule.bindings(), overridden: this.overridden.items(), unsettled: this.unsettled.items(), sourceErrors: this.errors(), stats: this.stats(), omitted: this.perRule.omitted };
  }
}
