/**
 * What writing has done so far, in counts: each write settles once (applied, skipped because a concurrent
 * writer changed the asset first, failed, or not started), its result goes to the observer, an applied change
 * to the audit trail (an overwrite's intent before its unbind), a failure to its reason's group (with the first
 * asset ids), and the asset and window it belongs to count down. It also says when no new write may start
 * (`halt`: the deadline, or an audit sink that failed). Progress is O(1) per call: counters, never a scan.
 */
import type { DeadlineExceededError } from '../errors';
import { AuditTrail, auditToLog } from './audit-trail';
import { AUDIT_STOPPED, NOT_STARTED, type Outcome } from './outcome';
import { tagsAfter } from './plan-accumulator';
import { apiCounters, type ConcurrentChange, type FailureGroup, type ProgressEvent, type RunDeps } from './run-types';
import type { AuditRecord, BindingResult, PlannedBinding, RunCause } from './types';
import type { WriteItem } from './windows';

/** asset ids kept per failure reason, and concurrent changes kept, for the report */
const IDS_KEPT = 100;
/** distinct failure reasons reported; past them, failures are grouped by code alone (a reason may name its asset) */
const REASONS_KEPT = 100;

type AuditFields = Pick<AuditRecord, 'runId' | 'trigger' | 'ruleSetHash' | 'actor' | keyof RunCause>;

export interface LedgerContext {
  head: AuditFields;
  deps: Pick<RunDeps, 'clock' | 'logger' | 'audit' | 'onProgress' | 'metrics' | 'observer'>;
  /** scanned so far, for progress */
  scanned(): ProgressEvent['scanned'];
  /** writes planned so far */
  planned(): number;
  /** a window's last write settled */
  windowSettled(): void;
  /** the deadline's error once it has passed (no new write may start then) */
  pastDeadline(): DeadlineExceededError | undefined;
}

export class ApplyLedger {
  applied = 0;
  failed = 0;
  concurrent = 0;
  notStarted = 0;
  /** writes a stop kept from being made (not started, or overwrites cut short): a resumed run plans them again */
  redo = 0;
  /** what stopped a write from starting or finishing (the deadline, or an interrupt the API client saw), the first one */
  stoppedBy: DeadlineExceededError | undefined;
  skippedConflicts = 0;
  private readonly failures = new Map<string, FailureGroup>();
  private readonly changes: ConcurrentChange[] = [];
  readonly trail: AuditTrail;

  constructor(private readonly ctx: LedgerContext) {
    this.trail = new AuditTrail(ctx.deps.audit ?? auditToLog(ctx.deps.logger), ctx.deps.logger);
  }

  /** Why no new write may start now (the audit trail failed, or the time is up); undefined: it may. */
  halt(): Outcome | undefined {
    if (this.trail.failure) return { ok: false, reason: AUDIT_STOPPED, notStarted: true };
    const late = this.ctx.pastDeadline();
    return late ? { ok: false, reason: NOT_STARTED, notStarted: true, stop: late } : undefined;
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
    if (!outcome.ok) this.stoppedBy ??= outcome.stop;
    if (!outcome.ok && (outcome.notStarted || outcome.cutShort)) {
      this.redo++;
      item.asset.window.unwritten = true;
    }
    const b = item.binding;
    if (outcome.ok) {
      this.applied++;
      item.asset.applied.push(b);
      this.result(b, 'applied');
    } else if (outcome.notStarted) {
      this.notStarted++;
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

  /** Records the overwrites of `items` before their unbind; false when one could not be (the unbind must not start). */
  intend(items: readonly WriteItem[]): boolean {
    return items.every(({ binding: b }) =>
      this.trail.record({ kind: 'intent', ...this.ctx.head, assetId: b.assetId, assetName: b.assetName, key: b.key, oldValue: b.currentValue!, newValue: b.value, ruleId: b.ruleId, time: this.now() }),
    );
  }

  audit(b: PlannedBinding, oldValue: string | null, newValue: string | null): void {
    this.trail.record({ kind: 'binding', ...this.ctx.head, assetId: b.assetId, assetName: b.assetName, key: b.key, oldValue, newValue, ruleId: b.ruleId, time: this.now() });
  }

  auditKey(change: { key: string; action: 'create' | 'extend'; addedValues: string[]; values: string[]; restored?: string[] }): void {
    this.trail.record({ kind: 'tag-key', ...this.ctx.head, ...change, time: this.now() });
  }

  private now(): string {
    return new Date(this.ctx.deps.clock.now()).toISOString();
  }

  progress(): void {
    this.ctx.deps.onProgress?.({
      phase: 'apply',
      scanned: this.ctx.scanned(),
      applied: this.applied,
      failed: this.failed,
      totalToApply: this.ctx.planned(),
      ...apiCounters(this.ctx.deps),
    });
  }

  failureGroups(): FailureGroup[] {
    return [...this.failures.values()].map((g) => ({ ...g, assetIds: [...g.assetIds], keys: [...g.keys] }));
  }

  concurrentChanges(): { count: number; changes: ConcurrentChange[] } {
    return { count: this.concurrent, changes: [...this.changes] };
  }
}
