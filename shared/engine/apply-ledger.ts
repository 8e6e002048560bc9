/**
 * What applying a plan has done so far: the outcome of each binding to write (settled once, by the first step
 * that decides it), the progress events and the audit records, and at the end one result per binding.
 */
import { ApiError, AutotagError, DeadlineExceededError } from '../errors';
import type { Logger } from '../log';
import { apiCounters } from './plan';
import type { AuditRecord, BindingResult, Plan, PlannedBinding, RunDeps } from './types';

export const NOT_STARTED = 'not started: the time budget ran out';

export type Outcome = { ok: true } | { ok: false; reason: string; code?: string; notStarted?: boolean };

export function failure(e: unknown): Outcome {
  if (e instanceof DeadlineExceededError) return { ok: false, reason: NOT_STARTED, notStarted: true };
  const code = e instanceof ApiError ? e.serviceCode : e instanceof AutotagError ? e.code : undefined;
  const message = e instanceof Error ? e.message : String(e);
  return { ok: false, reason: message, code };
}

/** The audit sink of a run without one of its own: an info log line per change (in FC, the function's log store). */
export const auditToLog =
  (logger: Logger) =>
  (record: AuditRecord): void =>
    logger.info('tag changed', { audit: record });

export interface ApplyOutcome {
  results: BindingResult[];
  notStarted: number;
}

export class ApplyLedger {
  /** the bindings that write: binds, and conflicts resolved by overwrite */
  readonly toApply: readonly PlannedBinding[];
  private readonly settled = new Map<PlannedBinding, Outcome>();
  private readonly sink: (record: AuditRecord) => void;

  constructor(
    private readonly plan: Plan,
    private readonly deps: Pick<RunDeps, 'clock' | 'logger' | 'audit' | 'onProgress' | 'metrics'>,
  ) {
    this.toApply = plan.bindings.filter((b) => b.action === 'bind' || b.resolution === 'overwrite');
    this.sink = deps.audit ?? auditToLog(deps.logger);
  }

  /** The bindings no step has decided yet. */
  pending(): PlannedBinding[] {
    return this.toApply.filter((b) => !this.settled.has(b));
  }

  settle(b: PlannedBinding, outcome: Outcome): void {
    this.settled.set(b, outcome);
  }

  audit(b: PlannedBinding, oldValue: string | null, newValue: string | null): void {
    const { plan, deps } = this;
    this.sink({ runId: plan.runId, trigger: plan.trigger, assetId: b.assetId, assetName: b.assetName, key: b.key, oldValue, newValue, ruleId: b.ruleId, time: new Date(deps.clock.now()).toISOString() });
  }

  progress(): void {
    const done = [...this.settled.values()];
    this.deps.onProgress?.({
      phase: 'apply',
      scanned: this.plan.stats.assetsScanned,
      applied: done.filter((o) => o.ok).length,
      failed: done.filter((o) => !o.ok).length,
      totalToApply: this.toApply.length,
      ...apiCounters(this.deps),
    });
  }

  /** One result per binding: conflicts skipped by the plan, then every binding to write as applied, skipped or failed. */
  results(): ApplyOutcome {
    const results: BindingResult[] = [];
    let notStarted = 0;
    const result = (b: PlannedBinding, outcome: BindingResult['outcome'], reason?: string, code?: string) =>
      results.push({ assetId: b.assetId, key: b.key, value: b.value, ruleId: b.ruleId, outcome, reason, code });
    for (const b of this.plan.bindings) {
      if (b.action === 'conflict' && b.resolution === 'skip') result(b, 'skipped', `conflict: ${b.key} is bound to "${b.currentValue}" (onConflict: skip)`);
    }
    for (const b of this.toApply) {
      const o = this.settled.get(b) ?? { ok: false, reason: 'not attempted' };
      if (o.ok) result(b, 'applied');
      else if (o.notStarted) {
        notStarted++;
        result(b, 'skipped', o.reason);
      } else result(b, 'failed', o.reason, o.code);
    }
    return { results, notStarted };
  }
}
