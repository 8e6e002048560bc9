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
import { isAutotagError, type AutotagError } from '../../errors';
import { versioned } from '../../json';
import { redact } from '../../log';
import type { MethodNotAllowedError } from './errors';

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  isBase64Encoded: false;
  body: string;
}

/** Every body is one JSON document with its `formatVersion` (shared/json). */
export function jsonResponse(statusCode: number, body: object, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
    isBase64Encoded: false,
    body: JSON.stringify(versioned(body)),
  };
}

interface StatusRule {
  status: number;
  headers?: (e: AutotagError) => Record<string, string>;
}

/** By error code (never class: see shared/errors). Anything not listed is a masked 500. */
const STATUS_OF_CODE: Readonly<Record<string, StatusRule>> = {
  INVALID_INPUT: { status: 400 },
  HTTP_NOT_FOUND: { status: 404 },
  HTTP_METHOD_NOT_ALLOWED: { status: 405, headers: (e) => ({ Allow: (e as MethodNotAllowedError).allow.join(', ') }) },
  HTTP_PAYLOAD_TOO_LARGE: { status: 413 },
  GUARD_BLAST_RADIUS: { status: 409 },
  API_PERMISSION: { status: 502 },
  API_THROTTLED: { status: 503 },
  API_TRANSIENT: { status: 503 },
  DEADLINE_EXCEEDED: { status: 503 },
};

export function errorResponse(error: unknown, requestId?: string): HttpResponse {
  const rule = isAutotagError(error) ? STATUS_OF_CODE[error.code] : undefined;
  if (!rule || !isAutotagError(error)) {
    return jsonResponse(500, { error: { code: 'INTERNAL', message: `internal error; the function log has the details${requestId ? ` (request ${requestId})` : ''}` }, requestId });
  }
  return jsonResponse(rule.status, { error: redact(error), requestId }, rule.headers?.(error));
}
