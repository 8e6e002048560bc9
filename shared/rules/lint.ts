/**
 * Softer findings on a valid rule set: things that are allowed but probably not what the author meant (a rule
 * that can never match, owner values of the wrong form, a condition that defeats its own onConflict). Shown by
 * `autotag validate` and `GET /rules`; they never block a run.
 */
import type { AssetKind } from '../dataworks';
import { reachOf, type Sources } from '../discovery';
import { footprint, type Footprint } from './footprint';
import type { Path } from '../errors';
import { issueAt } from './issues';
import { referencesOwner } from './match';
import type { Match, Rule, RuleSet, TagKeySpec } from './types';

export interface LintFinding {
  level: 'warning';
  field: string;
  ruleId?: string;
  message: string;
}

export function lintRuleSet(rs: RuleSet): LintFinding[] {
  const declared = new Map(rs.tagKeys.map((spec) => [spec.key, spec]));
  return rs.rules.flatMap((rule, i) => lintRule(rule, ['rules', i], rs.sources, declared));
}

function lintRule(rule: Rule, path: Path, sources: Sources, declared: ReadonlyMap<string, TagKeySpec>): LintFinding[] {
  const findings: LintFinding[] = [];
  const warn = (at: Path, message: string) => findings.push({ level: 'warning', ...issueAt([...path, ...at], message, rule.id) });
  const fp = footprint(rule.match);
  const kinds = discoverable(sources);

  if (Object.keys(rule.match).length === 0) {
    warn(['match'], 'an empty match matches every asset the sources discover: add conditions unless that is intended');
  } else if (fp.never) {
    warn(['match'], 'its conditions contradict each other (e.g. two types, disjoint projects or names, or has and lacks on one key), so it can never match: fix or remove the rule');
  } else if (!reachable(fp, sources)) {
    const scope = [fp.type && 'type', fp.projects && 'projects', fp.env && 'env'].filter(Boolean).join(', ');
    warn(['match'], `its ${scope} lie outside everything the sources scan, so it can never match: extend sources or fix the rule`);
  }

  if (referencesOwner(rule.match) && !fp.type && kinds.has('table') && kinds.has('task')) {
    warn(['match'], 'owner values are compared with the asset\'s own owner: an account id for tasks, an engine-side name for tables; add "type: task" or "type: table", or split the rule in two');
  }
  for (const { match, path: at } of conditions(rule.match, ['match'])) {
    const nonAccountIds = fp.type === 'task' ? (match.owner ?? []).filter((o) => !/^\d+$/.test(o)) : [];
    if (nonAccountIds.length > 0) {
      warn([...at, 'owner'], `task owners are account ids (digits, e.g. "1000"), so ${nonAccountIds.map((o) => `"${o}"`).join(', ')} can never match: use the owner's account id`);
    }
    for (const side of ['has', 'lacks'] as const) {
      for (const test of match.tags?.[side] ?? []) {
        const allowed = declared.get(test.key)?.values;
        const foreign = allowed && (test.values ?? []).filter((v) => !allowed.includes(v));
        if (foreign && foreign.length > 0) {
          warn([...at, 'tags', side, test.key], `${foreign.map((v) => `"${v}"`).join(', ')} ${foreign.length > 1 ? 'are' : 'is'} not declared for "${test.key}": only a value set outside this rule set can satisfy the test`);
        }
      }
    }
  }

  if (rule.onConflict === 'overwrite') {
    const lacked = Object.keys(rule.tags).filter((key) => fp.lacks.get(key) === null);
    if (lacked.length > 0) {
      warn(['onConflict'], `the rule only matches assets lacking ${lacked.map((k) => `"${k}"`).join(', ')}, so "overwrite" never applies to ${lacked.length > 1 ? 'them' : 'it'}: drop onConflict or the lacks condition`);
    }
  }
  return findings;
}

/** Every match in the tree, with its path. */
function* conditions(m: Match, path: Path): Generator<{ match: Match; path: Path }> {
  yield { match: m, path };
  if (m.not) yield* conditions(m.not, [...path, 'not']);
  for (const [i, sub] of (m.any ?? []).entries()) yield* conditions(sub, [...path, 'any', i]);
  for (const [i, sub] of (m.all ?? []).entries()) yield* conditions(sub, [...path, 'all', i]);
}

function discoverable(sources: Sources): Set<AssetKind> {
  return new Set(reachOf(sources).flatMap((s) => s.kinds));
}

/** Can some source discover an asset with the footprint's type, projects and env? */
function reachable(fp: Footprint, sources: Sources): boolean {
  return reachOf(sources).some(
    (s) =>
      (!fp.type || s.kinds.includes(fp.type)) &&
      (!s.projects || !fp.projects || s.projects.some((p) => fp.projects!.has(p))) &&
      (!s.env || !fp.env || s.env.includes(fp.env)),
  );
}
