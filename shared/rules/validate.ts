/**
 * The checks a rule set must pass beyond its shape, before any API call: tag keys and values the API would
 * refuse, keys and values not declared, unusable conditions (each condition's own checks, e.g. name patterns),
 * duplicate ids, missing sources, and rules that would set one key to different values on one asset
 * (`conflicts.ts`). Works on whatever parts parsed, so one run reports every issue it can find.
 */
import type { InputIssue, Path } from '../errors';
import { LIMITS, tagKeyProblem, tagValueProblem } from '../dataworks';
import { reachOf, sourceExamples, type Sources } from '../discovery';
import { closest } from '../json';
import { CONDITION_KEYS, eachCondition, nodes, type Match } from './conditions';
import { conflictIssues } from './conflicts';
import { footprint } from './footprint';
import { issueAt } from './issues';
import type { IndexedRule, TagKeySpec } from './types';

/** The parts of a rule set that parsed; a part that did not is absent and the checks needing it are skipped. */
export interface RuleSetParts {
  tagKeys?: TagKeySpec[];
  sources?: Sources;
  rules: IndexedRule[];
}

const VALUE_SHAPES: Record<NonNullable<TagKeySpec['valueType']>, { test: RegExp; example: string }> = {
  Boolean: { test: /^(true|false)$/, example: '"true" or "false"' },
  Int: { test: /^-?\d+$/, example: '"3"' },
  Double: { test: /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, example: '"1.5"' },
  String: { test: /^/, example: '"text"' },
};

export function validateParts(parts: RuleSetParts): InputIssue[] {
  const issues: InputIssue[] = [];
  if (parts.tagKeys) issues.push(...tagKeyIssues(parts.tagKeys));
  if (parts.sources) issues.push(...sourceIssues(parts.sources));
  issues.push(...duplicateIdIssues(parts.rules));
  const declared = parts.tagKeys && new Map(parts.tagKeys.map((spec, i) => [spec.key, { spec, index: i }]));
  const analysable: IndexedRule[] = [];
  for (const r of parts.rules) {
    issues.push(...bindingIssues(r, declared));
    const unusable = matchIssues(r.rule.match, ['rules', r.index, 'match'], ruleLabel(r));
    issues.push(...unusable);
    if (unusable.length === 0 && !r.partial) analysable.push(r);
  }
  const { sources } = parts;
  if (sources && reachOf(sources).length > 0) issues.push(...analysable.flatMap((r) => coverageIssues(r, sources)));
  issues.push(...conflictIssues(analysable));
  return issues;
}

function tagKeyIssues(specs: TagKeySpec[]): InputIssue[] {
  const issues: InputIssue[] = [];
  const seen = new Map<string, number>();
  specs.forEach((spec, i) => {
    const at = (path: Path, message: string) => issues.push(issueAt(['tagKeys', i, ...path], message));
    const keyProblem = tagKeyProblem(spec.key);
    if (keyProblem) at(['key'], keyProblem);
    if (seen.has(spec.key)) at(['key'], `tag key "${spec.key}" is declared twice (also tagKeys[${seen.get(spec.key)}]): merge the two entries`);
    else seen.set(spec.key, i);
    if (!spec.values) return;
    if (spec.values.length === 0) at(['values'], 'an empty list allows no value: list the allowed values, or remove "values" to allow any');
    const seenValues = new Set<string>();
    spec.values.forEach((value, j) => {
      const problem = tagValueProblem(value) ?? valueTypeProblem(value, spec);
      if (problem) at(['values', j], problem);
      if (seenValues.has(value)) at(['values', j], `value "${value}" is listed twice: remove one`);
      seenValues.add(value);
    });
  });
  return issues;
}

function valueTypeProblem(value: string, spec: TagKeySpec): string | undefined {
  const shape = spec.valueType && VALUE_SHAPES[spec.valueType];
  return shape && !shape.test.test(value)
    ? `value "${value}" is not a ${spec.valueType}, the valueType of "${spec.key}" (e.g. ${shape.example})`
    : undefined;
}

function sourceIssues(sources: Sources): InputIssue[] {
  if (reachOf(sources).length > 0) return [];
  return [issueAt(['sources'], `no source: name at least one of ${alternatives(sourceExamples())}`)];
}

/** `a`, `a or b`, `a, b or c` */
function alternatives(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : items.join('');
}

/** The rule's id for messages; none when the file gives it none (a rule that did not parse has id ""). */
const ruleLabel = (r: IndexedRule) => r.rule.id || undefined;

function duplicateIdIssues(rules: IndexedRule[]): InputIssue[] {
  const first = new Map<string, number>();
  const issues: InputIssue[] = [];
  for (const { index, rule } of rules) {
    if (!rule.id) continue;
    const earlier = first.get(rule.id);
    if (earlier === undefined) first.set(rule.id, index);
    else issues.push(issueAt(['rules', index, 'id'], `rule id "${rule.id}" is already used by rules[${earlier}]: rule ids must be unique`, rule.id));
  }
  return issues;
}

function bindingIssues(r: IndexedRule, declared?: Map<string, { spec: TagKeySpec; index: number }>): InputIssue[] {
  const { index, rule } = r;
  const issues: InputIssue[] = [];
  const at = (path: Path, message: string) => issues.push(issueAt(['rules', index, 'tags', ...path], message, ruleLabel(r)));
  const entries = Object.entries(rule.tags);
  if (entries.length === 0 && !r.partial) at([], 'a rule must set at least one tag');
  if (entries.length > LIMITS.maxTagsPerAsset) {
    at([], `a rule may set at most ${LIMITS.maxTagsPerAsset} tags (DataWorks allows ${LIMITS.maxTagsPerAsset} per asset); this one sets ${entries.length}: split it`);
  }
  for (const [key, value] of entries) {
    const keyProblem = tagKeyProblem(key);
    if (keyProblem) at([key], keyProblem);
    const valueProblem = tagValueProblem(value);
    if (valueProblem) at([key], valueProblem);
    if (!declared || keyProblem) continue;
    const decl = declared.get(key);
    if (!decl) {
      const near = closest(key, declared.keys());
      at([key], `tag key "${key}" is not declared under tagKeys${near ? ` (did you mean "${near}"?)` : ''}: add "- key: ${key}" with its allowed values to tagKeys`);
      continue;
    }
    const { spec } = decl;
    if (spec.values && spec.values.length > 0 && !spec.values.includes(value)) {
      at([key], `value "${value}" is not declared for "${key}" (allowed: ${spec.values.join(', ')}): use one of them, or add it to tagKeys[${decl.index}].values`);
    } else if (!valueProblem) {
      const typeProblem = valueTypeProblem(value, spec);
      if (typeProblem) at([key], typeProblem);
    }
  }
  return issues;
}

/** What each condition in the tree finds unusable (e.g. a name pattern that does not compile). */
function matchIssues(m: Match, path: Path, ruleId: string | undefined): InputIssue[] {
  return [...nodes(m, path)].flatMap(({ match, at }) =>
    eachCondition(match, CONDITION_KEYS, (key, value, c) => (c.issues?.(value) ?? []).map((note) => issueAt([...at, key, ...note.at], note.message, ruleId))).flat(),
  );
}

/** A rule limited to one asset kind needs a source that discovers that kind, or it could never match. */
function coverageIssues({ index, rule }: IndexedRule, sources: Sources): InputIssue[] {
  const kind = footprint(rule.match).type;
  if (!kind || reachOf(sources).some((s) => s.kinds.includes(kind))) return [];
  return [
    issueAt(
      ['rules', index, 'match', ...(rule.match.type ? ['type'] : [])],
      `the rule matches only ${kind}s, but no source discovers ${kind}s, so it could never match: add ${alternatives(sourceExamples(kind))} to sources`,
      rule.id,
    ),
  ];
}
