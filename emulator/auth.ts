/**
 * Authenticates a request the way the service does (reference dataworks-api.md §6.5): the Authorization
 * header names a known AccessKey (an STS one also needs its `x-acs-security-token`), the date is within 15
 * minutes, every signable header is signed, the body hash is right, the signature over the *decoded then
 * re-encoded* query matches, and the nonce was not used before by that AccessKey.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ServiceError } from './service-error';
import {
  canonicalRequest,
  computeSignature,
  decodeQuery,
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
}

/** A credential pair in a stand-in's options. */
export const credentialSchema = z.object({ accessKeyId: z.string().min(1), accessKeySecret: z.string().min(1), securityToken: z.string().min(1).optional() }).strict();

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

const MAX_SKEW_MS = 15 * 60_000;
/** nonces older than this can be forgotten: their date would be refused anyway */
const NONCE_MEMORY_MS = 2 * MAX_SKEW_MS;
const REQUIRED_SIGNED = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-version'];
const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const signatureMismatch = (why: string) =>
  new ServiceError(403, 'SignatureDoesNotMatch', `The request signature does not conform to Aliyun standards: ${why}.`);

function header(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

export class RequestAuthenticator {
  private readonly byId: Map<string, AccessKeyCredential>;
  /** `<AccessKeyId> <nonce>` -> when it was seen */
  private readonly nonces = new Map<string, number>();
  private nextPrune = 0;

  constructor(
    credentials: readonly AccessKeyCredential[],
    private readonly now: () => number,
  ) {
    this.byId = new Map(credentials.map((c) => [c.accessKeyId, c]));
  }

  /** The caller's AccessKeyId and the decoded query, or a ServiceError saying why the request is refused. */
  verify(request: IncomingSignedRequest): { accessKeyId: string; query: QueryPairs } {
    const auth = parseAuthorization(header(request.headers, 'authorization') ?? '');
    if (!auth) throw signatureMismatch('missing or malformed Authorization header');
    const credential = this.byId.get(auth.accessKeyId);
    if (!credential) throw new ServiceError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (credential.securityToken !== undefined) {
      if (header(request.headers, 'x-acs-security-token') !== credential.securityToken)
        throw new ServiceError(403, 'InvalidSecurityToken.MismatchWithAccessKey', 'The security token does not match the access key.');
      if (header(request.headers, 'x-acs-accesskey-id') !== credential.accessKeyId)
        throw new ServiceError(403, 'InvalidSecurityToken.MismatchWithAccessKey', 'x-acs-accesskey-id does not match the access key.');
    }

    const date = header(request.headers, 'x-acs-date') ?? '';
    if (!DATE.test(date)) throw new ServiceError(400, 'InvalidTimeStamp.Format', 'x-acs-date must be yyyy-MM-ddTHH:mm:ssZ.');
    if (Math.abs(this.now() - Date.parse(date)) > MAX_SKEW_MS)
      throw new ServiceError(400, 'InvalidTimeStamp.Expired', 'x-acs-date is more than 15 minutes away from the server time.');
    const nonce = header(request.headers, 'x-acs-signature-nonce');
    if (!nonce) throw new ServiceError(400, 'MissingParameter.SignatureNonce', 'x-acs-signature-nonce is missing.');

    const signed = new Set(auth.signedHeaders);
    const unsigned = [...new Set([...REQUIRED_SIGNED, ...signableHeaderNames(request.headers)])].filter((h) => !signed.has(h));
    if (unsigned.length > 0) throw signatureMismatch(`headers not signed: ${unsigned.join(', ')}`);
    const payloadHash = sha256Hex(request.body);
    if (header(request.headers, 'x-acs-content-sha256') !== payloadHash) throw signatureMismatch('x-acs-content-sha256 is not the SHA-256 of the body');

    let query: QueryPairs;
    try {
      query = decodeQuery(request.rawQuery);
    } catch {
      throw new ServiceError(400, 'InvalidParameter', 'The query string has a malformed percent-encoding.');
    }
    const canonical = canonicalRequest({ method: request.method, path: request.path, query, headers: request.headers, signedHeaders: auth.signedHeaders, payloadHash });
    if (!signaturesEqual(computeSignature(credential.accessKeySecret, canonical), auth.signature)) throw signatureMismatch('the signature does not match');

    this.rememberNonce(`${auth.accessKeyId} ${nonce}`);
    return { accessKeyId: auth.accessKeyId, query };
  }

  private rememberNonce(id: string): void {
    const now = this.now();
    if (now >= this.nextPrune) {
      for (const [seen, at] of this.nonces) if (at < now - NONCE_MEMORY_MS) this.nonces.delete(seen);
      this.nextPrune = now + 60_000;
    }
    if (this.nonces.has(id)) throw new ServiceError(400, 'SignatureNonceUsed', 'The x-acs-signature-nonce has been used already.');
    this.nonces.set(id, now);
  }
}
