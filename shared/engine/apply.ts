/**
 * Writes a plan, window by window: makes sure the tag keys hold the values (tag-keys.ts), unbinds old values
 * where a rule says `overwrite`, then binds, in the fewest calls the limits allow (a group's call waits for the
 * next windows until it holds 100 ids; `flush` sends the rest), several at once under the write budget.
 *
 * Right before each call the assets it names are re-read (one ListDataAssets per call of at most 100 ids): a
 * write whose asset a concurrent writer changed since the plan read it (the key now bound, or bound to another
 * value) is left alone and reported as such, so a run never replaces a value another run just bound. A call
 * the server rejects as a bad request is retried once if a key had lost a value to a concurrent update (then
 * restored), else split in halves until the bad asset stands alone. An overwrite's intent (old → new) is
 * recorded in the audit trail before its unbind starts, so a run killed between the unbind and the bind still
 * leaves the old value on record. No call starts after the deadline, or once the audit trail could not take a
 * record; what was not started is reported as such. Every write ends applied, skipped or failed with a reason.
 */
import { InvalidRequestError } from '../errors';
import { ASSET_KINDS, assetKindOf, LIMITS, type DataWorksApi, type Tag, type UnTagDataAssetsRequest } from '../dataworks';
import { readCurrentTags } from '../discovery';
import { createSlots, type Slots } from '../concurrency';
import type { ApplyLedger } from './apply-ledger';
import { changedConcurrently, failure, OVERWRITE_CUT_SHORT, type Outcome } from './outcome';
import { CallGrouper, groupCalls, type AssetWrite, type WriteCall } from './batches';
import type { TagKeys } from './tag-keys';
import type { PlannedBinding } from './types';
import type { WriteItem } from './windows';

const DEFAULT_WRITE_CONCURRENCY = 8;

/** One pass of write calls: the tag of a binding it sends, what must be bound right before, and what its outcome means. */
interface WritePass {
  tagOf(b: PlannedBinding): Tag;
  send(api: DataWorksApi, request: UnTagDataAssetsRequest): Promise<unknown>;
  /** the value the binding's key must hold right before the call (null: unbound) */
  expected(b: PlannedBinding): string | null;
  record(ledger: ApplyLedger, item: WriteItem, outcome: Outcome): void;
  /** what must be on record before the call starts; false: it could not be, and the call must not start */
  announce(ledger: ApplyLedger, items: readonly WriteItem[]): boolean;
  /** the 20-tags-per-asset limit applies (binding adds keys) */
  addsKeys: boolean;
}

/** Overwrite: the old value is unbound first; only a failure decides the binding (success leads to the bind). */
const UNBIND: WritePass = {
  tagOf: (b) => ({ key: b.key, value: b.currentValue! }),
  send: (api, request) => api.unTagDataAssets(request),
  expected: (b) => b.currentValue!,
  record(ledger, item, o) {
    if (o.ok) return;
    const plain = o.notStarted || o.concurrent;
    ledger.settle(item, plain ? o : { ...o, reason: `unbinding the old value "${item.binding.currentValue}" failed: ${o.reason}` });
  },
  announce: (ledger, items) => ledger.intend(items),
  addsKeys: false,
};

const BIND: WritePass = {
  tagOf: (b) => ({ key: b.key, value: b.value }),
  send: (api, request) => api.tagDataAssets(request),
  // an overwrite's old value was unbound by the pass before
  expected: () => null,
  record(ledger, item, o) {
    const b = item.binding;
    const old = b.resolution === 'overwrite' ? b.currentValue! : null;
    // an overwrite's bind comes after its unbind succeeded: one that did not start left the old value gone
    ledger.settle(item, old !== null && !o.ok && o.notStarted ? overwriteCutShort(old, o) : o);
    if (o.ok) ledger.audit(b, old, b.value);
    else if (old !== null) ledger.audit(b, old, null); // the old value is gone and the new one did not bind
  },
  announce: () => true,
  addsKeys: true,
};

/** A failure, not "not started": the old value was unbound, the new one never bound (a re-run binds it). */
function overwriteCutShort(old: string, o: Outcome & { ok: false }): Outcome {
  return { ok: false, reason: `the old value "${old}" was unbound, but the new one was not bound (${o.reason}); a re-run binds it`, code: OVERWRITE_CUT_SHORT, cutShort: true, stop: o.stop };
}

const itemKey = (assetId: string, key: string) => `${assetId}\u0000${key}`;
const live = (i: WriteItem | undefined): i is WriteItem => i !== undefined && !i.outcome;

/** Per-asset writes, each with the workspace and env its kind's calls carry. */
function writesOf(pass: WritePass, items: readonly WriteItem[]): AssetWrite[] {
  const byAsset = new Map<string, AssetWrite>();
  for (const { binding: b } of items) {
    const w = byAsset.get(b.assetId) ?? { assetId: b.assetId, assetType: b.assetType, ...ASSET_KINDS[assetKindOf(b.assetType)].writeScope(b), tags: [] };
    w.tags.push(pass.tagOf(b));
    byAsset.set(b.assetId, w);
  }
  return [...byAsset.values()];
}

/** Writes whose asset would pass 20 tags (the tags it carries plus the keys the plan adds) fail before their call. */
function overTagLimit(items: readonly WriteItem[], carried: (i: WriteItem) => number, settle: (i: WriteItem, o: Outcome) => void): void {
  for (const i of items) {
    const total = carried(i) + i.asset.newKeys;
    if (total > LIMITS.maxTagsPerAsset) {
      settle(i, { ok: false, reason: `the asset would carry ${total} tags, more than the limit of ${LIMITS.maxTagsPerAsset}`, code: 'TOO_MANY_TAGS' });
    }
  }
}

export interface WriterOptions {
  api: DataWorksApi;
  ledger: ApplyLedger;
  keys: TagKeys;
  concurrency?: number;
}

export class Writer {
  private readonly slots: Slots;
  private readonly grouper = new CallGrouper();
  /** binds waiting in the grouper for more of their group, by asset and key */
  private readonly waiting = new Map<string, WriteItem>();

  constructor(private readonly o: WriterOptions) {
    this.slots = createSlots(o.concurrency ?? DEFAULT_WRITE_CONCURRENCY);
  }

  /** Writes one window (or several held ones at once); binds of incomplete groups may wait for `flush`. */
  async write(items: readonly WriteItem[]): Promise<void> {
    const { ledger, keys } = this.o;
    const keyFailures = await keys.ensure(items.filter(live).map((i) => BIND.tagOf(i.binding)), ledger);
    for (const i of items) if (live(i) && keyFailures.has(i.binding.key)) ledger.settle(i, keyFailures.get(i.binding.key)!);
    overTagLimit(items.filter(live), (i) => Object.keys(i.asset.view.tags).length, (i, o) => ledger.settle(i, o));

    const overwrites = items.filter((i) => live(i) && i.binding.resolution === 'overwrite');
    await this.calls(UNBIND, overwrites, groupCalls(writesOf(UNBIND, overwrites)));
    // an asset with an overwrite is bound right after its unbind; the others may wait for the rest of their group
    const overwritten = new Set(overwrites.map((i) => i.binding.assetId));
    const now = items.filter((i) => live(i) && overwritten.has(i.binding.assetId));
    const later = items.filter((i) => live(i) && !overwritten.has(i.binding.assetId));
    for (const i of later) this.waiting.set(itemKey(i.binding.assetId, i.binding.key), i);
    await Promise.all([this.calls(BIND, now, groupCalls(writesOf(BIND, now))), this.waitingCalls(this.grouper.add(writesOf(BIND, later)))]);
  }

  /** Sends every bind still waiting for its group to fill. */
  async flush(): Promise<void> {
    await this.waitingCalls(this.grouper.flush());
  }

  private async waitingCalls(calls: WriteCall[]): Promise<void> {
    const items = calls.flatMap((c) => c.assetIds.flatMap((id) => c.tags.map((t) => this.waiting.get(itemKey(id, t.key))!)));
    for (const i of items) this.waiting.delete(itemKey(i.binding.assetId, i.binding.key));
    await this.calls(BIND, items, calls);
  }

  private async calls(pass: WritePass, items: readonly WriteItem[], calls: WriteCall[]): Promise<void> {
    const byKey = new Map(items.map((i) => [itemKey(i.binding.assetId, i.binding.key), i]));
    await Promise.all(calls.map((c) => this.slots.run(() => this.call(pass, c, (id, key) => byKey.get(itemKey(id, key))))));
  }

  /** One call: its assets re-read, what changed since the plan left alone, the rest sent. */
  private async call(pass: WritePass, call: WriteCall, itemOf: (id: string, key: string) => WriteItem | undefined): Promise<void> {
    const { api, ledger } = this.o;
    const itemsOf = (id: string) => call.tags.map((t) => itemOf(id, t.key)).filter(live);
    const settleAll = (ids: readonly string[], o: Outcome) => ids.forEach((id) => itemsOf(id).forEach((i) => pass.record(ledger, i, o)));
    const halted = ledger.halt();
    if (halted) return settleAll(call.assetIds, halted);
    let fresh: Map<string, Record<string, string>>;
    try {
      fresh = await readCurrentTags(api, call.assetIds, call.assetType);
    } catch (e) {
      return settleAll(call.assetIds, failure(e));
    }
    for (const id of call.assetIds) {
      const now = fresh.get(id) ?? {};
      for (const i of itemsOf(id)) {
        const found = now[i.binding.key] ?? null;
        if (found !== pass.expected(i.binding)) pass.record(ledger, i, changedConcurrently(i.binding, pass.expected(i.binding), found));
      }
      if (pass.addsKeys) overTagLimit(itemsOf(id), () => Object.keys(now).length, (i, o) => pass.record(ledger, i, o));
    }
    // assets with every tag of the call still to write go together; one left with part of them goes alone
    const whole = call.assetIds.filter((id) => itemsOf(id).length === call.tags.length);
    const parts = call.assetIds.filter((id) => !whole.includes(id) && itemsOf(id).length > 0);
    const sends = [...(whole.length ? [{ ...call, assetIds: whole }] : []), ...parts.map((id) => ({ ...call, assetIds: [id], tags: itemsOf(id).map((i) => pass.tagOf(i.binding)) }))];
    for (const c of sends) {
      // what must be on record first (an overwrite's intent) is, or the call does not start: the trail failed
      const halt = ledger.halt() ?? (pass.announce(ledger, c.assetIds.flatMap(itemsOf)) ? undefined : ledger.halt());
      if (halt) settleAll(c.assetIds, halt);
      else for (const leaf of await this.sendSplitting(pass, c, false)) settleAll(leaf.call.assetIds, leaf.outcome);
    }
    ledger.progress();
  }

  /** Sends a call; a bad-request rejection is retried once after a key repair, else split until each bad id stands alone. */
  private async sendSplitting(pass: WritePass, call: WriteCall, repaired: boolean): Promise<{ call: WriteCall; outcome: Outcome }[]> {
    const { api, keys, ledger } = this.o;
    const halted = ledger.halt();
    if (halted) return [{ call, outcome: halted }];
    try {
      await pass.send(api, { dataAssetIds: call.assetIds, tags: call.tags, dataAssetType: call.assetType, projectId: call.projectId, envType: call.envType });
      return [{ call, outcome: { ok: true } }];
    } catch (e) {
      if (!(e instanceof InvalidRequestError)) return [{ call, outcome: failure(e) }];
      // a value a concurrent update dropped from its key is put back, and the call tried again
      if (!repaired && pass.addsKeys && (await keys.repair(call.tags, ledger).catch(() => false))) return this.sendSplitting(pass, call, true);
      if (call.assetIds.length === 1) return [{ call, outcome: failure(e) }];
      const mid = Math.ceil(call.assetIds.length / 2);
      return [
        ...(await this.sendSplitting(pass, { ...call, assetIds: call.assetIds.slice(0, mid) }, true)),
        ...(await this.sendSplitting(pass, { ...call, assetIds: call.assetIds.slice(mid) }, true)),
      ];
    }
  }
}
