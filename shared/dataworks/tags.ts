/**
 * The rules a tag key or value must follow (reference README, decision 2). One place, used by rule-set
 * validation and by the client's request checks, so a rule file is rejected for exactly what the client
 * would refuse to send.
 */
import { codePoint } from '../json';
import { LIMITS } from './types';

const RESERVED_PREFIXES = ['dw:', 'aliyun', 'acs:'];
// Letters (Latin or Chinese), digits and -@#*<>|[]()+=&%$!~ ; no underscore, dot or space.
const KEY_CLASS = String.raw`[A-Za-z0-9\u4e00-\u9fff\-@#*<>|[\]()+=&%$!~]`;
const KEY_CHARS = new RegExp(`^${KEY_CLASS}+$`);
const URL_SCHEME = /https?:\/\//i;
// control characters (NUL, newline, tab, ESC, DEL, C1) and the Unicode line and paragraph separators
const CONTROL_CHARS = String.raw`\u0000-\u001f\u007f-\u009f\u2028\u2029`;
const CONTROL = new RegExp(`[${CONTROL_CHARS}]`);

/** `[aA][cC][sS]:`: the text in either case, without flags (a JSON Schema pattern has none). */
const anyCase = (text: string) => [...text].map((c) => (c.toLowerCase() === c.toUpperCase() ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`)).join('');

/**
 * The rules above as JSON Schema patterns (ECMA-262, no flags), for editors: a key `tagKeyProblem` accepts, and
 * a value `tagValueProblem` accepts as far as a pattern can say (its length is JSON Schema's maxLength).
 */
export const TAG_KEY_PATTERN = `^(?!${RESERVED_PREFIXES.map(anyCase).join('|')})${KEY_CLASS}{1,${LIMITS.maxKeyLength}}$`;
export const TAG_VALUE_PATTERN = `^(?![\\s\\S]*${anyCase('http')}[sS]?://)[^${CONTROL_CHARS}]*$`;

/** `U+000A` for a character. */

/** Why `key` cannot be a tag key, or undefined when it can. */
export function tagKeyProblem(key: string): string | undefined {
  if (key.length < 1 || key.length > LIMITS.maxKeyLength) return `tag key must be 1-${LIMITS.maxKeyLength} characters (got ${key.length})`;
  const prefix = RESERVED_PREFIXES.find((p) => key.toLowerCase().startsWith(p));
  if (prefix) return `tag key must not start with "${prefix}" (reserved)`;
  if (URL_SCHEME.test(key)) return 'tag key must not contain http:// or https://';
  if (!KEY_CHARS.test(key)) {
    const bad = [...key].filter((c) => !KEY_CHARS.test(c));
    return `tag key may only hold letters, digits and -@#*<>|[]()+=&%$!~ (found ${JSON.stringify([...new Set(bad)].join(''))}); use "-" instead of "_", "." or spaces`;
  }
  return undefined;
}

/** Why `value` cannot be a tag value, or undefined when it can. */
export function tagValueProblem(value: string): string | undefined {
  if (value.length > LIMITS.maxValueLength) return `tag value must be at most ${LIMITS.maxValueLength} characters (got ${value.length})`;
  if (URL_SCHEME.test(value)) return 'tag value must not contain http:// or https://';
  const control = CONTROL.exec(value);
  if (control) {
    return `tag value must not hold control characters or line breaks (found ${codePoint(control[0])} at character ${[...value.slice(0, control.index)].length + 1}): remove it`;
  }
  return undefined;
}
