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

/** Every Match in the tree (itself first, then nested ones in key order), with its path below `at`. */
export function* nodes(m: Match, at: Path = []): Generator<{ match: Match; at: Path }> {
  yield { match: m, at };
  for (const key of CONDITION_KEYS) {
    const value = m[key];
    if (value !== undefined) for (const child of childrenOf(key, value)) yield* nodes(child.match, [...at, key, ...child.at]);
  }
}

function childrenOf<K extends ConditionKey>(key: K, value: Value<K>): { at: Path; match: Match }[] {
  return CONDITIONS[key].children?.(value) ?? [];
}

export type {
  Condition,
  ConditionKey,
  Detail,
  Explanation,
  Facets,
  LintContext,
  Match,
  MatchableAsset,
  MatchFile,
  Note,
  PushdownHints,
  Tags,
  Test,
  Value,
  Verdict,
} from './condition';
export type { TagTest } from './tags';
export { allOf } from './kleene';
