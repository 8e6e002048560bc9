/**
 * Filters discovery MAY push to the server for one asset kind: a filter is offered only when every rule that
 * can match that kind requires it, so no asset a rule could match is filtered out. Each condition says which
 * filters its facet allows; the engine still checks every condition client-side.
 */
import type { AssetKind } from '../dataworks';
import type { PushdownHints } from '../discovery';
import { CONDITION_KEYS, CONDITIONS, type ConditionKey } from './conditions';
import { facetOf, footprint, mayMatchKind, type Footprint } from './footprint';
import type { Rule } from './types';

export function pushdownHints(rules: Rule[], kind: AssetKind): PushdownHints {
  const fps = rules.map((r) => footprint(r.match)).filter((fp) => !fp.never && mayMatchKind(fp, kind));
  if (fps.length === 0) return {};
  return CONDITION_KEYS.reduce<PushdownHints>((hints, key) => ({ ...hints, ...hintsOf(key, fps) }), {});
}

function hintsOf<K extends ConditionKey>(key: K, fps: Footprint[]): PushdownHints {
  const hints = CONDITIONS[key].pushdown;
  return hints ? hints(fps.map((fp) => facetOf(fp, key))) : {};
}
