/**
 * An HTTP trigger's event (FC 3.0 format, reference function-compute §2.2) as a request the router can
 * use: method, decoded path, lower-cased headers, query, and the body as bytes (base64 undone).
 */
import { z } from 'zod';
import { InvalidInputError, toInputIssues } from '../../errors';
import { decodeEvent } from '../../runtime';

// FC writes this event; fields it may add later are ignored, not rejected.
const httpEventSchema = z.object({
  rawPath: z.string(),
  headers: z.record(z.string(), z.string()).default({}),
  queryParameters: z.record(z.string(), z.string()).default({}),
  body: z.string().default(''),
  isBase64Encoded: z.boolean().default(false),
  requestContext: z.object({
    requestId: z.string().optional(),
    http: z.object({ method: z.string().min(1), path: z.string().min(1) }),
  }),
});

export interface HttpRequest {
  method: string;
  /** decoded path without a trailing slash */
  path: string;
  /** header names in lower case */
  headers: Record<string, string>;
  query: Record<string, string>;
  body: Buffer;
  requestId?: string;
}

export function parseHttpEvent(event: unknown): HttpRequest {
  const parsed = httpEventSchema.safeParse(decodeEvent(event, 'HTTP event'));
  if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error), 'HTTP event');
  const e = parsed.data;
  const path = e.requestContext.http.path.replace(/\/+$/, '') || '/';
  return {
    method: e.requestContext.http.method.toUpperCase(),
    path,
    headers: Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k.toLowerCase(), v])),
    query: e.queryParameters,
    body: Buffer.from(e.body, e.isBase64Encoded ? 'base64' : 'utf8'),
    requestId: e.requestContext.requestId,
  };
}
