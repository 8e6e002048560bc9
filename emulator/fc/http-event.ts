/**
 * An HTTP trigger's two mappings in FC 3.0 built-in runtimes (reference function-compute §2.2; research.md
 * §2): the request as the event (`version: 'v1'`, `rawPath` as sent, `headers` with Go-canonical names and
 * repeated values comma-joined, `queryParameters` decoded and comma-joined, `body` with `isBase64Encoded`,
 * `requestContext`), and the handler's result as the response. Chosen where the docs are silent: Host is
 * not among the headers (Go's net/http keeps it apart) and `X-Forwarded-Proto` is added, as in the captured
 * sample; a body is text when its content type is textual, or when there is none and it is valid UTF-8,
 * else base64; a result that is not an object with a numeric `statusCode` is sent as a 200 with the result
 * as body; response headers FC reserves (x-fc-*, connection, content-length, date, keep-alive, server,
 * transfer-encoding) are dropped.
 */
import { fcError } from './errors';
import { decodeSegment, queryPairs } from './api-route';

export interface TriggerRequest {
  method: string;
  /** wire path and query */
  url: string;
  httpVersion: string;
  /** lower-case names, every value (Node's headersDistinct) */
  headers: Record<string, string[] | undefined>;
  remoteAddress: string;
  body: Buffer;
}

export interface TriggerMeta {
  requestId: string;
  accountId: string;
  region: string;
  triggerId: string;
  now: number;
}

export interface TriggerResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Go's textproto.CanonicalMIMEHeaderKey: `x-acs-date` -> `X-Acs-Date`; a name with a non-token byte stays as it is. */
export function goCanonicalHeaderKey(name: string): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return name;
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

const TEXTUAL = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)\b|application\/[^;]*\+(json|xml)\b)/i;

function isText(contentType: string | undefined, body: Buffer): boolean {
  if (contentType !== undefined) return TEXTUAL.test(contentType.trim());
  return Buffer.from(body.toString('utf8'), 'utf8').equals(body);
}

export function httpTriggerEvent(req: TriggerRequest, meta: TriggerMeta): Record<string, unknown> {
  const q = req.url.indexOf('?');
  const rawPath = q < 0 ? req.url : req.url.slice(0, q);
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(req.headers)) if (name !== 'host' && values) headers[goCanonicalHeaderKey(name)] = values.join(',');
  headers['X-Forwarded-Proto'] = 'http';
  const queryParameters: Record<string, string> = {};
  for (const [k, v] of queryPairs(q < 0 ? '' : req.url.slice(q + 1))) queryParameters[k] = k in queryParameters ? `${queryParameters[k]},${v}` : v;
  const text = isText(req.headers['content-type']?.[0], req.body);
  return {
    version: 'v1',
    rawPath,
    headers,
    queryParameters,
    body: req.body.toString(text ? 'utf8' : 'base64'),
    isBase64Encoded: !text,
    requestContext: {
      accountId: meta.accountId,
      domainName: `${meta.triggerId}.${meta.region}.fcapp.run`,
      domainPrefix: meta.triggerId,
      http: {
        method: req.method,
        path: decodeSegment(rawPath),
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.remoteAddress.replace(/^::ffff:/, ''),
        userAgent: req.headers['user-agent']?.join(',') ?? '',
      },
      requestId: meta.requestId,
      time: new Date(meta.now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      timeEpoch: String(meta.now),
    },
  };
}

const RESERVED_RESPONSE_HEADERS = /^(x-fc-.*|connection|content-length|date|keep-alive|server|transfer-encoding)$/i;

interface ResponseStruct {
  statusCode: number;
  headers?: Record<string, unknown>;
  body?: unknown;
  isBase64Encoded?: boolean;
}

function isResponseStruct(value: unknown): value is ResponseStruct {
  const status = typeof value === 'object' && value !== null ? (value as { statusCode?: unknown }).statusCode : undefined;
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599;
}

/** The HTTP response for a handler's result (its bytes, and whether the runtime wrote them as JSON). */
export function httpTriggerResponse(bytes: Buffer, json: boolean): TriggerResponse {
  const value: unknown = json ? JSON.parse(bytes.toString('utf8')) : undefined;
  if (!isResponseStruct(value)) return { status: 200, headers: {}, body: bytes };
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(value.headers ?? {})) if (!RESERVED_RESPONSE_HEADERS.test(name)) headers[name] = String(v);
  const body = value.body === undefined ? '' : typeof value.body === 'string' ? value.body : JSON.stringify(value.body);
  return { status: value.statusCode, headers, body: Buffer.from(body, value.isBase64Encoded ? 'base64' : 'utf8') };
}

/** The trigger's answer to a request body over the limit (research.md §2: 400 InvalidArgument). */
export const bodyTooLarge = (limit: number) => fcError.invalidArgument(`the request body exceeds ${limit} bytes`);
