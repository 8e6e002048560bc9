/**
 * Turns per-asset tag writes into API calls: assets that get the identical tag set in the same asset type,
 * workspace and env form one group, and each group is cut into calls of at most 100 ids and 20 tags. That
 * is the fewest calls that respect the limits, and it is pure, so tests can count calls from a plan alone.
 */
import { LIMITS, type AssetType, type EnvType, type Tag } from '../dataworks';
import { chunk } from '../concurrency';

export interface AssetWrite {
  assetId: string;
  assetType: AssetType;
  projectId?: number;
  envType?: EnvType;
  tags: Tag[];
}

export interface WriteCall {
  assetType: AssetType;
  projectId?: number;
  envType?: EnvType;
  assetIds: string[];
  tags: Tag[];
}

const tagSig = (tags: Tag[]) => JSON.stringify([...tags].sort((a, b) => a.key.localeCompare(b.key)).map((t) => [t.key, t.value]));

export function groupCalls(writes: AssetWrite[]): WriteCall[] {
  const groups = new Map<string, { head: AssetWrite; ids: string[] }>();
  for (const w of writes) {
    const sig = `${w.assetType}|${w.projectId ?? ''}|${w.envType ?? ''}|${tagSig(w.tags)}`;
    const g = groups.get(sig);
    if (g) g.ids.push(w.assetId);
    else groups.set(sig, { head: w, ids: [w.assetId] });
  }
  const calls: WriteCall[] = [];
  for (const { head, ids } of groups.values()) {
    const tags = [...head.tags].sort((a, b) => a.key.localeCompare(b.key));
    for (const idPart of chunk(ids, LIMITS.maxIdsPerCall)) {
      for (const tagPart of chunk(tags, LIMITS.maxTagsPerCall)) {
        calls.push({ assetType: head.assetType, projectId: head.projectId, envType: head.envType, assetIds: idPart, tags: tagPart });
      }
    }
  }
  return calls;
}

