/**
 * Name patterns: compiling them (once per pattern object), checking them, and what can be proved about them
 * without running them (a literal name, a literal prefix or suffix), for overlap checks and server-side filters.
 *
 * Globs (picomatch) match the WHOLE name, case-sensitively; `*` matches any run of characters, `?` one
 * character, `[abc]`, `{a,b}` and `\*` work as in bash. Regexes are RE2 regexes without flags, SEARCHED in
 * the name (`user` matches `ods_user_info`): anchor them with `^`/`$` to match the whole name. Both run on a
 * linear-time engine (`pattern-engine.ts`), so no pattern can stall matching.
 */
import { compileNameTest, compileProblem, type NamePattern, type NameTest } from './pattern-engine';

export type { NamePattern, NameTest } from './pattern-engine';

// Characters with a meaning in picomatch globs (conservatively: some are literal in some positions).
const GLOB_SPECIAL = /[*?[\]{}()!+@\\|^$]/;
const REGEX_SPECIAL = /[\\^$.|?*+()[\]{}]/;
/** An RE2 flag group that may turn on multi-line mode: `(?m)`, `(?im:...)` */
const MULTILINE_FLAG = /\(\?[a-zA-Z]*m/;

/**
 * Memo of compiled patterns, keyed by the pattern object of a parsed rule set: the matcher runs for every asset
 * of a large catalog, so a pattern is compiled once, not per call. Weak, so dropped rule sets free their entries.
 */
const compiled = new WeakMap<NamePattern, NameTest>();

/** The compiled test of a pattern. Throws on one `patternProblem` refuses (parsed rule sets never hold one). */
export function nameTest(pattern: NamePattern): NameTest {
  let test = compiled.get(pattern);
  if (!test) {
    test = compileNameTest(pattern);
    compiled.set(pattern, test);
  }
  return test;
}

/** Why a pattern cannot be used, with how to fix it; undefined when it can (it is then compiled, once). */
export function patternProblem(pattern: NamePattern): string | undefined {
  try {
    nameTest(pattern);
    return undefined;
  } catch (e) {
    return compileProblem(pattern, e);
  }
}

/** The one name the pattern matches, when it matches exactly one. */
export function literalName(pattern: NamePattern): string | undefined {
  if ('glob' in pattern) return GLOB_SPECIAL.test(pattern.glob) ? undefined : pattern.glob;
  const m = /^\^(.*)\$$/.exec(pattern.regex);
  return m && !REGEX_SPECIAL.test(m[1]) ? m[1] : undefined;
}

/** Text every matching name starts with ('' when none is known). */
export function literalPrefix(pattern: NamePattern): string {
  if ('glob' in pattern) return leadingLiteral(pattern.glob, GLOB_SPECIAL);
  const re = pattern.regex;
  if (!re.startsWith('^') || hasTopLevelAlternation(re)) return '';
  const run = leadingLiteral(re.slice(1), REGEX_SPECIAL);
  // a quantifier after the run makes its last character optional: ^abc? only promises "ab"
  return /^[?*{]/.test(re.slice(1 + run.length)) ? run.slice(0, -1) : run;
}

/** Text every matching name ends with ('' when none is known). */
export function literalSuffix(pattern: NamePattern): string {
  if ('glob' in pattern) return trailingLiteral(pattern.glob, GLOB_SPECIAL);
  const re = pattern.regex;
  // with the multi-line flag, `$` also matches before a line break inside the name
  if (!re.endsWith('$') || re.endsWith('\\$') || hasTopLevelAlternation(re) || MULTILINE_FLAG.test(re)) return '';
  return trailingLiteral(re.slice(0, -1), REGEX_SPECIAL);
}

/** `a|b` outside any group or class: then `^` or `$` anchors one branch only. */
function hasTopLevelAlternation(re: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

function leadingLiteral(s: string, special: RegExp): string {
  let i = 0;
  while (i < s.length && !special.test(s[i])) i++;
  return s.slice(0, i);
}

function trailingLiteral(s: string, special: RegExp): string {
  let i = s.length;
  // stop before a character that an escape (\d, \w) or a special character claims
  while (i > 0 && !special.test(s[i - 1]) && s[i - 2] !== '\\') i--;
  return s.slice(i);
}

/** True only when no name can match both patterns (false = they may overlap, or we cannot tell). */
export function patternsDisjoint(a: NamePattern, b: NamePattern): boolean {
  const la = literalName(a);
  if (la !== undefined) return !nameTest(b)(la);
  const lb = literalName(b);
  if (lb !== undefined) return !nameTest(a)(lb);
  const [pa, pb] = [literalPrefix(a), literalPrefix(b)];
  if (!pa.startsWith(pb) && !pb.startsWith(pa)) return true;
  const [sa, sb] = [literalSuffix(a), literalSuffix(b)];
  return !sa.endsWith(sb) && !sb.endsWith(sa);
}

/** Two any-of lists are disjoint when every pattern of one is disjoint from every pattern of the other. */
export function patternListsDisjoint(a: readonly NamePattern[], b: readonly NamePattern[]): boolean {
  return a.every((p) => b.every((q) => patternsDisjoint(p, q)));
}
