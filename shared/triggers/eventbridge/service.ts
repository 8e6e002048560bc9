/**
 * The events function's one service: evaluate the assets a delivery of DataWorks events names with the
 * default bundled rule set. The assets are re-read first (an event is a hint), all together, and those not
 * visible yet are looked for again (late-assets.ts); the run then evaluates what was found. One asset never
 * fails or retries the batch: a missing one is handed on or, after the last attempt, reported as not found
 * with its id; one the API refuses to look up is reported and dropped; a binding that fails is reported in
 * the run report (the client already retried what was transient). Skipped and rejected events are logged
 * with their ids and returned. Only what fails the whole invocation alike (configuration, permissions, the
 * deadline) is thrown, for FC to retry when a retry can help (async-failures.ts).
 */
import { runRules, type RunReport } from '../../engine';
import { describeTarget, type RefusedTarget } from '../../discovery';
import { runNotified, type Invocation } from '../../runtime';
import { requireComplete } from '../async-failures';
import type { EventTargets, RejectedEvent, SkippedEvent } from './event';
import { handOnOrReport, lookForTargets, LATE_ASSETS, type HandedOn, type NotFoundAsset } from './late-assets';

export interface EventOutcome {
  targets: number;
  skipped: SkippedEvent[];
  rejected: RejectedEvent[];
  /** which look this invocation was: 1 for DataWorks' own delivery, then one more per hand-on */
  attempt: number;
  /** assets still not found after the last attempt (or with no later invocation configured) */
  notFound: NotFoundAsset[];
  /** assets the API refused to look up: dropped, never retried */
  invalid: { asset: string; code: string; message: string }[];
  /** assets not visible yet, handed to a later invocation */
  handedOn?: HandedOn;
  /** the run over the assets found; absent when none was */
  report?: RunReport;
}

const invalidView = (r: RefusedTarget) => ({ asset: describeTarget(r.ref), code: r.code, message: r.message });

export async function runEventTargets(invocation: Invocation, events: EventTargets): Promise<EventOutcome> {
  const runId = invocation.context.requestId;
  const { targets, skipped, rejected } = events;
  const attempt = events.lookAgain?.attempt ?? 1;
  for (const s of skipped) invocation.logger.info('event skipped', { runId, eventId: s.id, type: s.type, reason: s.reason });
  for (const r of rejected) invocation.logger.warn('event rejected', { runId, eventId: r.id, index: r.index, issues: r.issues });
  const outcome: EventOutcome = { targets: targets.length, skipped, rejected, attempt, notFound: [], invalid: [] };
  if (!targets.length) {
    invocation.logger.info('no event names an asset: nothing to run', { runId });
    return outcome;
  }

  const ruleSet = await invocation.ruleSets.get();
  const deps = invocation.engineDeps();
  const { clock } = invocation;
  const lookUntil = clock.now() + (invocation.context.deadline - clock.now()) * LATE_ASSETS.budgetShare;
  const looked = await lookForTargets(deps.api, targets, { clock, lookUntil, format: ruleSet.sources.tables?.assetIdFormat ?? 'metaEntityId' });
  for (const r of looked.invalid) invocation.logger.warn('event asset refused by the API: dropped', { runId, asset: describeTarget(r.ref), code: r.code, message: r.message });

  const notifier = invocation.notifier(ruleSet);
  const request = { ruleSet, trigger: invocation.trigger, runId, targets: looked.found.map((f) => ({ ...f.ref, found: f.asset })), maxBindings: invocation.config.maxBindings };
  const report = looked.found.length ? await runNotified(notifier, await invocation.audited(request, { eventIds: events.eventIds }), deps, runRules) : undefined;
  // failed bindings are reported, not retried; a deadline is retried before anything is handed on (FC runs the batch again, idempotently)
  const settled = report?.status === 'deadline' ? requireComplete(report) : report;
  const late = await handOnOrReport(invocation, looked, attempt, events.lookAgain?.origin ?? runId);
  if (late.handedOn) invocation.logger.info('event assets not visible yet: looking again later', { runId, ...late.handedOn });
  for (const n of late.notFound) invocation.logger.warn('event asset not found', { runId, asset: n.asset, ref: n.ref, attempts: n.attempts, reason: n.reason });
  return { ...outcome, invalid: looked.invalid.map(invalidView), notFound: late.notFound, ...(late.handedOn && { handedOn: late.handedOn }), ...(settled && { report: settled }) };
}
