/**
 * What writing has done so far, in counts: each write settles once (applied, skipped because a concurrent
 * writer changed the asset first, failed, or not started), its result goes to the observer, an applied change
 * to the audit sink, a failure to its reason's group (with the first asset ids), and the asset and window it
 * belongs to count down. Progress is O(1) per call: counters, never a scan of what was written.
 */
import type { DeadlineExceededError } from '../errors';
import type { Logger } from '../log';
import type { Outcome } from './outcome';
import { tagsAfter } from './plan-accumulator';
import type { ConcurrentChange, FailureGroup, ProgressEvent, RunDeps } from './run-types';
import type { AuditRecord, BindingResult, PlannedBinding } from './types';
import type { WriteItem } from './windows';

/** asset ids kept per failure reason, and concurrent changes kept, for the report */
const IDS_KEPT = 100;
/** distinct failure reasons reported; past them, failures are grouped by code alone (a reason may name its asset) */
const REASONS_KEPT = 100;

type AuditFields = Pick<AuditRecord, 'runId' | 'trigger' | 'ruleSetHash' | 'actor'>;

/** The audit sink of a run without one of its own: an info log line per change (in FC, the function's log store). */
export const auditToLog =
  (logger: Logger) =>
  (record: AuditRecord): void =>
    logger.info(record.kind === 'binding' ? 'tag changed' : 'tag key changed', { audit: record });

export interface LedgerContext {
  head: AuditFields;
  deps: Pick<RunDeps, 'clock' | 'logger' | 'audit' | 'onProgress' | 'metrics' | 'observer'>;
  /** scanned so far, for progress */
  scanned(): ProgressEvent['scanned'];
  /** writes planned so far */
  planned(): number;
  /** a window's last write settled */
  windowSettled(): void;
}

export class ApplyLedger {
  applied = 0;
  failed = 0;
  concurrent = 0;
  notStarted = 0;
  /** what stopped a write from starting (a deadline or an interrupt the API client saw), the first one */
  stoppedBy: DeadlineExceededError | undefined;
  skippedConflicts = 0;
  private readonly failures = new Map<string, FailureGroup>();
  private readonly changes: ConcurrentChange[] = [];
  private readonly sink: (record: AuditRecord) => void;

  constructor(private readonly ctx: LedgerContext) {
    this.sink = ctx.deps.audit ?? auditToLog(ctx.deps.logger);
  }

  private result(b: PlannedBinding, outcome: BindingResult['outcome'], reason?: string, code?: string): void {
    this.ctx.deps.observer?.result?.({ assetId: b.assetId, key: b.key, value: b.value, ruleId: b.ruleId, outcome, reason, code });
  }

  /** A conflict the plan leaves alone (onConflict: skip). */
  conflictSkipped(b: PlannedBinding): void {
    this.skippedConflicts++;
    this.result(b, 'skipped', `conflict: ${b.key} is bound to "${b.currentValue}" (onConflict: skip)`);
  }

  /** Settles a write, once; later outcomes for it are ignored. */
  settle(item: WriteItem, outcome: Outcome): void {
    if (item.outcome) return;
    item.outcome = outcome;
    const b = item.binding;
    if (outcome.ok) {
      this.applied++;
      item.asset.applied.push(b);
      this.result(b, 'applied');
    } else if (outcome.notStarted) {
      this.notStarted++;
      this.stoppedBy ??= outcome.stop;
      item.asset.window.unwritten = true;
      this.result(b, 'skipped', outcome.reason);
    } else if (outcome.concurrent) {
      this.concurrent++;
      if (this.changes.length < IDS_KEPT) this.changes.push(outcome.concurrent);
      this.result(b, 'skipped', outcome.reason, outcome.code);
    } else {
      this.failed++;
      this.addFailure(item, outcome.reason, outcome.code);
      this.result(b, 'failed', outcome.reason, outcome.code);
    }
    if (--item.asset.pending === 0) this.ctx.deps.observer?.asset?.(item.asset.view, tagsAfter(item.asset.view, item.asset.applied));
    if (--item.asset.window.pending === 0) this.ctx.windowSettled();
  }

  private addFailure(item: WriteItem, message: string, code?: string): void {
    let id = `${code}|${message}`;
    let reason = message;
    if (!this.failures.has(id) && this.failures.size >= REASONS_KEPT) {
      id = `${code}|`;
      reason = `more failures${code ? ` with code ${code}` : ''}, for reasons not listed (the first ${REASONS_KEPT} reasons are)`;
    }
    const group = this.failures.get(id) ?? { assetIds: [], assets: 0, keys: [], reason, code };
    const seen = (item.asset.failedFor ??= new Set());
    if (!seen.has(id)) {
      seen.add(id);
      group.assets++;
      if (group.assetIds.length < IDS_KEPT) group.assetIds.push(item.binding.assetId);
    }
    if (!group.keys.includes(item.binding.key)) group.keys.push(item.binding.key);
    this.failures.set(id, group);
  }

  audit(b: PlannedBinding, oldValue: string | null, newValue: string | null): void {
    this.sink({ kind: 'binding', ...this.ctx.head, assetId: b.assetId, assetName: b.assetName, key: b.key, oldValue, newValue, ruleId: b.ruleId, time: this.now() });
  }

  auditKey(change: { key: string; action: 'create' | 'extend'; addedValues: string[]; values: string[]; restored?: string[] }): void {
    this.sink({ kind: 'tag-key', ...this.ctx.head, ...change, time: this.now() });
  }

  private now(): string {
    return new Date(this.ctx.deps.clock.now()).toISOString();
  }

  progress(): void {
    const m = this.ctx.deps.metrics?.();
    this.ctx.deps.onProgress?.({
      phase: 'apply',
      scanned: this.ctx.scanned(),
      applied: this.applied,
      failed: this.failed,
      totalToApply: this.ctx.planned(),
      throttled: m?.throttled ?? 0,
      retries: m?.retries ?? 0,
    });
  }

  failureGroups(): FailureGroup[] {
    return [...this.failures.values()].map((g) => ({ ...g, assetIds: [...g.assetIds], keys: [...g.keys] }));
  }

  concurrentChanges(): { count: number; changes: ConcurrentChange[] } {
    return { count: this.concurrent, changes: [...this.changes] };
  }
}
