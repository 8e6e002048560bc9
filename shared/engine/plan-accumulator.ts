/**
 * The plan as it grows: pages arrive from partitions read at once, each asset is handed out for evaluation the
 * first time any source lists it, each page's outcome is added, unreadable partitions are recorded, and
 * `finish` counts and orders what was added. The only state of a plan being built lives here.
 */
import type { AssetView, SourceName } from '../discovery';
import type { Rule } from '../rules';
import type { PageOutcome } from './page';
import type { Plan, PlanStats, SourceError } from './types';

/** The plan but for what only the whole run knows: its id, its trigger, its time and the tag-key changes. */
export type PlanBody = Pick<Plan, 'bindings' | 'overridden' | 'unsettled' | 'sourceErrors' | 'tagCounts' | 'stats'>;

export class PlanAccumulator {
  private readonly scannedBy: PlanStats['assetsScanned'] = {};
  private readonly seen = new Set<string>();
  private readonly matchedPerRule: Record<string, number>;
  private readonly bindings: Plan['bindings'] = [];
  private readonly overridden: Plan['overridden'] = [];
  private readonly unsettled: Plan['unsettled'] = [];
  private readonly sourceErrors: SourceError[] = [];
  private readonly tagCounts: Plan['tagCounts'] = {};
  private evaluated = 0;
  private ownerUnreadable = 0;

  constructor(rules: readonly Rule[]) {
    this.matchedPerRule = Object.fromEntries(rules.map((r) => [r.id, 0]));
  }

  /** Counts a page `source` read and returns its assets no page has brought before. */
  claim(source: SourceName, page: AssetView[]): AssetView[] {
    this.scannedBy[source] = (this.scannedBy[source] ?? 0) + page.length;
    const fresh = page.filter((a) => !this.seen.has(a.id));
    for (const a of fresh) this.seen.add(a.id);
    return fresh;
  }

  add(outcome: PageOutcome): void {
    this.evaluated += outcome.evaluated;
    this.ownerUnreadable += outcome.ownerUnreadable;
    for (const id of outcome.matched) this.matchedPerRule[id]++;
    this.bindings.push(...outcome.bindings);
    this.overridden.push(...outcome.overridden);
    this.unsettled.push(...outcome.unsettled);
    Object.assign(this.tagCounts, outcome.tagCounts);
  }

  /** A partition that could not be read: the rest of the plan stands, a re-run retries it. */
  addSourceError(error: SourceError): void {
    this.sourceErrors.push(error);
  }

  /** Assets scanned so far, per source (for progress). */
  scanned(): PlanStats['assetsScanned'] {
    return { ...this.scannedBy };
  }

  finish(): PlanBody {
    const count = (action: Plan['bindings'][number]['action']) => this.bindings.filter((b) => b.action === action).length;
    const stats: PlanStats = {
      assetsScanned: this.scanned(),
      assetsEvaluated: this.evaluated,
      matchedPerRule: this.matchedPerRule,
      ownerUnreadable: this.ownerUnreadable,
      bind: count('bind'),
      present: count('present'),
      conflict: count('conflict'),
      plannedWrites: this.bindings.filter((b) => b.action === 'bind' || b.resolution === 'overwrite').length,
    };
    // Stable order (rule, asset name, key) so plans diff cleanly and print grouped by rule.
    const bindings = [...this.bindings].sort(
      (a, b) => a.ruleId.localeCompare(b.ruleId) || a.assetName.localeCompare(b.assetName) || a.assetId.localeCompare(b.assetId) || a.key.localeCompare(b.key),
    );
    return { bindings, overridden: this.overridden, unsettled: this.unsettled, sourceErrors: this.sourceErrors, tagCounts: this.tagCounts, stats };
  }
}
