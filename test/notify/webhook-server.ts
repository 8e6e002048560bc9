/**
 * A local stand-in for a DingTalk custom robot and a generic webhook, on loopback, for notification tests. It
 * checks what DingTalk checks (the access token, a signed timestamp within an hour of its clock, the HmacSHA256
 * signature, at most 20 messages a minute per robot) and answers as DingTalk does (HTTP 200 with an errcode),
 * records every message it took, and can be told to answer the next requests otherwise (a 5xx, a rate limit,
 * no answer at all). Its signature check is written here from DingTalk's description, not taken from the code
 * under test, so a wrong signer fails.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Received {
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** What to do with one request instead of the usual: answer this, or never answer. */
export type Scripted = { status: number; body: unknown } | 'hang';

export interface WebhookServerOptions {
  token: string;
  /** DingTalk robot's signing secret; unsigned robot when absent */
  secret?: string;
  /** the generic webhook's signing key; unsigned when absent */
  webhookSecret?: string;
  /** the server's clock (ms): the tests' fake clock, so signed timestamps match */
  now: () => number;
}

export interface WebhookServer {
  url: string;
  dingtalkUrl: string;
  webhookUrl: string;
  /** messages taken (answered errcode 0 / 2xx) */
  received: Received[];
  /** every request, taken or not */
  requests: number;
  script(...answers: Scripted[]): void;
  close(): Promise<void>;
}

const HOUR = 3_600_000;
const PER_MINUTE = 20;

const hmac = (key: string, text: string, encoding: 'base64' | 'hex') => createHmac('sha256', key).update(text, 'utf8').digest(encoding);
const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const received: Received[] = [];
  const scripted: Scripted[] = [];
  const sentAt: number[] = [];
  const sockets = new Set<Socket>();
  let requests = 0;

  /** DingTalk's own checks, in its order; undefined when the message is taken */
  const dingtalkRefusal = (query: Record<string, string>): { errcode: number; errmsg: string } | undefined => {
    if (!query.access_token) return { errcode: 40035, errmsg: 'missing access_token' };
    if (query.access_token !== options.token) return { errcode: 300005, errmsg: 'token is not exist' };
    if (options.secret) {
      const timestamp = Number(query.timestamp);
      if (!Number.isFinite(timestamp) || Math.abs(options.now() - timestamp) > HOUR) return { errcode: 310000, errmsg: 'invalid timestamp' };
      // the query parser has already URL-decoded `sign`
      if (!same(query.sign ?? '', hmac(options.secret, `${timestamp}\n${options.secret}`, 'base64'))) return { errcode: 310000, errmsg: 'sign not match' };
    }
    const minuteAgo = options.now() - 60_000;
    while (sentAt.length && sentAt[0] <= minuteAgo) sentAt.shift();
    if (sentAt.length >= PER_MINUTE) return { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' };
    return undefined;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const next = scripted.shift();
    if (next === 'hang') return; // never answered; closed with the server
    if (next) return send(res, next.status, next.body);
    const message: Received = { path: url.pathname, query, headers: req.headers, body: JSON.parse(raw) };
    if (url.pathname === '/robot/send') {
      const refusal = dingtalkRefusal(query);
      if (refusal) return send(res, 200, refusal);
      sentAt.push(options.now());
      received.push(message);
      return send(res, 200, { errcode: 0, errmsg: 'ok' });
    }
    if (url.pathname === '/hook') {
      if (options.webhookSecret) {
        const timestamp = String(req.headers['x-autotag-timestamp'] ?? '');
        const expected = `sha256=${hmac(options.webhookSecret, `${timestamp}.${raw}`, 'hex')}`;
        if (!same(String(req.headers['x-autotag-signature'] ?? ''), expected)) return send(res, 401, { error: 'bad signature' });
      }
      received.push(message);
      return send(res, 204, null);
    }
    send(res, 404, { error: 'no such path' });
  };

  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => handle(req, res, raw));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    dingtalkUrl: `${url}/robot/send?access_token=${options.token}`,
    webhookUrl: `${url}/hook`,
    received,
    get requests() {
      return requests;
    },
    script: (...answers) => scripted.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
