/**
 * Reads the tags currently bound to assets found by listing sources (ListTasks, ListTables, events), which do
 * not report data-asset tags, and to assets about to be written (a concurrent writer may have changed them
 * since they were read): one ListDataAssets call with DataAssetIds per page of 100 ids.
 */
import { LIMITS, type AssetType, type DataAsset, type DataWorksApi, paginate } from '../dataworks';
import { chunk } from '../concurrency';
import { tagMap } from './assets';

/** id → tagged asset record, for the ids that carry at least one tag (untagged ids are absent). */
export async function readTaggedAssets(api: DataWorksApi, ids: string[], type: AssetType): Promise<Map<string, DataAsset>> {
  const found = new Map<string, DataAsset>();
  for (const part of chunk(ids, LIMITS.maxIdsPerCall)) {
    const pages = paginate((pageNumber, pageSize) => api.listDataAssets({ dataAssetIds: part, dataAssetType: type, pageNumber, pageSize }));
    for await (const items of pages) for (const a of items) if (part.includes(a.id)) found.set(a.id, a);
  }
  return found;
}

/** Current tags read from the API: what sources use without a tag index (event lookups, named assets). */
export const tagsFromApi =
  (api: DataWorksApi) =>
  (ids: string[], type: AssetType): Promise<Map<string, DataAsset>> =>
    readTaggedAssets(api, ids, type);

/** id → the tags bound to it now ({} for an id that carries none). */
export async function readCurrentTags(api: DataWorksApi, ids: string[], type: AssetType): Promise<Map<string, Record<string, string>>> {
  const tagged = await readTaggedAssets(api, ids, type);
  return new Map(ids.map((id) => [id, tagMap(tagged.get(id))]));
}
