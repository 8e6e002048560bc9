/**
 * Windows: the writes of a run's pages, grouped a few thousand at a time and applied together, so the run
 * holds a few windows of writes, never its whole plan. A window records the pages it completes (for the
 * cursor), each write (WriteItem) with the asset it belongs to, and counts down as writes settle: an asset is
 * finished when its last write settles (the asset observer then sees its tags after the run), a window when
 * its last asset is.
 */
import type { AssetView } from '../discovery';
import type { Outcome } from './outcome';
import type { PagePosition } from './frontier';
import type { AssetWrites } from './plan-accumulator';
import type { PlannedBinding } from './types';

export interface WindowSlot {
  pages: PagePosition[];
  /** writes not settled yet */
  pending: number;
  /** a write of it was not started (out of time): its pages are not done, a resumed run redoes them */
  unwritten?: true;
}

export interface AssetSlot {
  view: AssetView;
  window: WindowSlot;
  pending: number;
  /** keys its writes add (binds; an overwrite replaces a key it carries), for the 20-tags-per-asset limit */
  newKeys: number;
  /** its writes that were applied */
  applied: PlannedBinding[];
  /** the failure reasons it was counted under (an asset counts once per reason) */
  failedFor?: Set<string>;
}

/** One binding to write, with the asset (and window) it belongs to; settled once, by the first step that decides it. */
export interface WriteItem {
  binding: PlannedBinding;
  asset: AssetSlot;
  outcome?: Outcome;
}

export interface PlanWindow {
  slot: WindowSlot;
  items: WriteItem[];
}

/** a window closes at this many writes (or the guard's hold, if smaller), or at this many pages */
export const WINDOW_WRITES = 5_000;
export const WINDOW_PAGES = 10;

/** Gathers pages into windows; `emit` gets each full window (and waits while the run is behind). */
export class WindowBuilder {
  private current = WindowBuilder.empty();
  /** emits in the order windows were filled, though several partitions fill them at once */
  private emitted: Promise<void> = Promise.resolve();
  private readonly maxWrites: number;

  constructor(
    private readonly emit: (w: PlanWindow) => Promise<void>,
    /** the guard's hold: past it, the guard decides window by window, so no window should hold more */
    hold = WINDOW_WRITES,
  ) {
    this.maxWrites = Math.max(1, Math.min(WINDOW_WRITES, hold));
  }

  private static empty(): PlanWindow {
    return { slot: { pages: [], pending: 0 }, items: [] };
  }

  async add(position: PagePosition, assets: readonly AssetWrites[]): Promise<void> {
    const w = this.current;
    w.slot.pages.push(position);
    for (const { asset, writes } of assets) {
      const slot: AssetSlot = { view: asset, window: w.slot, pending: writes.length, newKeys: writes.filter((b) => b.action === 'bind').length, applied: [] };
      for (const binding of writes) w.items.push({ binding, asset: slot });
    }
    w.slot.pending = w.items.length;
    if (w.items.length >= this.maxWrites || w.slot.pages.length >= WINDOW_PAGES) await this.flush();
  }

  /** Emits the window being filled, if it has anything. */
  async flush(): Promise<void> {
    const w = this.current;
    if (!w.slot.pages.length) return;
    this.current = WindowBuilder.empty();
    this.emitted = this.emitted.then(() => this.emit(w));
    await this.emitted;
  }
}
