/**
 * The registry of rule conditions, keyed by Match key, in the order the file format lists them. Everything
 * that handles a Match (schema, normalize, match, footprint, validate, lint, pushdown, explain) iterates this
 * table; a new condition is one module beside this file and one line here.
 */
import type { Path } from '../../errors';
import { all } from './all';
import { any } from './any';
import type { Condition, ConditionKey, Match, Value } from './condition';
import { env } from './env';
import { name } from './name';
import { not } from './not';
import { owner } from './owner';
import { projects } from './projects';
import { tags } from './tags';
import { type } from './type';

export const CONDITIONS: { readonly [K in ConditionKey]: Condition<K> } = { type, name, projects, env, owner, tags, not, any, all };

/** Match keys in file order: the order of the schema's keys, of the model's and of walks over a Match. */
export const CONDITION_KEYS = Object.keys(CONDITIONS) as ConditionKey[];

/** Match keys in evaluation order, cheapest first (the footprint follows it too, so both read a Match alike). */
export const BY_COST = [...CONDITION_KEYS].sort((a, b) => CONDITIONS[a].cost - CONDITIONS[b].cost);

/**
 * `f` applied to each condition the Match uses, in `order`, with its value and its registry entry (generic in
 * the key, so `f` can hand the value to that entry's hooks).
 */
export function eachCondition<R>(m: Match, order: readonly ConditionKey[], f: <K extends ConditionKey>(key: K, value: Value<K>, condition: Condition<K>) => R): R[] {
  return order.flatMap((key) => {
    const value = m[key];
    return value === undefined ? [] : [f(key, value, CONDITIONS[key])];
  });
}

/** Every Match in the tree (itself first, then nested ones in key order), with its path below `at`. */
export function* nodes(m: Match, at: Path = []): Generator<{ match: Match; at: Path }> {
  yield { match: m, at };
  const children = eachCondition(m, CONDITION_KEYS, (key, value, c) => (c.children?.(value) ?? []).map((child) => ({ ...child, at: [key, ...child.at] })));
  for (const child of children.flat()) yield* nodes(child.match, [...at, ...child.at]);
}

export type {
  CombinedFootprint,
  Condition,
  ConditionKey,
  Detail,
  Explanation,
  Facet,
  FacetFootprint,
  FacetIndex,
  FacetOf,
  Facets,
  FootprintOps,
  LintContext,
  Match,
  MatchableAsset,
  MatchFile,
  Note,
  Tags,
  Test,
  Value,
  Verdict,
} from './condition';
export type { TagTest } from './tags';
export { allOf } from './kleene';
