/**
 * Why a Match does or does not hold for one asset: the tree of its conditions, each with its verdict, what it
 * expected and what it saw (nested Matches as children). The verdicts are those of the compiled tests, so an
 * explanation never disagrees with `evaluateMatch`; unlike matching, nothing is skipped once the outcome is
 * known. For `autotag explain`.
 */
import { CONDITION_KEYS, eachCondition, type Explanation, type Match, type MatchableAsset, type Tags, type Verdict } from './conditions';
import { compileMatch } from './match';

export type { Explanation } from './conditions';

export function explainMatch(match: Match, asset: MatchableAsset, tags: Tags): Explanation {
  const sub = (m: Match) => explainMatch(m, asset, tags);
  return {
    condition: 'match',
    verdict: verdictOf(compileMatch(match)(asset, tags)),
    children: eachCondition(match, CONDITION_KEYS, (key, value, c) => ({
      condition: key,
      verdict: verdictOf(c.compile(value, compileMatch)(asset, tags)),
      ...c.explain(value, asset, tags, sub),
    })),
  };
}

function verdictOf(v: Verdict): Explanation['verdict'] {
  return v === undefined ? 'unknown' : v ? 'match' : 'no-match';
}
