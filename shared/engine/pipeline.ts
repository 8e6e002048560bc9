/**
 * The write side of a run: windows as discovery fills them, through the blast-radius guard to the writer, two
 * windows written at once at most (one's re-reads and key checks overlap the other's binds) while later ones
 * are still being read. Windows finish in the order they were filled; the frontier moves past each as it does.
 */
import type { Writer } from './apply';
import type { Frontier } from './frontier';
import type { BlastRadiusGuard } from './guard';
import type { PlanWindow, WindowSlot } from './windows';

const WINDOWS_AT_ONCE = 2;

export class WindowPipeline {
  private readonly order: WindowSlot[] = [];
  private readonly writing = new Set<Promise<void>>();
  private failed: { error: unknown } | undefined;

  constructor(
    private readonly frontier: Frontier,
    /** absent on a dry run: windows are done once evaluated */
    private readonly write?: { guard: BlastRadiusGuard; writer: Writer },
  ) {}

  /**
   * Some write settled: move the frontier past every finished window at the head, up to the first with a write
   * not started (its pages, and all after them, stay not done: a cursor redoes them).
   */
  settled(): void {
    while (this.order.length && this.order[0].pending === 0 && !this.order[0].unwritten) this.frontier.advance(this.order.shift()!.pages);
  }

  /** Takes windows until the producer closes the queue. */
  async consume(windows: AsyncIterable<PlanWindow>): Promise<void> {
    for await (const w of windows) {
      this.order.push(w.slot);
      if (this.write) await this.start(this.write.guard.offer(w));
      this.settled();
      this.rethrow();
    }
  }

  /** Discovery is over: writes what the guard held, waits for every write, sends the binds still grouping. */
  async finish(): Promise<void> {
    if (!this.write) return;
    await this.start(this.write.guard.end());
    await this.idle();
    await this.write.writer.flush();
    this.settled();
  }

  /** Waits for the writes in flight (after a failure elsewhere, so none is left running). */
  async idle(): Promise<void> {
    await Promise.all(this.writing);
    this.rethrow();
  }

  private async start(windows: PlanWindow[]): Promise<void> {
    for (const w of windows) {
      while (this.writing.size >= WINDOWS_AT_ONCE) await Promise.race(this.writing);
      this.rethrow();
      const p: Promise<void> = this.write!.writer.write(w.items)
        .catch((error: unknown) => void (this.failed ??= { error }))
        .finally(() => this.writing.delete(p));
      this.writing.add(p);
    }
  }

  private rethrow(): void {
    if (this.failed) throw this.failed.error;
  }
}
