/**
 * What a run covers: the rules it evaluates (all, or those asked for) and what discovery needs of them as
 * data — the kinds they can match, the filters they allow pushed to the server, the run's narrowing.
 */
import { InvalidInputError } from '../errors';
import { ASSET_KIND_NAMES } from '../dataworks';
import type { DiscoveryScope } from '../discovery';
import { pushdownHints, type Rule, type RuleSet } from '../rules';
import type { RunRequest } from './run-types';

/** The rules this run evaluates; unknown ids are an input error, raised before any call. */
export function selectRules(ruleSet: RuleSet, ruleIds?: string[]): Rule[] {
  if (!ruleIds?.length) return ruleSet.rules;
  const known = new Set(ruleSet.rules.map((r) => r.id));
  const unknown = ruleIds.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new InvalidInputError(
      unknown.map((id) => ({ field: 'ruleIds', message: `no rule "${id}" in the rule set (known: ${[...known].join(', ')})` })),
      'run request',
    );
  }
  return ruleSet.rules.filter((r) => ruleIds.includes(r.id));
}

export function discoveryScope(request: RunRequest, rules: Rule[]): DiscoveryScope {
  return {
    sources: request.ruleSet.sources,
    // a rule without a type can match every kind
    kinds: new Set(rules.flatMap((r) => (r.match.type ? [r.match.type] : ASSET_KIND_NAMES))),
    hints: new Map(ASSET_KIND_NAMES.map((k) => [k, pushdownHints(rules, k)])),
    projects: request.projects,
    shard: request.shard,
    targets: request.targets,
  };
}
