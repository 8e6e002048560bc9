/**
 * The HTTP side of the emulator: a loopback server that hands DataWorks requests to the service and
 * `/__admin/` requests (loopback callers only) to the control plane. Socket-level faults happen here:
 * `reset` destroys the socket before reading the request, `lostResponse` after handling it, `latency`
 * holds the answer.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ADMIN_PREFIX, adminAnswer, type EmulatorControls } from './admin';
import { listen, readBody, sendJson, splitUrl, type RunningServer } from './http-server';
import type { DataWorksService } from './service';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function serve(service: DataWorksService, controls: EmulatorControls, host: string, port: number): Promise<RunningServer> {
  const timers = new Set<NodeJS.Timeout>();
  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function onAdmin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return sendJson(res, 403, { Code: 'Forbidden', Message: 'admin endpoints are loopback only' });
    const body = await readBody(req);
    const answer = adminAnswer(req.method ?? 'GET', path, body.toString('utf8'), controls);
    sendJson(res, answer.status, answer.body);
  }

  async function onDataWorks(req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string): Promise<void> {
    const requestId = randomUUID().toUpperCase();
    const action = String(req.headers['x-acs-action'] ?? '');
    const fault = service.begin(action, requestId);
    if (fault.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const body = await readBody(req);
    if (fault.delayMs > 0) await delay(fault.delayMs);
    const request = { requestId, method: req.method ?? 'GET', path, rawQuery, headers: req.headers, body };
    const answer = fault.kind === '5xx' ? service.serverError(request, fault.status ?? 503) : service.handle(request);
    if (fault.kind === 'lostResponse') {
      req.socket.destroy();
      return;
    }
    sendJson(res, answer.status, answer.body, { 'x-acs-request-id': requestId });
  }

  const server = createServer((req, res) => {
    const { path, rawQuery } = splitUrl(req.url ?? '/');
    const handling = path.startsWith(ADMIN_PREFIX) ? onAdmin(req, res, path) : onDataWorks(req, res, path, rawQuery);
    // a client that goes away mid-request is its own business
    handling.catch(() => req.socket.destroy());
  });
  return listen(server, host, port, () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  });
}
