/**
 * Masking credentials in text, in every form the code or a server can quote them in:
 * - registered secrets (AccessKey secret, STS token, HTTP token) as written, percent-encoded (encodeURIComponent,
 *   the RFC 3986 form openapi-util signs with, lower- or upper-case hex, encoded twice as in a string-to-sign),
 *   JSON-escaped (`\"`, `\\`, `\/`, `\uXXXX` for any character, escaped again when JSON is quoted in JSON),
 *   any mix of those character by character, and base64 (standard or URL-safe, at any alignment);
 * - request headers a server echoes (`Authorization`, `x-acs-*`: in header, JSON, query or percent-encoded form);
 * - AccessKey ids (`LTAI…`, and STS ones `STS.…`), which name the account's keys.
 *
 * A process-wide registry, because anything this process prints must be masked, whoever builds the text. It is
 * bounded: a warm FC instance registers each invocation's rotating STS triple, and only the newest few can still
 * be in use, so the oldest are forgotten first.
 */

export const MASK = '[redacted]';
const MAX_SECRETS = 64;
/** shorter base64 runs would mask too much unrelated text: a secret of 9 bytes or more has runs this long at every alignment */
const MIN_BASE64_RUN = 8;

/** secret -> the pattern of its encoded forms */
const knownSecrets = new Map<string, RegExp>();

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** `n` as `digits` hex digits, each letter matching either case. */
function hexPattern(n: number, digits: number): string {
  return [...n.toString(16).padStart(digits, '0')].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('');
}

/** An escape's backslashes: 1, or 3 or 7 when the JSON was quoted in JSON once or twice (bounded, so matching stays quick). */
const BACKSLASHES = '\\\\{1,7}';
/** A percent sign, itself encoded up to three times (`%25`), as a string-to-sign encodes the encoded query again. */
const PERCENT = '%(?:25){0,3}';

/** JSON's short escapes: the character after the backslash (as a regex). */
const JSON_SHORT: Record<string, string> = { '"': '"', '\\': '\\\\', '/': '/', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't' };

/** One character of a secret in any of its forms: itself, %XX of its UTF-8 bytes, \uXXXX of its UTF-16 units, a short JSON escape. */
function characterPattern(c: string): string {
  const forms = [
    escapeRegExp(c),
    [...Buffer.from(c, 'utf8')].map((byte) => `${PERCENT}${hexPattern(byte, 2)}`).join(''),
    c
      .split('')
      .map((unit) => `${BACKSLASHES}u${hexPattern(unit.charCodeAt(0), 4)}`)
      .join(''),
  ];
  if (JSON_SHORT[c]) forms.push(`${BACKSLASHES}${JSON_SHORT[c]}`);
  if (c === ' ') forms.push('\\+'); // form encoding
  return `(?:${forms.join('|')})`;
}

/** The base64 text every encoding of a message holding `secret` contains, for each of the three alignments. */
function base64Runs(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const runs: string[] = [];
  for (const offset of [0, 1, 2]) {
    // the 3-byte groups that hold secret bytes only, when the secret starts `offset` bytes into a group
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const first = offset > 0 ? 1 : 0;
    const run = padded.subarray(first * 3, Math.floor(padded.length / 3) * 3).toString('base64');
    if (run.length >= MIN_BASE64_RUN) runs.push(run, run.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return runs;
}

function secretPattern(secret: string): RegExp {
  const encoded = [...secret].map(characterPattern).join('');
  return new RegExp([encoded, ...base64Runs(secret).map(escapeRegExp)].join('|'), 'g');
}

/** Register a secret value so no log line can contain it. Values shorter than 6 characters are ignored. */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < 6) return;
  const pattern = knownSecrets.get(value) ?? secretPattern(value);
  knownSecrets.delete(value); // re-registering makes it the newest
  knownSecrets.set(value, pattern);
  if (knownSecrets.size > MAX_SECRETS) knownSecrets.delete(knownSecrets.keys().next().value!);
}

/**
 * A request header (or a signed query parameter of the older RPC style: SecurityToken, AccessKeyId) after the
 * start of its line or a separator, how it is joined to its value (`: `, `=`, `":"`, escaped quotes, `%3A`,
 * `%253A`), and the value up to where it ends (a quote, a line end or its escape, `&`, or their encoded forms).
 */
const HEADER_ECHO =
  /((?:(?<![a-z0-9-])|(?<=%(?:25)*(?:0[ad]|2[0c6])))(?:authorization|x-acs-[a-z0-9-]+|securitytoken|accesskeyid))((?:\\*["'])?\s*(?::|=|%(?:25)*3[ad])\s*(?:\\*["'])?)((?:(?!\\+["'nr]|%(?:25)*(?:0[aAdD]|2[26])|[\r\n"'&])[^\r\n"'&])+)/gi;
// no word boundary before: in a percent-encoded query the id follows `%3D`
const ACCESS_KEY_ID = /(?:LTAI|STS\.)[0-9A-Za-z]{8,}/g;

/** `s` with every registered secret (in any form above), echoed request header and AccessKey id masked. */
export function redactString(s: string): string {
  let out = s.replace(HEADER_ECHO, (_m, name: string, joiner: string) => `${name}${joiner}${MASK}`);
  for (const pattern of knownSecrets.values()) out = out.replace(pattern, MASK);
  return out.replace(ACCESS_KEY_ID, MASK);
}
