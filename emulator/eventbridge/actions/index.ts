/**
 * The EventBridge 2020-04-01 actions the fake answers, by `x-acs-action` name. Anything else is
 * `InvalidApi.NotFound`, including real actions autotag does not use (DeleteRule, EnableRule, …).
 */
import { createEventBus, getEventBus, listEventBuses } from './buses';
import type { ActionSpec } from './context';
import { listTargets, putTargets } from './event-targets';
import { createRule, getRule, listRules, updateRule } from './rules';

const ACTIONS: ReadonlyMap<string, ActionSpec> = new Map([
  ['CreateEventBus', createEventBus],
  ['GetEventBus', getEventBus],
  ['ListEventBuses', listEventBuses],
  ['CreateRule', createRule],
  ['GetRule', getRule],
  ['UpdateRule', updateRule],
  ['ListRules', listRules],
  ['PutTargets', putTargets],
  ['ListTargets', listTargets],
]);

export function findAction(name: string): ActionSpec | undefined {
  return ACTIONS.get(name);
}

export type { ActionContext, ActionSpec } from './context';
