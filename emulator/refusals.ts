/**
 * How the DataWorks OpenAPI (POP) words each signature refusal (reference dataworks-api.md §6.5): a wrong
 * or missing signature is 403 SignatureDoesNotMatch, an unknown AccessKey 404, a bad or stale date and a
 * reused nonce 400. The verifier (auth.ts) says what is wrong; this table is the service's voice.
 */
import type { RefusalErrors } from './auth';
import { ServiceError } from './service-error';

const signatureMismatch = (why: string) =>
  new ServiceError(403, 'SignatureDoesNotMatch', `The request signature does not conform to Aliyun standards: ${why}.`);
const badDate = () => new ServiceError(400, 'InvalidTimeStamp.Format', 'x-acs-date must be yyyy-MM-ddTHH:mm:ssZ.');

export const DATAWORKS_REFUSALS: RefusalErrors = {
  unsigned: () => signatureMismatch('missing or malformed Authorization header'),
  malformed: () => signatureMismatch('missing or malformed Authorization header'),
  'unknown-key': () => new ServiceError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'),
  'token-mismatch': (r) => new ServiceError(403, 'InvalidSecurityToken.MismatchWithAccessKey', r.detail),
  'no-date': badDate,
  'bad-date': badDate,
  expired: () => new ServiceError(400, 'InvalidTimeStamp.Expired', 'x-acs-date is more than 15 minutes away from the server time.'),
  'nonce-missing': () => new ServiceError(400, 'MissingParameter.SignatureNonce', 'x-acs-signature-nonce is missing.'),
  'unsigned-headers': (r) => signatureMismatch(r.detail),
  'body-hash': (r) => signatureMismatch(r.detail),
  'bad-query': (r) => new ServiceError(400, 'InvalidParameter', r.detail),
  mismatch: (r) => signatureMismatch(r.detail),
  'nonce-reused': () => new ServiceError(400, 'SignatureNonceUsed', 'The x-acs-signature-nonce has been used already.'),
};
