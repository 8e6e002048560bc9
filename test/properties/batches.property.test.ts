/**
 * Property: every planned binding lands in exactly one call, and no call breaks a limit. For random per-asset
 * writes (tag sets shared by many assets, so groups pass 100 ids; some of more than 20 tags), `groupCalls`
 * gives calls of 1-100 distinct ids and 1-20 distinct keys, and each (asset, key) of the writes is in exactly
 * one call, with its value and the asset's type, workspace and env; a call binds nothing that was not planned.
 */
import fc from 'fast-check';
import { ASSET_TYPES, LIMITS, type Tag } from '../../shared/dataworks';
import { groupCalls, type AssetWrite, type WriteCall } from '../../shared/engine/batches';

const KEYS = Array.from({ length: 26 }, (_, i) => `k${String.fromCharCode(97 + i)}`);
const tagSet = fc
  .dictionary(fc.constantFrom(...KEYS), fc.constantFrom('v', 'w'), { minKeys: 1, maxKeys: 26, size: 'max' })
  .map((d): Tag[] => Object.entries(d).map(([key, value]) => ({ key, value })));
/** The scope a write shares with others: asset type, workspace, env. */
const scope = fc.record({
  assetType: fc.constantFrom(...ASSET_TYPES),
  projectId: fc.option(fc.constantFrom(1, 2), { nil: undefined }),
  envType: fc.option(fc.constantFrom('Prod' as const, 'Dev' as const), { nil: undefined }),
});

/** Up to 400 writes, each picking one of a few tag sets and scopes, to distinct asset ids. */
const writes: fc.Arbitrary<AssetWrite[]> = fc
  .tuple(fc.array(tagSet, { minLength: 1, maxLength: 4 }), fc.array(scope, { minLength: 1, maxLength: 3 }))
  .chain(([sets, scopes]) =>
    fc.array(fc.tuple(fc.nat(sets.length - 1), fc.nat(scopes.length - 1)), { maxLength: 400, size: 'max' }).map((picks) =>
      picks.map(([s, c], i): AssetWrite => ({ assetId: `a${i}`, ...scopes[c], tags: sets[s] })),
    ),
  );

/** What is wrong with the calls for these writes; empty when nothing is. */
function violations(ws: AssetWrite[], calls: WriteCall[]): string[] {
  const out: string[] = [];
  calls.forEach((c, i) => {
    if (c.assetIds.length < 1 || c.assetIds.length > LIMITS.maxIdsPerCall) out.push(`call ${i}: ${c.assetIds.length} ids`);
    if (c.tags.length < 1 || c.tags.length > LIMITS.maxTagsPerCall) out.push(`call ${i}: ${c.tags.length} tags`);
    if (new Set(c.assetIds).size !== c.assetIds.length) out.push(`call ${i}: an id twice`);
    if (new Set(c.tags.map((t) => t.key)).size !== c.tags.length) out.push(`call ${i}: a key twice`);
  });
  // (asset, key) -> what each call binding it binds: its value and scope
  const landed = new Map<string, string[]>();
  for (const c of calls) {
    for (const id of c.assetIds) {
      for (const t of c.tags) {
        const k = `${id}\u0000${t.key}`;
        const all = landed.get(k) ?? [];
        all.push(`${t.value}|${c.assetType}|${c.projectId}|${c.envType}`);
        landed.set(k, all);
      }
    }
  }
  let planned = 0;
  for (const w of ws) {
    for (const t of w.tags) {
      planned++;
      const got = landed.get(`${w.assetId}\u0000${t.key}`) ?? [];
      const want = `${t.value}|${w.assetType}|${w.projectId}|${w.envType}`;
      if (got.length !== 1 || got[0] !== want) out.push(`${w.assetId} ${t.key}: landed as [${got.join(', ')}], planned ${want}`);
    }
  }
  if (landed.size !== planned) out.push(`${landed.size} bindings landed, ${planned} planned`);
  return out;
}

describe('property: batching', () => {
  it('every binding lands in exactly one call, and no call breaks a limit', () => {
    fc.assert(
      fc.property(writes, (ws) => {
        expect(violations(ws, groupCalls(ws))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
