/**
 * The tags of assets the tagged listing passed over because another source lists them, kept so that source
 * need not read them again, one ListDataAssets by ids per page. The tagged partitions are read first, so by
 * the time a listing source asks, the index knows whether it is whole: it answers for an asset type only after
 * a tagged partition listed every tagged asset of that type from its first page to its last, unnarrowed, in
 * this run. Bounded: past MAX_KEPT assets it drops everything and stops answering (a large catalog reads its
 * tags by id, as without it). The answers are as fresh as the listing; a write re-reads its assets anyway.
 */
import type { AssetType, DataAsset } from '../dataworks';

/** about 10 MB of ids and tags */
const MAX_KEPT = 50_000;

export class TagIndex {
  private kept = new Map<string, DataAsset>();
  private overflowed = false;
  private readonly whole = new Set<AssetType>();

  constructor(private readonly max = MAX_KEPT) {}

  /** A tagged asset the listing passed over. */
  keep(asset: DataAsset): void {
    if (this.overflowed) return;
    this.kept.set(asset.id, asset);
    if (this.kept.size > this.max) {
      this.overflowed = true;
      this.kept = new Map();
    }
  }

  /** A listing of every tagged asset of these types was read whole. */
  listedInFull(types: readonly AssetType[]): void {
    if (!this.overflowed) for (const t of types) this.whole.add(t);
  }

  /** id → tagged asset record for the ids that carry a tag, or undefined when the index cannot tell. */
  lookup(ids: readonly string[], type: AssetType): Map<string, DataAsset> | undefined {
    if (this.overflowed || !this.whole.has(type)) return undefined;
    const found = new Map<string, DataAsset>();
    for (const id of ids) {
      const a = this.kept.get(id);
      if (a?.type === type) found.set(id, a);
    }
    return found;
  }
}
