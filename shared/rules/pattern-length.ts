/**
 * The cap on a name pattern's length, checked before the pattern is compiled or analysed: a regex of
 * kilobytes costs time to check and to run on every asset, and no asset name (at most 128 characters in
 * DataWorks) needs one. A long alternation belongs in a list of patterns, any of which may match.
 */
import type { NamePattern } from './patterns';

export const MAX_PATTERN_LENGTH = 1000;

/** Why `pattern` is too long, or undefined. The message never quotes the pattern (it may be huge). */
export function patternLengthProblem(pattern: NamePattern): string | undefined {
  const [kind, source] = 'glob' in pattern ? ['glob', pattern.glob] : ['regex', pattern.regex];
  if (source.length <= MAX_PATTERN_LENGTH) return undefined;
  return (
    `the ${kind} is ${source.length.toLocaleString('en-US')} characters long, more than the ${MAX_PATTERN_LENGTH.toLocaleString('en-US')} allowed: ` +
    'split it into a list of shorter patterns (name: [...] matches when any of them does)'
  );
}
