/**
 * The events function's one service: evaluate the assets a delivery of DataWorks events names (re-read from
 * the API: an event is a hint) with the default bundled rule set. Skipped and rejected events are logged
 * with their ids and returned; they never fail the invocation (a retry would not change them).
 */
import { runRules, type RunReport } from '../../engine';
import { runNotified, type Invocation } from '../../runtime';
import { requireComplete } from '../async-failures';
import type { EventTargets, RejectedEvent, SkippedEvent } from './event';

export interface EventOutcome {
  targets: number;
  skipped: SkippedEvent[];
  rejected: RejectedEvent[];
  /** absent when no event named an asset */
  report?: RunReport;
}

export async function runEventTargets(invocation: Invocation, events: EventTargets): Promise<EventOutcome> {
  const runId = invocation.context.requestId;
  const { targets, skipped, rejected } = events;
  for (const s of skipped) invocation.logger.info('event skipped', { runId, eventId: s.id, type: s.type, reason: s.reason });
  for (const r of rejected) invocation.logger.warn('event rejected', { runId, eventId: r.id, index: r.index, issues: r.issues });
  const outcome: EventOutcome = { targets: targets.length, skipped, rejected };
  if (!targets.length) {
    invocation.logger.info('no event names an asset: nothing to run', { runId });
    return outcome;
  }
  const ruleSet = await invocation.ruleSets.get();
  const notifier = invocation.notifier(ruleSet);
  const report = await runNotified(notifier, { ruleSet, trigger: invocation.trigger, runId, targets, maxBindings: invocation.config.maxBindings }, invocation.engineDeps(), runRules);
  return { ...outcome, report: requireComplete(report) };
}
