/**
 * The local FC's API endpoint (`<accountId>.<region>.fc.aliyuncs.com` in the cloud): a loopback server for
 * the invoke paths of both API versions (api-fc3.ts, api-fc2.ts). Order: route, authenticate, find the
 * function, read the invocation headers, check the payload size (400 EntityTooLarge: FC's error table lists
 * no 413), then queue (Async: 202, `x-fc-request-id`, `x-fc-async-task-id` in task mode, empty body —
 * research.md §6) or run (Sync: 200 and the handler's result; a failed one adds `x-fc-error-type` and the
 * error as `{ errorMessage, errorType, stackTrace }`; `x-fc-log-type: Tail` adds the last 4 KB of its log
 * base64 in `x-fc-log-result`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, readBody, sendJson, splitUrl, type RunningServer } from '../http';
import type { ApiRoute } from './api-route';
import { newRequestId } from './context';
import { asServiceError, errorBody, fcError } from './errors';
import type { FunctionRegistry } from './functions';
import { checkPayloadSize, readInvocationHeaders } from './invoke-request';
import { errorType, type FcRuntime, type SyncOutcome } from './runtime';

export interface ApiServerDeps {
  registry: FunctionRegistry;
  runtime: FcRuntime;
  routes: readonly ApiRoute[];
  now: () => number;
}

const LOG_TAIL_BYTES = 4096;

function writeSync(res: ServerResponse, { record, attempt }: SyncOutcome, logTail: boolean): void {
  const headers: Record<string, string> = { 'x-fc-request-id': record.requestId };
  if (logTail) headers['x-fc-log-result'] = Buffer.from(attempt.logs.join('\n')).subarray(-LOG_TAIL_BYTES).toString('base64');
  if (attempt.outcome === 'succeeded') {
    res.writeHead(200, { ...headers, 'content-type': 'application/octet-stream', 'content-length': attempt.bytes.length });
    res.end(attempt.bytes);
    return;
  }
  const { errorMessage, errorType: type, stackTrace } = attempt.error;
  sendJson(res, 200, { errorMessage, errorType: type, stackTrace }, { ...headers, 'x-fc-error-type': errorType(attempt.error) });
}

export function serveApi(deps: ApiServerDeps, host: string, port: number): Promise<RunningServer> {
  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const { path, rawQuery } = splitUrl(req.url ?? '/');
    const route = deps.routes.find((r) => r.owns(path));
    const body = await readBody(req);
    const requestId = newRequestId(deps.now());
    try {
      if (!route || method !== 'POST') throw fcError.pathNotSupported(method, path);
      const caller = route.authenticate({ method, path, rawQuery, headers: req.headers, body });
      const spec = route.resolve(path, rawQuery, deps.registry);
      const asked = readInvocationHeaders(req.headers, route.taskIdHeader);
      checkPayloadSize(asked.type, body, fcError.entityTooLarge);
      const request = { spec, payload: body, via: route.via, caller, asyncTaskId: asked.asyncTaskId, delaySeconds: asked.delaySeconds };
      if (asked.type === 'Sync') return writeSync(res, await deps.runtime.runSync(request), asked.logTail);
      const queued = deps.runtime.accept(request);
      res.writeHead(202, { 'x-fc-request-id': queued.requestId, ...(queued.asyncTaskId && { 'x-fc-async-task-id': queued.asyncTaskId }), 'content-length': 0 });
      res.end();
    } catch (e) {
      const error = asServiceError(e);
      sendJson(res, error.status, errorBody(route?.style ?? 'fc3', error, requestId), { 'x-fc-request-id': requestId });
    }
  }

  return listen(onRequest, host, port);
}
