/**
 * Turns per-asset tag writes into API calls: assets that get the identical tag set in the same asset type,
 * workspace and env form one group, and each group is cut into calls of at most 100 ids and 20 tags. That
 * is the fewest calls that respect the limits, and it is pure, so tests can count calls from a plan alone.
 * The grouper takes writes as they come (window by window): a group's call goes out once it holds 100 ids,
 * and `flush` sends the rest, so windows cost no more calls than one plan grouped whole.
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

const byKey = (tags: readonly Tag[]) => [...tags].sort((a, b) => a.key.localeCompare(b.key));
const signature = (w: AssetWrite) => `${w.assetType}|${w.projectId ?? ''}|${w.envType ?? ''}|${JSON.stringify(byKey(w.tags).map((t) => [t.key, t.value]))}`;

export class CallGrouper {
  private readonly groups = new Map<string, { head: AssetWrite; ids: string[] }>();

  /** Adds writes; returns the calls of the groups that reached 100 ids. */
  add(writes: readonly AssetWrite[]): WriteCall[] {
    const full: WriteCall[] = [];
    for (const w of writes) {
      const sig = signature(w);
      const g = this.groups.get(sig) ?? { head: w, ids: [] };
      g.ids.push(w.assetId);
      this.groups.set(sig, g);
      if (g.ids.length === LIMITS.maxIdsPerCall) {
        full.push(...callsOf(g.head, g.ids));
        this.groups.delete(sig);
      }
    }
    return full;
  }

  /** The calls of every group not sent yet. */
  flush(): WriteCall[] {
    const calls = [...this.groups.values()].flatMap((g) => callsOf(g.head, g.ids));
    this.groups.clear();
    return calls;
  }
}

function callsOf(head: AssetWrite, ids: string[]): WriteCall[] {
  const tags = byKey(head.tags);
  return chunk(ids, LIMITS.maxIdsPerCall).flatMap((idPart) =>
    chunk(tags, LIMITS.maxTagsPerCall).map((tagPart) => ({ assetType: head.assetType, projectId: head.projectId, envType: head.envType, assetIds: idPart, tags: tagPart })),
  );
}

/** The fewest calls for these writes, all at once. */
export function groupCalls(writes: AssetWrite[]): WriteCall[] {
  const grouper = new CallGrouper();
  return [...grouper.add(writes), ...grouper.flush()];
}
