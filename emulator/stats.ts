/**
 * What the emulator saw: per-action call counts and outcomes, the largest id and tag lists sent in one call,
 * throttled and faulted requests, and violations (things autotag promised never to do). Tests read these to
 * assert, for instance, "zero write calls on a re-run" or "never more than 100 ids per call".
 */

export const FAULT_KINDS = ['5xx', 'throttle', 'reset', 'lostResponse', 'latency'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * - `over-limit`: a call over a documented limit (more than 100 ids or 20 tags, a PageSize over 100)
 * - `dropped-tag-value`: UpdateDataAssetTag left out a value the key had
 * - `delete-called`: DeleteDataAssetTag was called at all
 * - `silent-overwrite`: TagDataAssets asked for another value of a key the asset already has. autotag
 *   changes a value only by UnTag then Tag (a rule with onConflict: overwrite, audited old → new); a Tag over
 *   a bound value is refused here, but a service that replaced it would overwrite unaudited, as under skip.
 * - `replaced-tag-value`: the same, in the emulator's tagConflict 'replace' mode, where the value was replaced
 */
export const VIOLATION_KINDS = ['over-limit', 'dropped-tag-value', 'delete-called', 'silent-overwrite', 'replaced-tag-value'] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

export interface Violation {
  kind: ViolationKind;
  action: string;
  requestId: string;
  /** ISO time */
  at: string;
  message: string;
  detail?: Record<string, unknown>;
}

export interface ActionStats {
  /** every request naming the action, whatever became of it */
  calls: number;
  /** the handler ran to completion (a write was applied), even if the response was then dropped */
  succeeded: number;
  throttled: number;
  faults: number;
  maxDataAssetIds: number;
  maxTags: number;
}

export interface CallStats {
  total: number;
  readCalls: number;
  /** Create/Update/Delete tag keys, Tag/UnTag assets: attempted, whatever the outcome */
  writeCalls: number;
  succeeded: number;
  throttled: number;
  /** requests refused for their signature, credentials, date or nonce */
  authFailures: number;
  faultsInjected: number;
  faultsByKind: Record<FaultKind, number>;
  maxDataAssetIds: number;
  maxTags: number;
  byAction: Record<string, ActionStats>;
  /**
   * calls to the other service the emulator answers (STS GetCallerIdentity), by action: counted here only, in
   * none of the DataWorks counts above (they take no DataWorks budget)
   */
  otherServices: Record<string, number>;
  /**
   * The write log in numbers: bindings TagDataAssets made, and bindings it was asked for that the asset already
   * had with that value (a write that changed nothing: a binding written twice, by one writer or two)
   */
  bindings: { made: number; repeated: number };
}

export type ActionClass = 'read' | 'write' | 'unknown';

function emptyStats(): CallStats {
  return {
    total: 0,
    readCalls: 0,
    writeCalls: 0,
    succeeded: 0,
    throttled: 0,
    authFailures: 0,
    faultsInjected: 0,
    faultsByKind: { '5xx': 0, throttle: 0, reset: 0, lostResponse: 0, latency: 0 },
    maxDataAssetIds: 0,
    maxTags: 0,
    byAction: {},
    otherServices: {},
    bindings: { made: 0, repeated: 0 },
  };
}

export class StatsRecorder {
  private stats = emptyStats();
  private recorded: Violation[] = [];

  private of(action: string): ActionStats {
    return (this.stats.byAction[action] ??= { calls: 0, succeeded: 0, throttled: 0, faults: 0, maxDataAssetIds: 0, maxTags: 0 });
  }

  received(action: string, kind: ActionClass): void {
    this.stats.total++;
    if (kind === 'read') this.stats.readCalls++;
    if (kind === 'write') this.stats.writeCalls++;
    this.of(action).calls++;
  }

  /** a call of another service's action (STS), whatever became of it */
  otherService(action: string): void {
    this.stats.otherServices[action] = (this.stats.otherServices[action] ?? 0) + 1;
  }

  fault(action: string, kind: FaultKind): void {
    this.stats.faultsInjected++;
    this.stats.faultsByKind[kind]++;
    this.of(action).faults++;
  }

  throttled(action: string): void {
    this.stats.throttled++;
    this.of(action).throttled++;
  }

  authFailed(): void {
    this.stats.authFailures++;
  }

  observe(action: string, counts: { dataAssetIds?: number; tags?: number }): void {
    const a = this.of(action);
    a.maxDataAssetIds = Math.max(a.maxDataAssetIds, counts.dataAssetIds ?? 0);
    a.maxTags = Math.max(a.maxTags, counts.tags ?? 0);
    this.stats.maxDataAssetIds = Math.max(this.stats.maxDataAssetIds, a.maxDataAssetIds);
    this.stats.maxTags = Math.max(this.stats.maxTags, a.maxTags);
  }

  bound(counts: { made: number; repeated: number }): void {
    this.stats.bindings.made += counts.made;
    this.stats.bindings.repeated += counts.repeated;
  }

  succeeded(action: string): void {
    this.stats.succeeded++;
    this.of(action).succeeded++;
  }

  violation(v: Violation): void {
    this.recorded.push(v);
  }

  calls(): CallStats {
    return structuredClone(this.stats);
  }

  violations(): Violation[] {
    return structuredClone(this.recorded);
  }

  /** forgets counts and violations */
  reset(): void {
    this.stats = emptyStats();
    this.recorded = [];
  }
}
