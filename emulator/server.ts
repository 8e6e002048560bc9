/**
 * The HTTP side of the DataWorks emulator: a loopback server that hands DataWorks requests to the service
 * and `/__admin/` requests (loopback callers only) to the control plane. Socket-level faults happen here:
 * `reset` destroys the socket before reading the request, `lostResponse` after handling it, `latency`
 * holds the answer.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { adminAnswer, type EmulatorControls } from './admin';
import { listen, readBody, routeRequests, sendJson, type RunningServer } from './http';
import type { DataWorksService } from './service';
import { headerOf } from './signature';

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

  async function onDataWorks(req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string): Promise<void> {
    const requestId = randomUUID().toUpperCase();
    const action = headerOf(req.headers, 'x-acs-action') ?? '';
    const fault = service.begin(action, requestId);
    if (fault.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const body = await readBody(req);
    if (fault.delayMs > 0) await delay(fault.delayMs);
    const request = { requestId, method: req.method ?? 'GET', path, rawQuery, headers: req.headers, body };
    const answer = fault.answer ? service.faultAnswer(request, fault.answer) : service.handle(request);
    if (fault.kind === 'lostResponse') {
      req.socket.destroy();
      return;
    }
    sendJson(res, answer.status, answer.body, { 'x-acs-request-id': requestId });
  }

  const handler = routeRequests((method, route, body) => adminAnswer(method, route, body, controls), onDataWorks);
  return listen(handler, host, port, () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  });
}
