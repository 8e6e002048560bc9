/**
 * The timer trigger (the scheduled function): full runs on a cron, the shards they fan out to and the
 * continuations of a run past its time budget, which arrive as direct async invocations of the same function.
 * Its runs carry the label `timer`; their pieces' log lines read back as one report (`combineRunPieces`).
 */
import { refuseAsyncStart, settleAsync } from '../async-failures';
import type { Trigger } from '../trigger';
import { parseScheduledEvent } from './event';
import { runScheduled } from './service';

export const timer = {
  name: 'timer',
  fcTriggerType: 'timer',
  requires: [],
  handle: settleAsync(parseScheduledEvent, runScheduled),
  refuseStart: refuseAsyncStart,
} satisfies Trigger;

export { continuationEvent, parseScheduledEvent, type ScheduledRun } from './event';
export type { ScheduledOutcome } from './service';
export { combineRunPieces, type ChainReport, type ChainState, type RunPiecesReport } from './run-pieces';
