/**
 * Verifying an ACS3-HMAC-SHA256 signature the way an Alibaba Cloud service does, for every service the
 * emulator stands in for. What they share: the Authorization header names a known AccessKey (an STS one
 * also needs its `x-acs-security-token`), `x-acs-date` is within 15 minutes, the signature over the
 * *decoded then re-encoded* query matches. What differs is a service's SigningRules (OpenAPI V3 calls sign
 * every `x-acs-*` header, the body hash and a nonce; an FC HTTP trigger signs only the date and token) and
 * how it words a refusal (a table from the Refusal's reason to its own error), so one verifier serves all.
 * The AccessKeys themselves (their schema in a stand-in's options, a generated pair) are defined here too.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ServiceError } from './service-error';
import {
  canonicalRequest,
  computeSignature,
  decodeQuery,
  headerOf,
  parseAuthorization,
  sha256Hex,
  signableHeaderNames,
  signaturesEqual,
  type HeaderMap,
  type QueryPairs,
} from './signature';

export interface AccessKeyCredential {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  /** who the key is, as STS GetCallerIdentity answers it (default: a RAM user, or for an STS triple an assumed role) */
  identity?: { arn: string };
}

/** A credential pair in a stand-in's options. */
export const credentialSchema = z
  .object({
    accessKeyId: z.string().min(1),
    accessKeySecret: z.string().min(1),
    securityToken: z.string().min(1).optional(),
    identity: z.object({ arn: z.string().regex(/^acs:ram::\d+:(root|user\/.+|assumed-role\/[^/]+\/.+)$/, 'must be an ARN such as acs:ram::1234567890123456:user/alice') }).strict().optional(),
  })
  .strict();

/** A fresh random AccessKey pair, for a stand-in started without credentials. */
export function generateCredential(): AccessKeyCredential {
  return { accessKeyId: `LTAIemu${randomBytes(8).toString('hex')}`, accessKeySecret: randomBytes(22).toString('base64url') };
}

export interface IncomingSignedRequest {
  method: string;
  path: string;
  /** the query string as received, without `?` */
  rawQuery: string;
  headers: HeaderMap;
  body: Buffer;
}

export interface SigningRules {
  /** names that must be among SignedHeaders (an STS caller's `x-acs-security-token` always is) */
  requiredSigned: readonly string[];
  /** every `x-acs-*`, `host` and `content-type` header present must be signed too */
  signAllSignable: boolean;
  /** 'always': `x-acs-content-sha256` is required and signed as the payload; 'if-sent': checked only when present, else the payload line is empty */
  bodyHash: 'always' | 'if-sent';
  /** the accepted `x-acs-date` forms */
  date: RegExp;
  /** `x-acs-signature-nonce` required, and once per AccessKey */
  nonce: boolean;
  /** STS callers also send `x-acs-accesskey-id`, equal to the key */
  stsKeyIdHeader: boolean;
}

/** The full V3 scheme of OpenAPI calls (reference dataworks-api.md §6.5), as @alicloud/openapi-client signs them. */
export const OPENAPI_V3_RULES: SigningRules = {
  requiredSigned: ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-version'],
  signAllSignable: true,
  bodyHash: 'always',
  date: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
  nonce: true,
  stsKeyIdHeader: true,
};

export type RefusalReason =
  | 'unsigned'
  | 'malformed'
  | 'unknown-key'
  | 'token-mismatch'
  | 'no-date'
  | 'bad-date'
  | 'expired'
  | 'nonce-missing'
  | 'unsigned-headers'
  | 'body-hash'
  | 'bad-query'
  | 'mismatch'
  | 'nonce-reused';

export interface Refusal {
  reason: RefusalReason;
  /** what exactly is wrong, for the message */
  detail: string;
  /** with 'expired': the request's and the server's time, epoch ms */
  requestTime?: number;
  serverTime?: number;
}

/** How a service words each refusal. */
export type RefusalErrors = Record<RefusalReason, (refusal: Refusal) => ServiceError>;

export type Refuse = (reason: RefusalReason, detail: string, times?: Pick<Refusal, 'requestTime' | 'serverTime'>) => ServiceError;

/** The error refusing a request for `reason`, in the words of `errors` (for a verifier to throw). */
export function refuser(errors: RefusalErrors): Refuse {
  return (reason, detail, times) => errors[reason]({ reason, detail, ...times });
}

/** how far a request's date may be from the server's time, for every signature scheme */
export const MAX_SKEW_MS = 15 * 60_000;
/** nonces older than this can be forgotten: their date would be refused anyway */
const NONCE_MEMORY_MS = 2 * MAX_SKEW_MS;

export class RequestAuthenticator {
  private readonly byId: Map<string, AccessKeyCredential>;
  /** `<AccessKeyId> <nonce>` -> when it was seen */
  private readonly nonces = new Map<string, number>();
  private nextPrune = 0;

  constructor(
    credentials: readonly AccessKeyCredential[],
    private readonly now: () => number,
    private readonly rules: SigningRules,
    private readonly errors: RefusalErrors,
  ) {
    this.byId = new Map(credentials.map((c) => [c.accessKeyId, c]));
  }

  /** The caller's AccessKeyId and the decoded query, or the service's ServiceError saying why the request is refused. */
  verify(request: IncomingSignedRequest): { accessKeyId: string; query: QueryPairs } {
    const refuse = refuser(this.errors);
    const authorization = headerOf(request.headers, 'authorization');
    if (!authorization) throw refuse('unsigned', 'missing Authorization header');
    const auth = parseAuthorization(authorization);
    if (!auth) throw refuse('malformed', 'malformed Authorization header');
    const credential = this.byId.get(auth.accessKeyId);
    if (!credential) throw refuse('unknown-key', auth.accessKeyId);
    const sts = credential.securityToken !== undefined;
    if (sts) {
      if (headerOf(request.headers, 'x-acs-security-token') !== credential.securityToken) throw refuse('token-mismatch', 'The security token does not match the access key.');
      if (this.rules.stsKeyIdHeader && headerOf(request.headers, 'x-acs-accesskey-id') !== credential.accessKeyId)
        throw refuse('token-mismatch', 'x-acs-accesskey-id does not match the access key.');
    }

    const date = headerOf(request.headers, 'x-acs-date');
    if (date === undefined) throw refuse('no-date', 'x-acs-date');
    if (!this.rules.date.test(date)) throw refuse('bad-date', date);
    const requestTime = Date.parse(date);
    const serverTime = this.now();
    if (Math.abs(serverTime - requestTime) > MAX_SKEW_MS) throw refuse('expired', date, { requestTime, serverTime });
    const nonce = headerOf(request.headers, 'x-acs-signature-nonce');
    if (this.rules.nonce && !nonce) throw refuse('nonce-missing', 'x-acs-signature-nonce');

    const signed = new Set(auth.signedHeaders);
    const required = [...this.rules.requiredSigned, ...(sts ? ['x-acs-security-token'] : []), ...(this.rules.signAllSignable ? signableHeaderNames(request.headers) : [])];
    const unsigned = [...new Set(required)].filter((h) => !signed.has(h));
    if (unsigned.length > 0) throw refuse('unsigned-headers', `headers not signed: ${unsigned.join(', ')}`);
    const payloadHash = this.payloadHash(request, refuse);

    let query: QueryPairs;
    try {
      query = decodeQuery(request.rawQuery);
    } catch {
      throw refuse('bad-query', 'The query string has a malformed percent-encoding.');
    }
    const canonical = canonicalRequest({ method: request.method, path: request.path, query, headers: request.headers, signedHeaders: auth.signedHeaders, payloadHash });
    if (!signaturesEqual(computeSignature(credential.accessKeySecret, canonical), auth.signature)) throw refuse('mismatch', 'the signature does not match');

    if (this.rules.nonce && this.seenBefore(`${auth.accessKeyId} ${nonce}`)) throw refuse('nonce-reused', nonce ?? '');
    return { accessKeyId: auth.accessKeyId, query };
  }

  /** The payload line of the canonical request: the body's hash as the caller declared it (checked), or empty. */
  private payloadHash(request: IncomingSignedRequest, refuse: Refuse): string {
    const declared = headerOf(request.headers, 'x-acs-content-sha256');
    if (declared === undefined && this.rules.bodyHash === 'if-sent') return '';
    if (declared !== sha256Hex(request.body)) throw refuse('body-hash', 'x-acs-content-sha256 is not the SHA-256 of the body');
    return declared;
  }

  /** Remembers the nonce; true when it was used already. */
  private seenBefore(id: string): boolean {
    const now = this.now();
    if (now >= this.nextPrune) {
      for (const [seen, at] of this.nonces) if (at < now - NONCE_MEMORY_MS) this.nonces.delete(seen);
      this.nextPrune = now + 60_000;
    }
    if (this.nonces.has(id)) return true;
    this.nonces.set(id, now);
    return false;
  }
}
