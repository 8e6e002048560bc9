/**
 * The assets a run has handed out for evaluation, so each is evaluated once, in 8 bytes per asset instead of
 * the id itself (a million ids as strings are ~90 MB; as fingerprints 16 MB at most). The sources are cut so
 * an asset has one partition (the tagged source leaves to the others what they list, owner partitions are
 * disjoint), so a repeat only comes from a listing that shifts while it is paged, or an event naming an asset
 * twice; this set catches those.
 *
 * A fingerprint is two 32-bit hashes of the id, seeded per run: two ids share one with a chance of about
 * n² / 2^65 (3 in 100 million for a million assets), and then the second is skipped in that run only — the
 * next run, with other seeds, evaluates it. Open addressing over one Uint32Array, grown at half full.
 */
import { randomInt } from 'node:crypto';

const INITIAL_SLOTS = 1 << 12;

/** FNV-1a over the UTF-16 code units, from a seed. */
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // a final mix, so ids differing only at their end spread over the whole table
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

export class SeenAssets {
  /** pairs (hi, lo); a pair of zeros is an empty slot (an id hashing to (0, 0) is stored as (0, 1)) */
  private slots = new Uint32Array(INITIAL_SLOTS * 2);
  private used = 0;
  private readonly seeds: [number, number];

  constructor(seeds: [number, number] = [randomInt(2 ** 32), randomInt(2 ** 32)]) {
    this.seeds = seeds;
  }

  get size(): number {
    return this.used;
  }

  /** Adds the id; false when it was there already. */
  add(id: string): boolean {
    const hi = hash32(id, this.seeds[0]);
    const lo = hash32(id, this.seeds[1]) || (hi === 0 ? 1 : 0);
    if (!this.insert(hi, lo)) return false;
    if (++this.used * 2 > this.slots.length / 2) this.grow();
    return true;
  }

  private insert(hi: number, lo: number): boolean {
    const mask = this.slots.length / 2 - 1;
    for (let i = (hi ^ lo) & mask; ; i = (i + 1) & mask) {
      const a = this.slots[2 * i];
      const b = this.slots[2 * i + 1];
      if (a === 0 && b === 0) {
        this.slots[2 * i] = hi;
        this.slots[2 * i + 1] = lo;
        return true;
      }
      if (a === hi && b === lo) return false;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0 || old[i + 1] !== 0) this.insert(old[i], old[i + 1]);
  }
}
