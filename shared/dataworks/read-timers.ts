/**
 * Disarms the read timer httpx (the HTTP layer under @alicloud/openapi-client) starts for each request, once
 * that request's response has been read to its end. httpx clears the timer only when the body is read through
 * its own `read`; @alicloud/tea-util reads the body itself, so every timer stayed armed for its whole
 * readTimeout (10 s) holding its request, its response and the signed URL: at the few hundred calls a second an
 * unlimited run makes, about 3,700 finished requests and tens of MB of heap (a heap snapshot of a
 * 1,000,000-asset dry run). The timer still guards the body: it is cleared at the response's `end`, not at its
 * headers, and a request whose socket carries no such timer (another HTTP client) is left alone.
 */
import { channel } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

/** httpx keeps the timer on the socket under a symbol of this description (httpx/lib/index.js) */
const READ_TIMER = 'TIMER::READ_TIMER';
/** marked on the channel, which is the process's own: two copies of this module (two bundles, jest's per-file realms) subscribe once */
const INSTALLED = Symbol.for('autotag.releaseReadTimers');

function disarmAtEnd({ request, response }: { request: ClientRequest; response: IncomingMessage }): void {
  const socket = request.socket as unknown as Record<symbol, unknown> | null;
  if (!socket) return;
  const key = Object.getOwnPropertySymbols(socket).find((s) => s.description === READ_TIMER);
  // this request's own timer: by the end of its body a reused socket may carry the next request's
  const timer = key && socket[key];
  if (timer) response.once('end', () => clearTimeout(timer as NodeJS.Timeout));
}

/** Once per process: every later response of an httpx request disarms its read timer when it ends. */
export function releaseReadTimers(): void {
  const responses = channel('http.client.response.finish');
  const marks = responses as unknown as Record<symbol, boolean>;
  if (marks[INSTALLED]) return;
  marks[INSTALLED] = true;
  responses.subscribe((message) => disarmAtEnd(message as { request: ClientRequest; response: IncomingMessage }));
}
