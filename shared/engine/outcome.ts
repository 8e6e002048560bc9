/**
 * How one write ends: applied, or not, with the reason — failed (the API's error), not started (out of time,
 * or the audit log failed), or left alone because a concurrent writer changed the asset since the plan read it.
 */
import { ApiError, AutotagError, DeadlineExceededError } from '../errors';
import type { ConcurrentChange } from './run-types';
import type { PlannedBinding } from './types';

export const NOT_STARTED = 'not started: the time budget ran out';
export const AUDIT_STOPPED = 'not started: the audit log could not be written';

export type Outcome =
  | { ok: true }
  | {
      ok: false;
      reason: string;
      code?: string;
      notStarted?: boolean;
      /** an overwrite stopped between its unbind and its bind: failed, and to be done again like one not started */
      cutShort?: boolean;
      stop?: DeadlineExceededError;
      concurrent?: ConcurrentChange;
    };

export function failure(e: unknown): Outcome {
  if (e instanceof DeadlineExceededError) return { ok: false, reason: NOT_STARTED, notStarted: true, stop: e };
  const code = e instanceof ApiError ? e.serviceCode : e instanceof AutotagError ? e.code : undefined;
  const message = e instanceof Error ? e.message : String(e);
  return { ok: false, reason: message, code };
}

export const CHANGED_CONCURRENTLY = 'CHANGED_CONCURRENTLY';
/** an overwrite stopped between its unbind and its bind (the deadline, an interrupt, the audit log) */
export const OVERWRITE_CUT_SHORT = 'OVERWRITE_CUT_SHORT';

/** A write left alone: the asset's value for the key is no longer what the plan found. */
export function changedConcurrently(b: PlannedBinding, planned: string | null, found: string | null): Outcome {
  const now = found === null ? 'is no longer bound' : `is now bound to "${found}"`;
  return {
    ok: false,
    reason: `changed by a concurrent writer: ${b.key} ${now} (the plan found ${planned === null ? 'it unbound' : `"${planned}"`}); left alone`,
    code: CHANGED_CONCURRENTLY,
    concurrent: { assetId: b.assetId, key: b.key, planned, found, ruleId: b.ruleId },
  };
}

