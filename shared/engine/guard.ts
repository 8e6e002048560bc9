/**
 * The blast-radius guard over windows. It counts planned writes (binds and overwrites), cumulatively over the
 * whole run: the pieces before this one (carried in the cursor) and every window of this one.
 *
 * Under a limit of at most HOLD_WRITES, writes are held, not sent, until the guard can tell: the run writes
 * nothing until its plan is complete (then it writes it all), or until the plan passes the limit (then it
 * writes nothing at all) — whatever the catalog's size, holding at most the limit's worth of writes. Under a
 * higher limit (raised for a large run) holding could never keep that promise (the plan cannot pass the limit
 * before the hold is full), so windows are written from the first one, while later ones are read, and the
 * window that would take the run past its limit is not written: the run never writes more than its limit, but
 * may have written up to it when it stops.
 * A run cut into pieces (continuations) holds within each piece; the count carries over, so the pieces of a
 * run together never write more than the limit, and "nothing written" holds only for a run that completes its
 * plan in one piece.
 *
 * A blocked run keeps reading (and writing nothing more) so its report says exactly how many writes it wanted.
 */
import type { PlanWindow } from './windows';

/** the highest limit checked against the whole plan before the first write (the writes held: bounded memory) */
export const HOLD_WRITES = 10_000;

export class BlastRadiusGuard {
  /** writes this piece let through */
  admitted = 0;
  /** writes this piece wanted but the guard refused */
  refused = 0;
  blocked = false;
  private held: PlanWindow[] = [];
  private heldWrites = 0;
  /** writes go out window by window, from the first */
  private readonly released: boolean;

  constructor(
    readonly limit: number,
    /** writes the run's earlier pieces counted */
    readonly prior: number,
    hold: number = HOLD_WRITES,
  ) {
    this.released = limit > hold;
  }

  /** A window arrives: the windows to write now, in order (none while holding or blocked). */
  offer(w: PlanWindow): PlanWindow[] {
    const writes = w.items.length;
    if (this.blocked) {
      this.refused += writes;
      return [];
    }
    if (!this.released) {
      this.held.push(w);
      this.heldWrites += writes;
      return this.prior + this.heldWrites > this.limit ? this.block(this.heldWrites) : [];
    }
    if (this.prior + this.admitted + writes > this.limit) return this.block(writes);
    this.admitted += writes;
    return [w];
  }

  /** The plan is complete, or the run stops reading: what is held, unless the guard blocked. */
  end(): PlanWindow[] {
    return this.blocked ? [] : this.take();
  }

  /** all the writes the run has counted: earlier pieces, let through, held, refused */
  get counted(): number {
    return this.prior + this.admitted + this.heldWrites + this.refused;
  }

  private block(writes: number): PlanWindow[] {
    this.blocked = true;
    this.refused += writes;
    this.held = [];
    this.heldWrites = 0;
    return [];
  }

  private take(): PlanWindow[] {
    const held = this.held;
    this.admitted += this.heldWrites;
    this.held = [];
    this.heldWrites = 0;
    return held;
  }
}
