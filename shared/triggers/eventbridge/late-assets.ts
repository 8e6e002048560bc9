/**
 * Assets an event names that the API does not show yet. DataWorks sends CommitTable, DeployTable and
 * UploadDataToTable before the commit, deploy or upload is done (research.md §4), so the table is often not
 * visible when the event arrives; failing the invocation would only have FC retry the whole batch and drop
 * it after the last retry. Instead, an asset not found (or not readable for a transient reason) is looked
 * for again with growing waits while this invocation's budget allows, then handed to a later invocation of
 * this same function: one async invocation carrying just those assets, delayed with `x-fc-async-delay`
 * (research.md §6). Only after the last attempt is it reported as not found. An asset the API refuses to
 * look up (invalid) is reported at once and dropped: looking again cannot change that answer.
 */
import type { Clock } from '../../clock';
import { chunk } from '../../concurrency';
import type { DataWorksApi } from '../../dataworks';
import { describeTarget, lookUpTargets, type AssetRef, type TableAssetIdFormat, type TargetLookup } from '../../discovery';
import { allRetryable, dispatchShards } from '../../fanout';
import type { Invocation } from '../../runtime';
import { RunIncompleteError } from '../async-failures';
import { invokerOf } from '../invoker';
import { lookAgainEvent } from './look-again';

/**
 * The schedule. Inside an invocation: waits of 0.5, 1, 2, 4 and 8 s (15.5 s in all), each only if it ends
 * within the first half of the invocation's budget, the other half being the run's. Across invocations: a
 * hand-on after 1, 5 and 15 minutes, so an asset is looked for over about 21 minutes in 4 invocations;
 * FC's async retries and maxAsyncEventAgeInSeconds (6 h for the events function) leave room for all.
 */
export const LATE_ASSETS = {
  waitsMs: [500, 1_000, 2_000, 4_000, 8_000],
  budgetShare: 0.5,
  handOnDelaysSeconds: [60, 300, 900],
} as const;

/** The attempt after which an asset still not found is reported as not found. */
export const LAST_ATTEMPT = 1 + LATE_ASSETS.handOnDelaysSeconds.length;

/** Assets per hand-on invocation: a few KB each way below FC's 128 KB async payload. */
const HAND_ON_CHUNK = 500;

/** The lookup, repeated for what is still missing or unreadable after each wait, until `lookUntil` (epoch ms). */
export async function lookForTargets(api: DataWorksApi, refs: readonly AssetRef[], options: { clock: Clock; lookUntil: number; format: TableAssetIdFormat }): Promise<TargetLookup> {
  const { clock, lookUntil, format } = options;
  let last = await lookUpTargets(api, refs, format);
  const found = [...last.found];
  const invalid = [...last.invalid];
  for (const wait of LATE_ASSETS.waitsMs) {
    const pending = [...last.missing, ...last.unreadable.map((u) => u.ref)];
    if (!pending.length || clock.now() + wait > lookUntil) break;
    await clock.sleep(wait);
    last = await lookUpTargets(api, pending, format);
    found.push(...last.found);
    invalid.push(...last.invalid);
  }
  return { found, invalid, missing: last.missing, unreadable: last.unreadable };
}

export interface NotFoundAsset {
  asset: string;
  ref: AssetRef;
  /** invocations that looked for it */
  attempts: number;
  /** why it ends here: the last read's error, or why it could not be handed on */
  reason?: string;
}

export interface HandedOn {
  assets: string[];
  /** the attempt the later invocation makes */
  attempt: number;
  delaySeconds: number;
  requestIds: (string | undefined)[];
}

export interface LateOutcome {
  handedOn?: HandedOn;
  notFound: NotFoundAsset[];
}

/**
 * Hands what is still pending to a later invocation when one is configured and attempts are left, and
 * reports the rest as not found. A hand-on FC refuses for a retryable reason makes the run incomplete (FC
 * retries this invocation, harmless: runs are idempotent); one it refuses for good (the role lacks
 * fc:InvokeFunction) ends the look for those assets, with the reason.
 */
export async function handOnOrReport(invocation: Invocation, pending: TargetLookup, attempt: number, origin: string): Promise<LateOutcome> {
  const reasons = new Map<AssetRef, string>(pending.unreadable.map((u) => [u.ref, `${u.code}: ${u.message}`]));
  const report = (refs: readonly AssetRef[], why?: string): NotFoundAsset[] =>
    refs.map((ref) => {
      const reason = why ?? reasons.get(ref);
      return { asset: describeTarget(ref), ref, attempts: attempt, ...(reason !== undefined && { reason }) };
    });
  const refs = [...pending.missing, ...pending.unreadable.map((u) => u.ref)];
  const target = invocation.config.lateAssetTarget;
  if (!refs.length || !target || attempt >= LAST_ATTEMPT) return { notFound: report(refs) };

  const delaySeconds = LATE_ASSETS.handOnDelaysSeconds[attempt - 1];
  const parts = chunk(refs, HAND_ON_CHUNK);
  const payloads = parts.map((part) => lookAgainEvent(part, attempt + 1, origin));
  const result = await dispatchShards(invokerOf(invocation, target, 'looking again for late assets'), target.functionName, payloads, { clock: invocation.clock, delaySeconds });
  const why = result.failed.map((f) => f.error.message).join('; ');
  if (result.failed.length && allRetryable(result.failed)) {
    throw new RunIncompleteError(invocation.context.requestId, 'hand-on', true, `late assets could not be handed to ${target.functionName}: ${why}`);
  }
  if (why) invocation.logger.error('late assets could not be handed on; they are reported as not found', { target: target.functionName, error: why });
  const partOf = (payload: object) => parts[payloads.indexOf(payload as Record<string, unknown>)];
  const handedOn = result.queued.flatMap((q) => partOf(q.scope));
  return {
    ...(handedOn.length && { handedOn: { assets: handedOn.map(describeTarget), attempt: attempt + 1, delaySeconds, requestIds: result.queued.map((q) => q.requestId) } }),
    notFound: report(result.failed.flatMap((f) => partOf(f.scope)), why ? `could not be handed to ${target.functionName}: ${why}` : undefined),
  };
}
