/**
 * Softer findings on a valid rule set: things that are allowed but probably not what the author meant (a rule
 * that can never match, or that no source feeds with assets to tag, owner values of the wrong form, a condition
 * that defeats its own onConflict, a notification secret written in the file). Shown by
 * `autotag validate` and `GET /rules`; they never block a run.
 */
import type { AssetKind } from '../dataworks';
import { reachOf, type Sources } from '../discovery';
import { CONDITION_KEYS, CONDITIONS, eachCondition, nodes, type LintContext } from './conditions';
import { feedProblem, overlaps } from './feeds';
import { facetOf, footprint, type Footprint } from './footprint';
import type { Path } from '../errors';
import { CHANNELS, type NotifySection } from '../notify';
import { issueAt } from './issues';
import { testsAnyOf } from './match';
import type { Rule, RuleSet, TagKeySpec } from './types';

export interface LintFinding {
  level: 'warning';
  field: string;
  ruleId?: string;
  message: string;
}

export function lintRuleSet(rs: RuleSet): LintFinding[] {
  const declared = new Map(rs.tagKeys.map((spec) => [spec.key, spec]));
  return [...rs.rules.flatMap((rule, i) => lintRule(rule, ['rules', i], rs.sources, declared)), ...notifyFindings(rs.notify)];
}

/** A secret written in the file is read by whoever reads the file (a repository, a bundle): name a variable instead. */
function notifyFindings(section: NotifySection | undefined): LintFinding[] {
  if (!section) return [];
  const inFile = (field: 'url' | 'secret', what: string, name: string): LintFinding => ({
    level: 'warning',
    field: `notify.${field}`,
    message: `${what} is written in the rule file, so whoever can read the file can post as this sender: read it from the environment instead, ${field}: { env: ${name} }`,
  });
  const findings: LintFinding[] = [];
  if (typeof section.url === 'string' && URL.canParse(section.url) && CHANNELS[section.kind].urlSecrets(new URL(section.url)).length > 0) {
    findings.push(inFile('url', 'the URL carries an access token and', 'NOTIFY_URL'));
  }
  if (typeof section.secret === 'string') findings.push(inFile('secret', 'the signing secret', 'NOTIFY_SECRET'));
  return findings;
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
  } else {
    const unfed = feedProblem(fp, sources);
    if (unfed) warn(['match'], unfed);
  }

  // a condition that means different things per kind, on a rule that may see several kinds
  for (const key of CONDITION_KEYS) {
    const message = CONDITIONS[key].meaningVariesByKind;
    if (message && !fp.type && kinds.size > 1 && testsAnyOf(rule.match, [key])) warn(['match'], message);
  }
  const ctx: LintContext = { kind: fp.type, declaredValues: (key) => declared.get(key)?.values };
  for (const { match, at } of nodes(rule.match, ['match'])) {
    const notes = eachCondition(match, CONDITION_KEYS, (key, value, c) => (c.lint?.(value, ctx) ?? []).map((note) => ({ ...note, at: [key, ...note.at] })));
    for (const note of notes.flat()) warn([...at, ...note.at], note.message);
  }

  if (rule.onConflict === 'overwrite') {
    const lacked = Object.keys(rule.tags).filter((key) => facetOf(fp, 'tags')?.lacks.get(key) === null);
    if (lacked.length > 0) {
      warn(['onConflict'], `the rule only matches assets lacking ${lacked.map((k) => `"${k}"`).join(', ')}, so "overwrite" never applies to ${lacked.length > 1 ? 'them' : 'it'}: drop onConflict or the lacks condition`);
    }
  }
  return findings;
}

function discoverable(sources: Sources): Set<AssetKind> {
  return new Set(reachOf(sources).flatMap((s) => s.kinds));
}

/** Can some source discover an asset with the footprint's type, projects and env? (One partly unknown offline may.) */
function reachable(fp: Footprint, sources: Sources): boolean {
  // a source partly unknown offline may list any workspace
  return reachOf(sources).some((s) => (!fp.type || s.kinds.includes(fp.type)) && overlaps(s.unknownOffline ? { ...s, projects: undefined } : s, fp));
}
