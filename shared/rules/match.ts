/**
 * Matching one asset against a rule's conditions. A Match is compiled once into a closure tree (regexes and
 * globs compiled, sets built) and memoized per Match object, because it runs for every asset of a catalog.
 *
 * Three-valued: a condition on a detail the listing did not report (the owner; a table's workspace and env)
 * is "unknown" until the details are fetched, and AND/OR/NOT follow Kleene logic (false AND unknown = false,
 * true OR unknown = true), with the cheap conditions evaluated first, so the engine fetches details only when
 * the outcome depends on them. An owner that could not be read (null) stays unknown too and ends as
 * 'no-match': an owner condition, even negated, never matches on a guess. Once details are fetched, a
 * `projects` or `env` condition on an asset that still reports no workspace or env is false.
 */
import { nameTest } from './patterns';
import type { MatchableAsset, Match, MatchOutcome, TagTest } from './types';

type Tags = Readonly<Record<string, string>>;
/** true / false, or undefined: depends on details (owner, workspace, env) not fetched yet */
type Verdict = boolean | undefined;
type Test = (asset: MatchableAsset, tags: Tags) => Verdict;

/** Memo of compiled matches (weak: a dropped rule set frees its entries). */
const compiled = new WeakMap<Match, Test>();

export function evaluateMatch(match: Match, asset: MatchableAsset, tags: Tags): MatchOutcome {
  const verdict = compileMatch(match)(asset, tags);
  if (verdict === undefined) return asset.owner === undefined ? 'needs-details' : 'no-match';
  return verdict ? 'match' : 'no-match';
}

/** Does any branch of the match have an owner condition (so owners may need fetching)? */
export function referencesOwner(match: Match): boolean {
  return testsAnyOf(match, ['owner']);
}

/** Does any branch of `match` (through not / any / all) test one of these fields? */
export function testsAnyOf(match: Match, fields: readonly (keyof Match)[]): boolean {
  return (
    fields.some((f) => match[f] !== undefined) ||
    (match.not !== undefined && testsAnyOf(match.not, fields)) ||
    (match.any ?? []).some((m) => testsAnyOf(m, fields)) ||
    (match.all ?? []).some((m) => testsAnyOf(m, fields))
  );
}

/** The compiled test of a match; the parser calls it for every rule so patterns compile at parse time. */
export function compileMatch(match: Match): Test {
  let test = compiled.get(match);
  if (!test) {
    test = build(match);
    compiled.set(match, test);
  }
  return test;
}

function build(m: Match): Test {
  // cheapest first; compound conditions next; the owner, which may be unknown, last
  const tests: Test[] = [];
  if (m.type !== undefined) {
    const kind = m.type;
    tests.push((a) => a.kind === kind);
  }
  if (m.env !== undefined) {
    const env = m.env;
    tests.push((a) => (a.envType !== undefined ? a.envType === env : detailsPending(a)));
  }
  if (m.projects !== undefined) {
    const projects = new Set(m.projects);
    tests.push((a) => (a.projectId !== undefined ? projects.has(a.projectId) : detailsPending(a)));
  }
  if (m.tags?.has) {
    const has = m.tags.has.map(tagTest);
    tests.push((_, tags) => has.every((t) => t(tags)));
  }
  if (m.tags?.lacks) {
    const lacks = m.tags.lacks.map(tagTest);
    tests.push((_, tags) => !lacks.some((t) => t(tags)));
  }
  if (m.name !== undefined) {
    const names = m.name.map(nameTest);
    tests.push((a) => names.some((t) => t(a.name)));
  }
  for (const sub of m.all ?? []) tests.push(compileMatch(sub));
  if (m.any !== undefined) tests.push(anyOf(m.any.map(compileMatch)));
  if (m.not !== undefined) {
    const inner = compileMatch(m.not);
    tests.push((a, tags) => {
      const v = inner(a, tags);
      return v === undefined ? undefined : !v;
    });
  }
  if (m.owner !== undefined) {
    const owners = new Set(m.owner);
    tests.push((a) => (typeof a.owner === 'string' ? owners.has(a.owner) : undefined));
  }
  return allOf(tests);
}

/** A workspace or env the listing did not report: unknown until details are fetched, then false. */
const detailsPending = (a: MatchableAsset): Verdict => (a.owner === undefined ? undefined : false);

function allOf(tests: Test[]): Test {
  if (tests.length === 1) return tests[0];
  return (a, tags) => {
    let unknown = false;
    for (const t of tests) {
      const v = t(a, tags);
      if (v === false) return false;
      if (v === undefined) unknown = true;
    }
    return unknown ? undefined : true;
  };
}

function anyOf(tests: Test[]): Test {
  return (a, tags) => {
    let unknown = false;
    for (const t of tests) {
      const v = t(a, tags);
      if (v === true) return true;
      if (v === undefined) unknown = true;
    }
    return unknown ? undefined : false;
  };
}

function tagTest({ key, values }: TagTest): (tags: Tags) => boolean {
  if (!values) return (tags) => Object.hasOwn(tags, key);
  const allowed = new Set(values);
  return (tags) => Object.hasOwn(tags, key) && allowed.has(tags[key]);
}
