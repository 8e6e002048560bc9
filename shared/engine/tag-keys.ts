/**
 * The tag keys a run needs, made to hold the values its writes bind: a declared key that is missing is
 * created (with the values the rule set declares, plus those bound), an existing key is extended only with
 * values this run binds, and a key that exists with no value list accepts any value and is left alone. A run
 * that binds nothing changes no key.
 *
 * UpdateDataAssetTag may replace the whole list (reference decision 8) and there is no compare-and-set, so a
 * concurrent writer extending the same key could lose a value: the key is re-read right before each update,
 * which sends the union of what is there now and what is missing, and read again after it; a value that went
 * missing (another update raced this one) is merged back, a few times at most. Every creation and extension is
 * audited. Key changes are serialized within the run; later windows find the values in the run's snapshot and
 * make no call.
 */
import { InvalidRequestError } from '../errors';
import { type DataWorksApi, paginate, type Tag } from '../dataworks';
import type { TagKeySpec } from '../rules';
import type { ApplyLedger } from './apply-ledger';
import { failure, type Outcome } from './outcome';
import type { TagKeyChange } from './types';

/** merges after an update that lost a value to a concurrent one */
const MERGE_ATTEMPTS = 3;

interface Extended {
  values: string[];
  /** values this run added */
  added: string[];
  /** values a concurrent update dropped, merged back */
  restored: string[];
  /** values still missing after every attempt */
  missing: string[];
}

export class TagKeys {
  private snapshot = new Map<string, string[]>();
  private serial: Promise<unknown> = Promise.resolve();
  /** the changes made, in order */
  readonly made: TagKeyChange[] = [];

  constructor(
    private readonly specs: readonly TagKeySpec[],
    private readonly api: DataWorksApi,
  ) {}

  /** Reads every key once, at the start of the run. */
  async load(): Promise<void> {
    for await (const items of paginate((pageNumber, pageSize) => this.api.listDataAssetTags({ pageNumber, pageSize }))) {
      for (const k of items) this.snapshot.set(k.key, k.values);
    }
  }

  /** The changes `valuesWritten` would need, from the snapshot (what a dry run shows). */
  planned(valuesWritten: ReadonlyMap<string, ReadonlySet<string>>): TagKeyChange[] {
    return this.specs.flatMap((spec) => {
      const written = [...(valuesWritten.get(spec.key) ?? [])];
      return written.length ? (this.changeFor(spec, this.snapshot.get(spec.key), written) ?? []) : [];
    });
  }

  private changeFor(spec: TagKeySpec, current: string[] | undefined, written: string[]): TagKeyChange | undefined {
    if (current === undefined) {
      const values = [...new Set([...(spec.values ?? []), ...written])];
      return { key: spec.key, action: 'create', values, addedValues: values, ...(spec.description !== undefined && { description: spec.description }) };
    }
    if (current.length === 0) return undefined;
    const added = written.filter((v) => !current.includes(v));
    return added.length ? { key: spec.key, action: 'update', values: [...current, ...added], addedValues: added } : undefined;
  }

  /** Makes every key hold the values `writes` bind; the keys that could not be made so, with why. */
  async ensure(writes: readonly Tag[], ledger: ApplyLedger): Promise<Map<string, Outcome>> {
    const needed = new Map<string, Set<string>>();
    for (const t of writes) needed.set(t.key, (needed.get(t.key) ?? new Set()).add(t.value));
    const failed = new Map<string, Outcome>();
    for (const spec of this.specs) {
      const values = [...(needed.get(spec.key) ?? [])];
      if (!values.length || !this.changeFor(spec, this.snapshot.get(spec.key), values)) continue;
      const outcome = await this.exclusive(async () => ledger.halt() ?? this.bring(spec, values, ledger));
      if (!outcome.ok) failed.set(spec.key, outcome);
    }
    return failed;
  }

  /** After a bind refused: whether some key of `tags` had lost a value (a concurrent update), now restored. */
  async repair(tags: readonly Tag[], ledger: ApplyLedger): Promise<boolean> {
    let repaired = false;
    for (const spec of this.specs) {
      const values = tags.filter((t) => t.key === spec.key).map((t) => t.value);
      if (!values.length) continue;
      const outcome = await this.exclusive(async () => {
        if (ledger.halt()) return undefined;
        const now = await this.read(spec.key);
        if (now === undefined || now.length === 0 || values.every((v) => now.includes(v))) return undefined;
        return this.bring(spec, values, ledger);
      });
      repaired ||= outcome?.ok === true;
    }
    return repaired;
  }

  private exclusive<T>(step: () => Promise<T>): Promise<T> {
    const run = this.serial.then(step, step);
    this.serial = run.catch(() => undefined);
    return run;
  }

  private async read(key: string): Promise<string[] | undefined> {
    const page = await this.api.listDataAssetTags({ key, pageNumber: 1, pageSize: 100 });
    return page.items.find((k) => k.key === key)?.values;
  }

  /** Creates or extends `spec`'s key to hold `values`, from a fresh read, and checks the result. */
  private async bring(spec: TagKeySpec, values: string[], ledger: ApplyLedger): Promise<Outcome> {
    let action: 'create' | 'update' = 'update';
    try {
      let now = await this.read(spec.key);
      const first = this.changeFor(spec, now, values);
      if (first?.action === 'create') {
        action = 'create';
        try {
          await this.api.createDataAssetTag({ key: spec.key, values: first.values, description: spec.description });
          now = first.values;
        } catch (e) {
          // refused: it exists now (another writer, or this create's lost answer); extend what is there
          if (!(e instanceof InvalidRequestError)) throw e;
          now = await this.read(spec.key);
          if (now === undefined) throw e;
        }
      }
      const result = await this.extend(spec, now!, first?.action === 'create' ? first.values : values);
      this.snapshot.set(spec.key, result.values);
      if (result.missing.length) {
        return { ok: false, reason: `tag key "${spec.key}" kept losing values to concurrent updates: ${result.missing.join(', ')}`, code: 'TAG_KEY_VALUES_LOST' };
      }
      const added = first?.action === 'create' ? first.values : result.added;
      if (first?.action === 'create' || result.added.length || result.restored.length) {
        this.made.push({ key: spec.key, action, values: result.values, addedValues: added, ...(action === 'create' && spec.description !== undefined && { description: spec.description }) });
        ledger.auditKey({ key: spec.key, action: action === 'create' ? 'create' : 'extend', addedValues: added, values: result.values, ...(result.restored.length && { restored: result.restored }) });
      }
      return { ok: true };
    } catch (e) {
      const f = failure(e);
      return !f.ok && !f.notStarted ? { ...f, reason: `tag key "${spec.key}" could not be ${action}d: ${f.reason}` } : f;
    }
  }

  /** Updates the key to hold `values` besides what it holds now, then checks nothing it held went missing. */
  private async extend(spec: TagKeySpec, now: string[], values: string[]): Promise<Extended> {
    if (now.length === 0) return { values: now, added: [], restored: [], missing: [] };
    const added = values.filter((v) => !now.includes(v));
    let wanted = [...now, ...added];
    const restored: string[] = [];
    let current = now;
    for (let attempt = 0; attempt <= MERGE_ATTEMPTS; attempt++) {
      if (wanted.every((v) => current.includes(v))) return { values: current, added, restored, missing: [] };
      await this.api.updateDataAssetTag({ key: spec.key, values: [...new Set([...current, ...wanted])] });
      const after = (await this.read(spec.key)) ?? [];
      const lost = wanted.filter((v) => !after.includes(v));
      restored.push(...lost.filter((v) => !added.includes(v) && !restored.includes(v)));
      wanted = [...new Set([...after, ...wanted])];
      current = after;
    }
    return { values: current, added, restored, missing: wanted.filter((v) => !current.includes(v)) };
  }
}
