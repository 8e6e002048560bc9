/**
 * Matching one asset against a rule's conditions. A Match is compiled once into a closure tree (each
 * condition compiles its own key: regexes and globs compiled, sets built) and memoized per Match object,
 * because it runs for every asset of a catalog.
 *
 * Three-valued: a condition on a detail the listing did not report (the owner; a table's workspace and env)
 * is "unknown" until the details are fetched, and AND/OR/NOT follow Kleene logic (false AND unknown = false,
 * true OR unknown = true), with the cheap conditions evaluated first, so the engine fetches details only when
 * the outcome depends on them. An owner that could not be read (null) stays unknown too and ends as
 * 'no-match': an owner condition, even negated, never matches on a guess. Once details are fetched, a
 * `projects` or `env` condition on an asset that still reports no workspace or env is false.
 */
import { allOf, BY_COST, CONDITIONS, eachCondition, nodes, type ConditionKey, type Detail, type Match, type MatchableAsset, type Tags, type Test } from './conditions';
import type { MatchOutcome } from './types';

/** Memo of compiled matches (weak: a dropped rule set frees its entries). */
const compiled = new WeakMap<Match, Test>();

export function evaluateMatch(match: Match, asset: MatchableAsset, tags: Tags): MatchOutcome {
  const verdict = compileMatch(match)(asset, tags);
  if (verdict === undefined) return asset.owner === undefined ? 'needs-details' : 'no-match';
  return verdict ? 'match' : 'no-match';
}

/** Does any branch of the match have an owner condition (so owners may need fetching)? */
export function referencesOwner(match: Match): boolean {
  return readsDetail(match, 'owner');
}

/** Does any condition in the match (through not / any / all) read this detail? */
function readsDetail(match: Match, detail: Detail): boolean {
  return testsAnyOf(match, BY_COST.filter((key) => CONDITIONS[key].reads.includes(detail)));
}

/** Does any branch of `match` (through not / any / all) test one of these fields? */
export function testsAnyOf(match: Match, fields: readonly ConditionKey[]): boolean {
  for (const { match: m } of nodes(match)) if (fields.some((f) => m[f] !== undefined)) return true;
  return false;
}

/** The compiled test of a match; the parser calls it for every rule so patterns compile at parse time. */
export function compileMatch(match: Match): Test {
  let test = compiled.get(match);
  if (!test) {
    test = allOf(eachCondition(match, BY_COST, (_, value, c) => c.compile(value, compileMatch)));
    compiled.set(match, test);
  }
  return test;
}
