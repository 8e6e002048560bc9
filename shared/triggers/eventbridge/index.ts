/**
 * The EventBridge trigger (the events function): DataWorks events, evaluated for the assets they name.
 * Its runs carry the label `event`.
 */
import { refuseAsyncStart, settleAsync } from '../async-failures';
import type { Trigger } from '../trigger';
import { parseEventBridgeEvent } from './event';
import { runEventTargets } from './service';

export const eventbridge = {
  name: 'event',
  fcTriggerType: 'eventbridge',
  requires: [],
  handle: settleAsync(parseEventBridgeEvent, runEventTargets),
  refuseStart: refuseAsyncStart,
} satisfies Trigger;

export { parseEventBridgeEvent, type EventTargets } from './event';
export { SUBSCRIBED_EVENT_TYPES } from './asset-events';
export type { EventOutcome } from './service';
export { connectBus, connection, DATAWORKS_FILTER_PATTERN, type Change, type Connection, type ConnectRequest, type ConnectResult } from './connect';
