/**
 * Executes a plan: makes sure the tag keys exist, unbinds old values where a rule says `overwrite`, then
 * binds, in the fewest calls the limits allow, several at once under the write budget. Every binding ends
 * applied, skipped or failed with a reason. A call the server rejects as a bad request is split in halves
 * until the bad asset is isolated, so one bad id never fails a hundred good ones. No call starts after the
 * deadline; what was not started is reported as such. The plan carries everything this needs.
 */
import { InvalidRequestError } from '../errors';
import { LIMITS, type DataWorksApi, type Tag, type UnTagDataAssetsRequest, ASSET_KINDS, assetKindOf } from '../dataworks';
import { forEachLimit } from '../concurrency';
import { ApplyLedger, failure, NOT_STARTED, type ApplyOutcome, type Outcome } from './apply-ledger';
import { groupCalls, type AssetWrite, type WriteCall } from './batches';
import { tagKeyInPlace } from './tag-keys';
import type { Plan, PlannedBinding, RunDeps } from './types';

const DEFAULT_WRITE_CONCURRENCY = 4;

/** One pass of write calls: which tag of a binding it sends, the call, and what its outcome means for the binding. */
interface WritePass {
  tagOf(b: PlannedBinding): Tag;
  send(api: DataWorksApi, request: UnTagDataAssetsRequest): Promise<unknown>;
  record(ledger: ApplyLedger, b: PlannedBinding, outcome: Outcome): void;
}

/** Overwrite: the old value is unbound first; only a failure decides the binding (success leads to the bind). */
const UNBIND: WritePass = {
  tagOf: (b) => ({ key: b.key, value: b.currentValue! }),
  send: (api, request) => api.unTagDataAssets(request),
  record(ledger, b, o) {
    if (!o.ok) ledger.settle(b, o.notStarted ? o : { ...o, reason: `unbinding the old value "${b.currentValue}" failed: ${o.reason}` });
  },
};

const BIND: WritePass = {
  tagOf: (b) => ({ key: b.key, value: b.value }),
  send: (api, request) => api.tagDataAssets(request),
  record(ledger, b, o) {
    ledger.settle(b, o);
    const old = b.resolution === 'overwrite' ? b.currentValue! : null;
    if (o.ok) ledger.audit(b, old, b.value);
    else if (old !== null) ledger.audit(b, old, null); // the old value is gone and the new one did not bind
  },
};

/** Runs one call; a bad-request rejection of several ids is split until each bad id stands alone. */
async function callSplitting(call: WriteCall, send: (c: WriteCall) => Promise<unknown>, outOfTime: () => boolean): Promise<{ call: WriteCall; outcome: Outcome }[]> {
  if (outOfTime()) return [{ call, outcome: { ok: false, reason: NOT_STARTED, notStarted: true } }];
  try {
    await send(call);
    return [{ call, outcome: { ok: true } }];
  } catch (e) {
    if (!(e instanceof InvalidRequestError) || call.assetIds.length === 1) return [{ call, outcome: failure(e) }];
    const mid = Math.ceil(call.assetIds.length / 2);
    return [
      ...(await callSplitting({ ...call, assetIds: call.assetIds.slice(0, mid) }, send, outOfTime)),
      ...(await callSplitting({ ...call, assetIds: call.assetIds.slice(mid) }, send, outOfTime)),
    ];
  }
}

/** Per-asset writes, each with the workspace and env its kind's bind calls carry. */
function toWrites(bs: readonly PlannedBinding[], tagOf: (b: PlannedBinding) => Tag): AssetWrite[] {
  const byAsset = new Map<string, AssetWrite>();
  for (const b of bs) {
    const scope = ASSET_KINDS[assetKindOf(b.assetType)].writeScope(b);
    const w = byAsset.get(b.assetId) ?? { assetId: b.assetId, assetType: b.assetType, ...scope, tags: [] };
    w.tags.push(tagOf(b));
    byAsset.set(b.assetId, w);
  }
  return [...byAsset.values()];
}

/** Sends `bindings` in grouped calls under the write concurrency, recording each binding's outcome as its call ends. */
async function writePass(pass: WritePass, bindings: readonly PlannedBinding[], ledger: ApplyLedger, deps: RunDeps, outOfTime: () => boolean): Promise<void> {
  const byAssetAndKey = new Map(bindings.map((b) => [`${b.assetId}\u0000${b.key}`, b]));
  const send = (c: WriteCall) =>
    pass.send(deps.api, { dataAssetIds: c.assetIds, tags: c.tags, dataAssetType: c.assetType, projectId: c.projectId, envType: c.envType });
  await forEachLimit(groupCalls(toWrites(bindings, pass.tagOf)), deps.writeConcurrency ?? DEFAULT_WRITE_CONCURRENCY, async (call) => {
    for (const leaf of await callSplitting(call, send, outOfTime)) {
      for (const id of leaf.call.assetIds) for (const t of leaf.call.tags) pass.record(ledger, byAssetAndKey.get(`${id}\u0000${t.key}`)!, leaf.outcome);
    }
    ledger.progress();
  });
}

/**
 * Creates missing tag keys and extends existing ones (always the full union). A create or update refused
 * because it already happened (its answer was lost) counts as done. Returns the failed keys' outcomes.
 */
async function ensureTagKeys(plan: Plan, api: DataWorksApi, outOfTime: () => boolean): Promise<Map<string, Outcome>> {
  const failed = new Map<string, Outcome>();
  for (const change of plan.tagKeys) {
    if (outOfTime()) {
      failed.set(change.key, { ok: false, reason: NOT_STARTED, notStarted: true });
      continue;
    }
    try {
      if (change.action === 'create') await api.createDataAssetTag({ key: change.key, values: change.values, description: change.description });
      else await api.updateDataAssetTag({ key: change.key, values: change.values });
    } catch (e) {
      if (e instanceof InvalidRequestError && (await tagKeyInPlace(api, change).catch(() => false))) continue;
      const f = failure(e);
      failed.set(change.key, !f.ok && !f.notStarted ? { ...f, reason: `tag key "${change.key}" could not be ${change.action}d: ${f.reason}` } : f);
    }
  }
  return failed;
}

/** Bindings that would take their asset past 20 tags (current tags + new keys): failed before any call. */
function overTagLimit(plan: Plan, bindings: PlannedBinding[]): Map<PlannedBinding, Outcome> {
  const newKeys = new Map<string, number>();
  for (const b of bindings) if (b.action === 'bind') newKeys.set(b.assetId, (newKeys.get(b.assetId) ?? 0) + 1);
  const over = new Map<PlannedBinding, Outcome>();
  for (const b of bindings) {
    const total = (plan.tagCounts[b.assetId] ?? 0) + (newKeys.get(b.assetId) ?? 0);
    if (total > LIMITS.maxTagsPerAsset) {
      over.set(b, { ok: false, reason: `the asset would carry ${total} tags, more than the limit of ${LIMITS.maxTagsPerAsset}`, code: 'TOO_MANY_TAGS' });
    }
  }
  return over;
}

export async function applyPlan(plan: Plan, deps: RunDeps): Promise<ApplyOutcome> {
  const outOfTime = () => deps.deadline !== undefined && deps.clock.now() >= deps.deadline;
  const ledger = new ApplyLedger(plan, deps);

  // 1. Tag keys, then 2. the 20-tags-per-asset limit: both fail bindings before any binding call.
  const keyOutcome = await ensureTagKeys(plan, deps.api, outOfTime);
  for (const b of ledger.toApply) {
    const k = keyOutcome.get(b.key);
    if (k && !k.ok) ledger.settle(b, k);
  }
  for (const [b, o] of overTagLimit(plan, ledger.pending())) ledger.settle(b, o);

  // 3. Overwrite: unbind the old value first. 4. Bind what is still undecided.
  await writePass(UNBIND, ledger.pending().filter((b) => b.resolution === 'overwrite'), ledger, deps, outOfTime);
  await writePass(BIND, ledger.pending(), ledger, deps, outOfTime);

  ledger.progress();
  return ledger.results();
}
