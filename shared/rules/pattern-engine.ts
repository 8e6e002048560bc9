/**
 * The engine name patterns run on: RE2 (re2js, its pure-JavaScript port), which matches in time linear in
 * the name whatever the pattern. A backtracking engine (JavaScript's RegExp) can take exponential time:
 * `^(\w|\d)+$` against 28 digits and a `!` stalls it for seconds, a few more characters for hours, and
 * globs with many stars are polynomial of their degree. No check of the pattern closes that reliably (a
 * pattern can look harmless and still backtrack); an engine without backtracking does. re2js installs
 * without a download and bundles into the CLI and the functions like any other module.
 *
 * Globs keep picomatch's syntax and meaning: picomatch translates the glob to a regex and RE2 runs it.
 * The few glob constructs picomatch can only translate with lookaround are refused (see `compileProblem`).
 */
import picomatch from 'picomatch';
import { RE2JS, RE2JSSyntaxException } from 're2js';

/** A name pattern of the model: a bare glob string in the file is `{ glob }` here. */
export type NamePattern = { glob: string } | { regex: string };

export type NameTest = (name: string) => boolean;

// windows: false, so `\` escapes and the result does not depend on the machine the rules run on
const GLOB_OPTIONS: picomatch.PicomatchOptions = { bash: true, dot: true, nocase: false, windows: false };

/** The compiled test of a pattern. Throws on a pattern it cannot run (see `compileProblem`). */
export function compileNameTest(pattern: NamePattern): NameTest {
  if ('regex' in pattern) {
    const re = RE2JS.compile(pattern.regex);
    return (name) => re.test(name);
  }
  // a leading "!" negates the whole glob; picomatch reports it apart from the translation
  const { output, negated } = picomatch.parse(pattern.glob, GLOB_OPTIONS);
  const re = RE2JS.compile(`^(?:${output})$`);
  return negated ? (name) => !re.test(name) : (name) => re.test(name);
}

/** Why `compileNameTest` refused the pattern, with how to fix it; rethrows an error that is not about the pattern. */
export function compileProblem(pattern: NamePattern, e: unknown): string {
  if ('glob' in pattern) return globProblem(e);
  if (e instanceof RE2JSSyntaxException) return regexProblem(e);
  throw e;
}

function globProblem(e: unknown): string {
  if (!(e instanceof RE2JSSyntaxException)) return `invalid glob: ${(e as Error).message}`;
  return (
    'glob uses syntax that picomatch translates with lookaround, which cannot be matched in linear time (an extglob ' +
    'such as "+(a|b)" or "!(a)", a leading "**", a POSIX class such as "[[:alpha:]]"): use *, ?, [abc], {a,b} and \\ ' +
    'escapes, or write it as a { regex }'
  );
}

/** RE2 has no lookaround and no backreferences (they are what needs backtracking): say so and how to rewrite. */
function regexProblem(e: RE2JSSyntaxException): string {
  const at = e.getPattern() ?? '';
  if (/^\(\?<?[=!]/.test(at)) {
    return (
      `regex uses lookaround ("${at.slice(0, at[2] === '<' ? 4 : 3)}"), which the linear-time engine (RE2) does not support: ` +
      'match the wanted names directly, or put what they must not be in a "not" condition, e.g. not: { name: { regex: "_tmp$" } }'
    );
  }
  if (/^\\[1-9k]/.test(at)) {
    return (
      `regex uses a backreference ("${at}"), which the linear-time engine (RE2) does not support: ` +
      'spell the repeated part out, or list the alternatives with "|", e.g. "^(ods_ods|dwd_dwd)_"'
    );
  }
  return (
    `invalid regex: ${e.getDescription()}${at ? `: \`${at}\`` : ''}; regexes are RE2 syntax: check brackets and escapes ` +
    '(a literal "." is "\\.", a code point "\\x{4e2d}")'
  );
}
