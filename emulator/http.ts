/**
 * The HTTP plumbing the loopback stand-ins share (the DataWorks emulator, the EventBridge fake, the local
 * FC's API and HTTP triggers): reading a body, answering JSON, splitting the wire query off the path, the
 * loopback-only `/__admin/` control plane's JSON bodies, and listening on a port with a stop that closes
 * every connection at once (so a test's servers leave no open handles behind).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

export const ADMIN_PREFIX = '/__admin/';

export interface RunningServer {
  port: number;
  stop(): Promise<void>;
}

/** What an admin route answers: a status and a JSON body. */
export interface AdminAnswer {
  status: number;
  body: unknown;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isLoopback(req: IncomingMessage): boolean {
  return LOOPBACK.has(req.socket.remoteAddress ?? '');
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Answers `body` as JSON; `headers` adds a service's own (its request id header, FC's `x-fc-error-type`). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The wire path and query string (without `?`) of a request URL. */
export function splitUrl(url: string): { path: string; rawQuery: string } {
  const q = url.indexOf('?');
  return q < 0 ? { path: url, rawQuery: '' } : { path: url.slice(0, q), rawQuery: url.slice(q + 1) };
}

export const adminOk: AdminAnswer = { status: 200, body: { ok: true } };

export const adminNotFound = (route: string): AdminAnswer => ({ status: 404, body: { Code: 'NotFound', Message: `no admin route ${route}` } });

/** An admin request's JSON body checked against `schema`, or the 400 answer saying why not. */
export function parseAdminBody<T>(schema: z.ZodType<T>, text: string): { ok: true; value: T } | { ok: false; answer: AdminAnswer } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, answer: { status: 400, body: { Code: 'InvalidParameter', Message: 'the body must be JSON' } } };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, answer: { status: 400, body: { Code: 'InvalidParameter', Message: z.prettifyError(parsed.error) } } };
  return { ok: true, value: parsed.data };
}

/**
 * Runs a control with a checked body; its result (if any) is the answer's body, else `{ok:true}`. An error
 * the control throws (an unknown asset, a bus that does not exist) answers 400 with its message.
 */
export async function applyAdmin<T>(schema: z.ZodType<T>, body: string, control: (value: T) => unknown): Promise<AdminAnswer> {
  const parsed = parseAdminBody(schema, body);
  if (!parsed.ok) return parsed.answer;
  try {
    const result = await control(parsed.value);
    return result === undefined ? adminOk : { status: 200, body: result };
  } catch (err) {
    return { status: 400, body: { Code: 'InvalidParameter', Message: err instanceof Error ? err.message : String(err) } };
  }
}

/** Serves `/__admin/` (loopback callers only) with `admin`, everything else with `api`. */
export function routeRequests(
  admin: (method: string, path: string, body: string) => AdminAnswer | Promise<AdminAnswer>,
  api: (req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string) => Promise<void>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const { path, rawQuery } = splitUrl(req.url ?? '/');
    if (!path.startsWith(ADMIN_PREFIX)) return api(req, res, path, rawQuery);
    if (!isLoopback(req)) return sendJson(res, 403, { Code: 'Forbidden', Message: 'admin endpoints are loopback only' });
    const body = await readBody(req);
    const answer = await admin(req.method ?? 'GET', path.slice(ADMIN_PREFIX.length), body.toString('utf8'));
    sendJson(res, answer.status, answer.body);
  };
}

/** Listens on host:port; `stop` runs `onStop` (e.g. clearing timers), then closes the server and every connection. */
export function listen(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>, host: string, port: number, onStop: () => void = () => {}): Promise<RunningServer> {
  const server = createServer((req, res) => {
    // a client that goes away mid-request is its own business
    handler(req, res).catch(() => req.socket.destroy());
  });
  // longer than any client keeps an idle connection, so the server never closes one a client is reusing
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        stop: () =>
          new Promise<void>((done) => {
            onStop();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** 'host:port' as openapi-client's Config.endpoint takes it (IPv6 hosts in brackets). */
export function endpointOf(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
