/**
 * What the HTTP function returns (the FC 3.0 response object, reference `events/http-response.json`),
 * and the one table that turns an error into a status code — like middy's http-error-handler: errors the
 * caller can act on are shown, everything else is a plain 500 whose details stay in the function's log.
 *
 * Choices: a guard stop (blast radius) is 409 Conflict — the request was valid, the catalog's current state
 * is what blocks it, and the same request passes with a higher limit. A permission error is 502 Bad
 * Gateway, not 403: the HTTP caller was authorised, it is the function's own RAM role that DataWorks
 * refused, and the body names the missing action. Throttling, transient API errors and the deadline are
 * 503: retrying later is the right move, and every run is idempotent.
 */
import { BlastRadiusError, DeadlineExceededError, InvalidInputError, PermissionError, ThrottledError, TransientError } from '../../errors';
import { redact } from '../../log';
import { MethodNotAllowedError, PayloadTooLargeError, RouteNotFoundError, UnauthorizedError } from './errors';

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  isBase64Encoded: false;
  body: string;
}

export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
    isBase64Encoded: false,
    body: JSON.stringify(body),
  };
}

type ErrorClass = abstract new (...args: never[]) => Error;

interface StatusRule {
  type: ErrorClass;
  status: number;
  headers?: (e: Error) => Record<string, string>;
}

/** First match wins. Anything not listed is a masked 500. */
const STATUS_RULES: StatusRule[] = [
  { type: InvalidInputError, status: 400 },
  { type: UnauthorizedError, status: 401, headers: () => ({ 'WWW-Authenticate': 'Bearer' }) },
  { type: RouteNotFoundError, status: 404 },
  { type: MethodNotAllowedError, status: 405, headers: (e) => ({ Allow: (e as MethodNotAllowedError).allow.join(', ') }) },
  { type: PayloadTooLargeError, status: 413 },
  { type: BlastRadiusError, status: 409 },
  { type: PermissionError, status: 502 },
  { type: ThrottledError, status: 503 },
  { type: TransientError, status: 503 },
  { type: DeadlineExceededError, status: 503 },
];

export function errorResponse(error: unknown, requestId?: string): HttpResponse {
  const rule = STATUS_RULES.find((r) => error instanceof r.type);
  if (!rule) {
    return jsonResponse(500, { error: { code: 'INTERNAL', message: `internal error; the function log has the details${requestId ? ` (request ${requestId})` : ''}` }, requestId });
  }
  const e = error as Error;
  return jsonResponse(rule.status, { error: redact(e), requestId }, rule.headers?.(e));
}
