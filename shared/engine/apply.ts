/**
 * Executes a plan: makes sure the tag keys exist, unbinds old values where a rule says `overwrite`, then
 * binds, in the fewest calls the limits allow, several at once under the write budget. Every binding ends
 * applied, skipped or failed with a reason. A call the server rejects as a bad request is split in halves
 * until the bad asset is isolated, so one bad id never fails a hundred good ones. No call starts after the
 * deadline; what was not started is reported as such.
 */
import { ApiError, AutotagError, DeadlineExceededError, InvalidRequestError } from '../errors';
import { LIMITS, type Tag, ASSET_KINDS, assetKindOf } from '../dataworks';
import { groupCalls, type AssetWrite, type WriteCall } from './batches';
import { apiCounters } from './plan';
import { tagKeyInPlace } from './tag-keys';
import type { AuditRecord, BindingResult, Plan, PlannedBinding, RunDeps, RunRequest } from './types';
import { forEachLimit } from '../concurrency';

const DEFAULT_WRITE_CONCURRENCY = 4;
const NOT_STARTED = 'not started: the time budget ran out';

export interface ApplyOutcome {
  results: BindingResult[];
  notStarted: number;
}

type Outcome = { ok: true } | { ok: false; reason: string; code?: string; notStarted?: boolean };

function failure(e: unknown): Outcome {
  if (e instanceof DeadlineExceededError) return { ok: false, reason: NOT_STARTED, notStarted: true };
  const code = e instanceof ApiError ? e.serviceCode : e instanceof AutotagError ? e.code : undefined;
  const message = e instanceof Error ? e.message : String(e);
  return { ok: false, reason: message, code };
}

/** Runs one call; a bad-request rejection of several ids is split until each bad id stands alone. */
async function callSplitting(call: WriteCall, fn: (c: WriteCall) => Promise<unknown>, outOfTime: () => boolean): Promise<{ call: WriteCall; outcome: Outcome }[]> {
  if (outOfTime()) return [{ call, outcome: { ok: false, reason: NOT_STARTED, notStarted: true } }];
  try {
    await fn(call);
    return [{ call, outcome: { ok: true } }];
  } catch (e) {
    if (!(e instanceof InvalidRequestError) || call.assetIds.length === 1) return [{ call, outcome: failure(e) }];
    const mid = Math.ceil(call.assetIds.length / 2);
    return [
      ...(await callSplitting({ ...call, assetIds: call.assetIds.slice(0, mid) }, fn, outOfTime)),
      ...(await callSplitting({ ...call, assetIds: call.assetIds.slice(mid) }, fn, outOfTime)),
    ];
  }
}

/** Per-asset writes, each with the workspace and env its kind's bind calls carry. */
function toWrites(bs: PlannedBinding[], tagOf: (b: PlannedBinding) => Tag): AssetWrite[] {
  const byAsset = new Map<string, AssetWrite>();
  for (const b of bs) {
    const scope = ASSET_KINDS[assetKindOf(b.assetType)].writeScope(b);
    const w = byAsset.get(b.assetId) ?? { assetId: b.assetId, assetType: b.assetType, ...scope, tags: [] };
    w.tags.push(tagOf(b));
    byAsset.set(b.assetId, w);
  }
  return [...byAsset.values()];
}

/**
 * Creates missing tag keys and extends existing ones (always the full union). A create or update refused
 * because it already happened (its answer was lost) counts as done. Returns the failed keys' outcomes.
 */
async function ensureTagKeys(plan: Plan, request: RunRequest, api: RunDeps['api'], outOfTime: () => boolean): Promise<Map<string, Outcome>> {
  const failed = new Map<string, Outcome>();
  for (const change of plan.tagKeys) {
    if (outOfTime()) {
      failed.set(change.key, { ok: false, reason: NOT_STARTED, notStarted: true });
      continue;
    }
    try {
      if (change.action === 'create') {
        const description = request.ruleSet.tagKeys.find((k) => k.key === change.key)?.description;
        await api.createDataAssetTag({ key: change.key, values: change.values, description });
      } else {
        await api.updateDataAssetTag({ key: change.key, values: change.values });
      }
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

export async function applyPlan(plan: Plan, request: RunRequest, deps: RunDeps): Promise<ApplyOutcome> {
  const { api, clock } = deps;
  const outOfTime = () => deps.deadline !== undefined && clock.now() >= deps.deadline;
  const state = new Map<PlannedBinding, Outcome>();
  const toApply = plan.bindings.filter((b) => b.action === 'bind' || b.resolution === 'overwrite');
  const progress = () => {
    const done = [...state.values()];
    deps.onProgress?.({
      phase: 'apply',
      scanned: plan.stats.assetsScanned,
      applied: done.filter((o) => o.ok).length,
      failed: done.filter((o) => !o.ok).length,
      totalToApply: toApply.length,
      ...apiCounters(deps),
    });
  };
  // Without a sink of its own, every change is an info log line: in FC that is the function's log store.
  const sink = deps.audit ?? ((record: AuditRecord) => deps.logger.info('tag changed', { audit: record }));
  const audit = (b: PlannedBinding, oldValue: string | null, newValue: string | null) =>
    sink({ runId: plan.runId, trigger: request.trigger, assetId: b.assetId, assetName: b.assetName, key: b.key, oldValue, newValue, ruleId: b.ruleId, time: new Date(clock.now()).toISOString() });

  // 1. Tag keys, then 2. the 20-tags-per-asset limit: both fail bindings before any binding call.
  const keyOutcome = await ensureTagKeys(plan, request, api, outOfTime);
  for (const b of toApply) {
    const k = keyOutcome.get(b.key);
    if (k && !k.ok) state.set(b, k);
  }
  for (const [b, o] of overTagLimit(plan, toApply.filter((b) => !state.has(b)))) state.set(b, o);

  const pending = () => toApply.filter((b) => !state.has(b));
  const lookup = (bs: PlannedBinding[]) => new Map(bs.map((b) => [`${b.assetId}\u0000${b.key}`, b]));
  const run = async (bs: PlannedBinding[], tagOf: (b: PlannedBinding) => Tag, fn: (c: WriteCall) => Promise<unknown>, onResult: (b: PlannedBinding, o: Outcome) => void) => {
    const index = lookup(bs);
    await forEachLimit(groupCalls(toWrites(bs, tagOf)), deps.writeConcurrency ?? DEFAULT_WRITE_CONCURRENCY, async (call) => {
      for (const leaf of await callSplitting(call, fn, outOfTime)) {
        for (const id of leaf.call.assetIds) for (const t of leaf.call.tags) onResult(index.get(`${id}\u0000${t.key}`)!, leaf.outcome);
      }
      progress();
    });
  };
  const params = (c: WriteCall) => ({ dataAssetIds: c.assetIds, tags: c.tags, dataAssetType: c.assetType, projectId: c.projectId, envType: c.envType });

  // 3. Overwrite: unbind the old value first.
  await run(
    pending().filter((b) => b.resolution === 'overwrite'),
    (b) => ({ key: b.key, value: b.currentValue! }),
    (c) => api.unTagDataAssets(params(c)),
    (b, o) => {
      if (!o.ok) state.set(b, o.notStarted ? o : { ...o, reason: `unbinding the old value "${b.currentValue}" failed: ${o.reason}` });
    },
  );

  // 4. Bind.
  await run(
    pending(),
    (b) => ({ key: b.key, value: b.value }),
    (c) => api.tagDataAssets(params(c)),
    (b, o) => {
      state.set(b, o);
      const old = b.resolution === 'overwrite' ? b.currentValue! : null;
      if (o.ok) audit(b, old, b.value);
      else if (old !== null) audit(b, old, null); // the old value is gone and the new one did not bind
    },
  );

  const results: BindingResult[] = [];
  let notStarted = 0;
  const result = (b: PlannedBinding, outcome: BindingResult['outcome'], reason?: string, code?: string) =>
    results.push({ assetId: b.assetId, key: b.key, value: b.value, ruleId: b.ruleId, outcome, reason, code });
  for (const b of plan.bindings) {
    if (b.action === 'conflict' && b.resolution === 'skip') result(b, 'skipped', `conflict: ${b.key} is bound to "${b.currentValue}" (onConflict: skip)`);
  }
  for (const b of toApply) {
    const o = state.get(b) ?? { ok: false, reason: 'not attempted' };
    if (o.ok) result(b, 'applied');
    else if (o.notStarted) {
      notStarted++;
      result(b, 'skipped', o.reason);
    } else result(b, 'failed', o.reason, o.code);
  }
  progress();
  return { results, notStarted };
}
