/**
 * Function Compute's voice: its error codes (FC error-code table, https://www.alibabacloud.com/help/en/functioncompute/error-codes,
 * and the 2023-03-30 error-code page) as ServiceErrors, the refusal table for signatures, and the two body
 * shapes — the 2023-03-30 API answers `{ Code, Message, RequestId }` (struct Error), the 2016-08-15 API and
 * the HTTP-trigger gateway `{ ErrorCode, ErrorMessage }` (what @alicloud/fc2 reads; research.md §1). Every
 * answer carries `x-fc-request-id`.
 */
import type { RefusalErrors } from '../auth';
import { ServiceError } from '../service-error';

export type ErrorStyle = 'fc3' | 'fc2';

export const fcError = {
  invalidArgument: (message: string) => new ServiceError(400, 'InvalidArgument', message),
  entityTooLarge: (limit: number) => new ServiceError(400, 'EntityTooLarge', `payload size exceeds maximum allowed size (${limit} bytes)`),
  pathNotSupported: (method: string, path: string) => new ServiceError(400, 'PathNotSupported', `'${method}' against '${path}' is not supported`),
  functionNotFound: (name: string) => new ServiceError(404, 'FunctionNotFound', `function '${name}' does not exist.`),
  serviceNotFound: (service: string) => new ServiceError(404, 'ServiceNotFound', `service '${service}' does not exist`),
  aliasNotFound: (qualifier: string, owner: string) => new ServiceError(404, 'AliasNotFound', `alias '${qualifier}' of ${owner} does not exist`),
  functionNotInService: (name: string, service: string) => new ServiceError(404, 'FunctionNotFound', `function '${name}' does not exist in service '${service}'`),
  // the 409 of a repeated async task id is documented, its code is not (research.md §6): ours
  asyncTaskExists: (id: string) => new ServiceError(409, 'AsyncTaskAlreadyExists', `async task '${id}' already exists`),
};

const SIGNATURE_NOT_MATCH = 'The request signature we calculated does not match the signature you provided. Check your access key and signing method';
const notMatch = (why: string) => new ServiceError(403, 'SignatureNotMatch', `${SIGNATURE_NOT_MATCH} (${why})`);
const httpTime = (ms: number | undefined) => new Date(ms ?? 0).toUTCString();

/**
 * Signature refusals. Documented: 403 SignatureNotMatch, 403 InvalidAccessKeyID, the FAQ's messages for a
 * missing date and a stale one (research.md §1). Chosen: an unsigned request is 403 AccessDenied (FC's
 * signature page: no valid Authorization -> 403); a missing date is 400 MissingRequiredHeader in FC's error
 * format; a stale one 403 RequestTimeTooSkewed (the 2.0 spec's 403 codes).
 */
export const FC_REFUSALS: RefusalErrors = {
  unsigned: () => new ServiceError(403, 'AccessDenied', 'required HTTP header Authorization was not specified'),
  malformed: (r) => notMatch(r.detail),
  'unknown-key': (r) => new ServiceError(403, 'InvalidAccessKeyID', `invalid access key ID '${r.detail}'`),
  'token-mismatch': (r) => new ServiceError(403, 'AccessDenied', r.detail),
  'no-date': () => new ServiceError(400, 'MissingRequiredHeader', 'required HTTP header Date was not specified'),
  'bad-date': (r) => fcError.invalidArgument(`the request time '${r.detail}' is not an ISO 8601 time`),
  expired: (r) =>
    new ServiceError(403, 'RequestTimeTooSkewed', `the difference between the request time '${httpTime(r.requestTime)}' and the current time '${httpTime(r.serverTime)}' is too large`),
  'nonce-missing': () => new ServiceError(400, 'MissingRequiredHeader', 'required HTTP header x-acs-signature-nonce was not specified'),
  'unsigned-headers': (r) => notMatch(r.detail),
  'body-hash': (r) => notMatch(r.detail),
  'bad-query': (r) => fcError.invalidArgument(r.detail),
  mismatch: (r) => notMatch(r.detail),
  'nonce-reused': (r) => fcError.invalidArgument(`the signature nonce '${r.detail}' was used already`),
};

export function errorBody(style: ErrorStyle, error: ServiceError, requestId: string): Record<string, string> {
  return style === 'fc3' ? { Code: error.code, Message: error.message, RequestId: requestId } : { ErrorCode: error.code, ErrorMessage: error.message };
}

/** Anything but a ServiceError is a defect of the stand-in: a 500 that says so. */
export function asServiceError(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  return new ServiceError(500, 'InternalServerError', `local FC defect: ${error instanceof Error ? error.stack : String(error)}`);
}
