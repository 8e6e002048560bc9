/**
 * The ACS3-HMAC-SHA256 request signature (V3) that @alicloud/openapi-client 0.4.x puts on every call
 * (reference dataworks-api.md §6.3-6.5). Pure functions: the emulator verifies with them and tests sign
 * raw requests with them. A verifier must canonicalize the *decoded* query: the client leaves `!'()*`
 * unencoded on the wire but encodes them in the canonical string. `headerOf` is how every stand-in reads a
 * request header.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_ALGORITHM = 'ACS3-HMAC-SHA256';

/** Query parameters in wire order, decoded. A list, not a map, so a repeated name is not lost. */
export type QueryPairs = [name: string, value: string][];

/** Header names are lower case, as Node's IncomingMessage gives them. */
export type HeaderMap = Record<string, string | string[] | undefined>;

/** RFC 3986 percent-encoding of UTF-8: keep `A-Z a-z 0-9 - _ . ~`, `%XX` (upper-case hex) for the rest. */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The parameters of a wire query string (without the leading `?`), decoded: `%XX` and, defensively,
 * `+` as a space. Throws URIError on a malformed escape.
 */
export function decodeQuery(raw: string): QueryPairs {
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  return raw
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))];
    });
}

/** Names and values encoded, sorted by name (then value), `name=value` joined with `&`. */
export function canonicalQueryString(query: QueryPairs): string {
  return query
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([n1, v1], [n2, v2]) => (n1 < n2 ? -1 : n1 > n2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The header names a signer must sign: every `x-acs-*`, `host` and `content-type` present. */
export function signableHeaderNames(headers: HeaderMap): string[] {
  return Object.keys(headers)
    .map((name) => name.toLowerCase())
    .filter((name) => name.startsWith('x-acs-') || name === 'host' || name === 'content-type')
    .sort();
}

/** A header's value, repeated values joined with `,` as Node does for most headers; undefined when absent. */
export function headerOf(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** A signed header's value as the canonical request has it: trimmed, '' when absent. */
function canonicalHeaderValue(headers: HeaderMap, name: string): string {
  return (headerOf(headers, name) ?? '').trim();
}

export interface CanonicalRequestInput {
  method: string;
  /** the URL path, `/` for every DataWorks RPC action */
  path: string;
  query: QueryPairs;
  headers: HeaderMap;
  /** lower-case names, in the order they are signed (sorted) */
  signedHeaders: string[];
  /** lower-case hex SHA-256 of the body bytes */
  payloadHash: string;
}

export function canonicalRequest(input: CanonicalRequestInput): string {
  const canonicalHeaders = input.signedHeaders.map((name) => `${name}:${canonicalHeaderValue(input.headers, name)}\n`).join('');
  return [
    input.method.toUpperCase(),
    input.path,
    canonicalQueryString(input.query),
    canonicalHeaders,
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
}

/** Lower-case hex HMAC-SHA256 of the string to sign, keyed with the AccessKey secret (no `&` suffix). */
export function computeSignature(accessKeySecret: string, canonical: string): string {
  const stringToSign = `${SIGNATURE_ALGORITHM}\n${sha256Hex(canonical)}`;
  return createHmac('sha256', accessKeySecret).update(stringToSign).digest('hex');
}

export function formatAuthorization(accessKeyId: string, signedHeaders: string[], signature: string): string {
  return `${SIGNATURE_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`;
}

/** The Authorization header value openapi-client would send for this request (all signable headers signed). */
export function signRequest(
  request: Omit<CanonicalRequestInput, 'signedHeaders'>,
  credentials: { accessKeyId: string; accessKeySecret: string },
): string {
  const signedHeaders = signableHeaderNames(request.headers);
  const signature = computeSignature(credentials.accessKeySecret, canonicalRequest({ ...request, signedHeaders }));
  return formatAuthorization(credentials.accessKeyId, signedHeaders, signature);
}

export interface ParsedAuthorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/;

export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const m = AUTHORIZATION.exec(value);
  if (!m) return undefined;
  return { accessKeyId: m[1], signedHeaders: m[2].split(';'), signature: m[3] };
}

/** Constant-time comparison of two hex signatures. */
export function signaturesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
