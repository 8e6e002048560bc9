/**
 * The timer trigger (the scheduled function): full runs on a cron, and the shards they fan out to, which
 * arrive as direct async invocations of the same function. Its runs carry the label `timer`.
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

export { parseScheduledEvent, type ScheduledRun } from './event';
export type { ScheduledOutcome } from './service';
