/**
 * fast-check generators for the property tests: rule conditions (the normalized model, nested through not /
 * any / all), rules, and assets with their tags. Names, patterns, owners, workspaces and tag values come from
 * small vocabularies, so random rules and random assets meet often enough to exercise every branch: prefixes
 * that nest (`ods_` and `ods_user_`), literal names, globs and anchored or unanchored regexes.
 */
import fc from 'fast-check';
import type { AssetKind, EnvType } from '../../shared/dataworks';
import type { IndexedRule, Match, MatchableAsset, NamePattern, Rule, TagTest } from '../../shared/rules';

const PARTS = ['ods_', 'ods_user_', 'dim_', 'user', 'x', '1', '_di', '_tmp'];
const KINDS: AssetKind[] = ['table', 'task'];
const ENVS: EnvType[] = ['Prod', 'Dev'];
const PROJECTS = [1, 2, 3];
const OWNERS = ['alice', 'bob', '1000'];
const TAG_KEYS = ['pii', 'team'];
const TAG_VALUES = ['a', 'b'];

const part = fc.constantFrom(...PARTS);
const parts = (max: number) => fc.array(part, { minLength: 1, maxLength: max }).map((ps) => ps.join(''));
const subset = <T>(values: T[]) => fc.subarray(values, { minLength: 1 });

/** An asset name: a few vocabulary parts (so patterns built from them match). */
export const assetName = parts(4);

export const namePattern: fc.Arbitrary<NamePattern> = fc.oneof(
  parts(3).map((glob) => ({ glob })),
  fc.tuple(parts(2), fc.constantFrom('*', '?', '*_di', '*x*')).map(([p, tail]) => ({ glob: p + tail })),
  fc.tuple(fc.constantFrom('*', '*_'), parts(2)).map(([head, p]) => ({ glob: head + p })),
  fc.tuple(parts(2), fc.constantFrom('{user,x}', '[a-z]', '{_di,_tmp}')).map(([p, tail]) => ({ glob: p + tail })),
  parts(2).map((p) => ({ regex: p })),
  parts(2).map((p) => ({ regex: `^${p}` })),
  parts(2).map((p) => ({ regex: `${p}$` })),
  parts(3).map((p) => ({ regex: `^${p}$` })),
  fc.tuple(part, part).map(([p, q]) => ({ regex: `^(${p}|${q})` })),
  fc.tuple(parts(2), part).map(([p, q]) => ({ regex: `^${p}.*${q}$` })),
  parts(2).map((p) => ({ regex: `^${p}s?\\d*` })),
);

const tagTest: fc.Arbitrary<TagTest> = fc.oneof(
  fc.constantFrom(...TAG_KEYS).map((key) => ({ key })),
  fc.tuple(fc.constantFrom(...TAG_KEYS), subset(TAG_VALUES)).map(([key, values]) => ({ key, values })),
);
const tagTests = fc.uniqueArray(tagTest, { minLength: 1, maxLength: 2, selector: (t) => t.key });

/** Up to two of the conditions that are not combinators (more would rarely let a random asset match). */
const leaves: fc.Arbitrary<Match> = fc
  .tuple(
    fc.record({
      type: fc.constantFrom(...KINDS),
      name: fc.array(namePattern, { minLength: 1, maxLength: 2 }),
      projects: subset(PROJECTS),
      env: fc.constantFrom(...ENVS),
      owner: subset(OWNERS),
      tags: fc.oneof(tagTests.map((has) => ({ has })), tagTests.map((lacks) => ({ lacks }))),
    }),
    fc.subarray(['type', 'name', 'projects', 'env', 'owner', 'tags'] as const, { maxLength: 2 }),
  )
  .map(([all, keys]) => Object.fromEntries(keys.map((k) => [k, all[k]])));

/** A Match, nested through not / any / all up to a small depth. */
export const match: fc.Arbitrary<Match> = fc.letrec<{ match: Match }>((tie) => ({
  match: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaves,
    fc.tuple(leaves, tie('match')).map(([m, not]) => ({ ...m, not })),
    fc.tuple(leaves, fc.array(tie('match'), { minLength: 1, maxLength: 3 })).map(([m, any]) => ({ ...m, any })),
    fc.tuple(leaves, fc.array(tie('match'), { minLength: 1, maxLength: 3 })).map(([m, all]) => ({ ...m, all })),
  ),
})).match;

const ruleTags = fc.dictionary(fc.constantFrom('classification', 'team'), fc.constantFrom('a', 'b', 'c'), { minKeys: 1, maxKeys: 2 });

/** Rules numbered in order; priorities from a small range, so many pairs share one. */
export const rules = (minLength: number, maxLength: number): fc.Arbitrary<IndexedRule[]> =>
  fc.array(fc.record({ match, tags: ruleTags, priority: fc.integer({ min: 0, max: 1 }) }), { minLength, maxLength, size: 'max' }).map((rs) =>
    rs.map(({ match: m, tags, priority }, index): IndexedRule => ({ index, rule: { id: `r${index}`, match: m, tags, priority, onConflict: 'skip' } satisfies Rule })),
  );

/** An asset with its details fetched (owner read, or unreadable: null), and its current tags. */
export const assetWithTags: fc.Arbitrary<{ asset: MatchableAsset; tags: Record<string, string> }> = fc.record({
  asset: fc.record({
    kind: fc.constantFrom(...KINDS),
    name: assetName,
    projectId: fc.option(fc.constantFrom(...PROJECTS), { nil: undefined, freq: 8 }),
    envType: fc.option(fc.constantFrom(...ENVS), { nil: undefined, freq: 8 }),
    owner: fc.option(fc.constantFrom(...OWNERS), { nil: null, freq: 8 }),
  }),
  tags: fc.dictionary(fc.constantFrom(...TAG_KEYS), fc.constantFrom(...TAG_VALUES)),
});
