/**
 * The FC 2.0 request signature, `Authorization: FC <AccessKeyId>:<signature>`, as `@alicloud/fc2` 2.6.6 makes
 * it (lib/client.js getSignature, lib/helper.js composeStringToSign; research.md §6): HMAC-SHA256, base64,
 * over `METHOD\nContent-MD5\nContent-Type\nDate\n` + every `x-fc-*` header (lower-cased, sorted,
 * `name:value\n`, value as sent) + the unencoded path; a `/proxy/` path (an FC 2.0 HTTP trigger) also signs
 * its query, one sorted `k=v` line per value. Content-MD5 is signed as sent and not checked against the body:
 * fc2 sends base64 of the *hex* digest, so what FC's server does with it cannot be told from the client.
 */
import { createHmac } from 'node:crypto';
import { MAX_SKEW_MS, refuser, type AccessKeyCredential, type RefusalErrors } from '../auth';
import { headerOf, signaturesEqual, type HeaderMap, type QueryPairs } from '../signature';

export interface Fc2SignedRequest {
  method: string;
  /** decoded, starting with `/2016-08-15` */
  path: string;
  headers: HeaderMap;
  /** the decoded query (signed only on `/proxy/` paths) */
  query: QueryPairs;
}

export function fc2StringToSign(request: Fc2SignedRequest): string {
  const fcHeaders = Object.keys(request.headers)
    .map((name) => name.toLowerCase().trim())
    .filter((name) => name.startsWith('x-fc-'))
    .sort()
    .map((name) => `${name}:${headerOf(request.headers, name) ?? ''}\n`)
    .join('');
  // an absent header signs as an empty line
  const head = [request.method, ...['content-md5', 'content-type', 'date'].map((name) => headerOf(request.headers, name) ?? '')].join('\n');
  const resource = `${head}\n${fcHeaders}${request.path}`;
  if (!request.path.startsWith('/2016-08-15/proxy/')) return resource;
  return `${resource}\n${request.query.map(([k, v]) => `${k}=${v}`).sort().join('\n')}`;
}

export function fc2Signature(accessKeySecret: string, stringToSign: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('base64');
}

const AUTHORIZATION = /^FC ([^:\s]+):(\S+)$/;

/** Checks an FC-signed request; the caller's AccessKeyId, or the refusal in `errors`' wording. */
export function verifyFc2(request: Fc2SignedRequest, credentials: readonly AccessKeyCredential[], now: number, errors: RefusalErrors): string {
  const refuse = refuser(errors);
  const authorization = headerOf(request.headers, 'authorization');
  if (!authorization) throw refuse('unsigned', 'missing Authorization header');
  const m = AUTHORIZATION.exec(authorization);
  if (!m) throw refuse('malformed', 'malformed Authorization header');
  const credential = credentials.find((c) => c.accessKeyId === m[1]);
  if (!credential) throw refuse('unknown-key', m[1]);
  if (credential.securityToken !== undefined && headerOf(request.headers, 'x-fc-security-token') !== credential.securityToken)
    throw refuse('token-mismatch', 'x-fc-security-token does not match the access key.');
  // browsers cannot set Date, so FC also reads x-fc-date (fc-nodejs-sdk issue #43)
  const date = headerOf(request.headers, 'date') || headerOf(request.headers, 'x-fc-date');
  if (!date) throw refuse('no-date', 'Date');
  const requestTime = Date.parse(date);
  if (Number.isNaN(requestTime)) throw refuse('bad-date', date);
  if (Math.abs(now - requestTime) > MAX_SKEW_MS) throw refuse('expired', date, { requestTime, serverTime: now });
  if (!signaturesEqual(fc2Signature(credential.accessKeySecret, fc2StringToSign(request)), m[2])) throw refuse('mismatch', 'the signature does not match');
  return credential.accessKeyId;
}
