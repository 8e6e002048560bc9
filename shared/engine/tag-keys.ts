/**
 * Plans the tag keys a run needs: keys the rule set declares are created when missing, and values the
 * run binds are added to an existing key's list. UpdateDataAssetTag may replace the whole list
 * (reference decision 8), so an update always carries the union of the existing and the new values:
 * a value is never dropped. A key that exists with no value list accepts any value and is left alone.
 */
import { type DataWorksApi, paginate } from '../dataworks';
import type { TagKeySpec } from '../rules';
import type { PlannedBinding, TagKeyChange } from './types';

export async function planTagKeys(api: DataWorksApi, specs: readonly TagKeySpec[], bindings: PlannedBinding[]): Promise<TagKeyChange[]> {
  const existing = new Map<string, string[]>();
  for await (const items of paginate((pageNumber, pageSize) => api.listDataAssetTags({ pageNumber, pageSize }))) {
    for (const k of items) existing.set(k.key, k.values);
  }
  const writes = bindings.filter((b) => b.action === 'bind' || b.resolution === 'overwrite');
  const changes: TagKeyChange[] = [];
  for (const spec of specs) {
    const needed = [...new Set([...(spec.values ?? []), ...writes.filter((b) => b.key === spec.key).map((b) => b.value)])];
    const current = existing.get(spec.key);
    if (current === undefined) {
      changes.push({ key: spec.key, action: 'create', values: needed, addedValues: needed, ...(spec.description !== undefined && { description: spec.description }) });
      continue;
    }
    if (current.length === 0) continue;
    const added = needed.filter((v) => !current.includes(v));
    if (added.length) changes.push({ key: spec.key, action: 'update', values: [...current, ...added], addedValues: added });
  }
  return changes;
}

/**
 * Whether a key change is already in effect. A create or update whose answer was lost is retried and may
 * then be refused ("already exists"); the write did happen, which a fresh read shows.
 */
export async function tagKeyInPlace(api: DataWorksApi, change: TagKeyChange): Promise<boolean> {
  const page = await api.listDataAssetTags({ key: change.key, pageNumber: 1, pageSize: 100 });
  const found = page.items.find((k) => k.key === change.key);
  return !!found && change.values.every((v) => found.values.includes(v));
}
