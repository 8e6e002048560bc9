/**
 * Assets that exist but are not visible yet. DataWorks table commit/deploy and upload events are pre-events
 * (research.md §4): they fire before the table exists, so a re-read right after the event finds nothing.
 * A delayed asset is left out of every read (ListTables, GetTable, ListTasks, ListDataAssets) until the
 * emulator's clock reaches `visibleAt`, or until `visibleAfterReads` reads have asked for it, whichever
 * comes first; from then on it is an ordinary asset. A read "asks for" an asset when the asset would be in
 * its answer before paging (a GetTable of its id, a list whose filters it matches); each such request
 * counts once. Writes do not count, and see a hidden asset as not existing.
 */
import type { DelayedAsset } from './catalog';

interface Pending {
  visibleAt?: number;
  visibleAfterReads?: number;
  reads: number;
}

export interface PendingAsset extends DelayedAsset {
  /** reads that have asked for it so far */
  reads: number;
}

export class VisibilityGate {
  private readonly pending = new Map<string, Pending>();

  constructor(
    delayed: readonly DelayedAsset[],
    private readonly now: () => number,
  ) {
    for (const d of delayed) this.delay(d);
  }

  /** Hides `assetId` (again) under the given conditions, with no reads counted yet. */
  delay({ assetId, visibleAt, visibleAfterReads }: DelayedAsset): void {
    this.pending.set(assetId, { visibleAt, visibleAfterReads, reads: 0 });
  }

  /** Makes `assetId` visible now. */
  reveal(assetId: string): void {
    this.pending.delete(assetId);
  }

  /** A read asks for `assetId`: whether it sees it; a miss is counted. */
  asked(assetId: string): boolean {
    const p = this.pending.get(assetId);
    if (!p) return true;
    if (this.due(p)) {
      this.pending.delete(assetId);
      return true;
    }
    p.reads++;
    return false;
  }

  /** Whether any asset is still hidden (when none is, a read asks nothing and may reuse a listing). */
  get hiding(): boolean {
    return this.pending.size > 0;
  }

  /** Whether `assetId` is visible now, without counting a read (what a write sees). */
  isVisible(assetId: string): boolean {
    const p = this.pending.get(assetId);
    return !p || this.due(p);
  }

  pendingAssets(): PendingAsset[] {
    return [...this.pending].filter(([, p]) => !this.due(p)).map(([assetId, p]) => ({ assetId, ...defined(p), reads: p.reads }));
  }

  /** The delays still to come, as catalog entries: reloading them gives the same state (reads left, not reads made). */
  snapshot(): DelayedAsset[] {
    return this.pendingAssets().map(({ assetId, visibleAt, visibleAfterReads, reads }) => ({
      assetId,
      ...defined({ visibleAt, visibleAfterReads: visibleAfterReads === undefined ? undefined : visibleAfterReads - reads }),
    }));
  }

  private due(p: Pending): boolean {
    return (p.visibleAt !== undefined && this.now() >= p.visibleAt) || (p.visibleAfterReads !== undefined && p.reads >= p.visibleAfterReads);
  }
}

function defined(p: { visibleAt?: number; visibleAfterReads?: number }): { visibleAt?: number; visibleAfterReads?: number } {
  return { ...(p.visibleAt !== undefined && { visibleAt: p.visibleAt }), ...(p.visibleAfterReads !== undefined && { visibleAfterReads: p.visibleAfterReads }) };
}
