/**
 * Filters discovery MAY push to the server for one asset kind: a filter is offered only when every rule that
 * can match that kind requires it, so no asset a rule could match is filtered out. The engine still checks
 * every condition client-side.
 */
import type { AssetKind } from '../dataworks';
import type { PushdownHints } from '../discovery';
import { footprint } from './footprint';
import { literalPrefix } from './patterns';
import type { Rule } from './types';

export function pushdownHints(rules: Rule[], kind: AssetKind): PushdownHints {
  const fps = rules.map((r) => footprint(r.match)).filter((fp) => !fp.never && (fp.type === undefined || fp.type === kind));
  if (fps.length === 0) return {};
  const hints: PushdownHints = {};

  const prefixes = fps.map((fp) => fp.names.map((list) => list.map(literalPrefix)).find((ps) => ps.every((p) => p.length > 0)));
  if (prefixes.every((ps): ps is string[] => ps !== undefined)) hints.names = shortestCovering(prefixes.flat());

  if (fps.every((fp) => fp.owners)) hints.owners = [...new Set(fps.flatMap((fp) => [...fp.owners!]))].sort();
  if (fps.every((fp) => fp.projects)) hints.projects = [...new Set(fps.flatMap((fp) => [...fp.projects!]))].sort((a, b) => a - b);
  const env = fps[0].env;
  if (env && fps.every((fp) => fp.env === env)) hints.env = env;
  return hints;
}

/** The prefixes without those another one already covers ("ods_" covers "ods_user_"): fewer server calls. */
function shortestCovering(prefixes: string[]): string[] {
  const sorted = [...new Set(prefixes)].sort();
  return sorted.filter((p, i) => !sorted.slice(0, i).some((q) => p.startsWith(q)));
}
