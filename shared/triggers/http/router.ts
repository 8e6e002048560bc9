/**
 * The HTTP function's request handling: find the route (routes.ts) and answer. Order of checks: route (404)
 * → method (405) → body size (413) → body (400), so no large body is parsed for nothing. Who the caller is
 * was settled by FC's gateway before the event was written (index.ts).
 */
import { MethodNotAllowedError, RouteNotFoundError } from './errors';
import { parseHttpEvent, type HttpRequest } from './request';
import { errorResponse, type HttpResponse } from './response';
import { ROUTES, type HttpRouterOptions, type HttpService, type Method, type RouteHandler } from './routes';

function handlerOf(req: HttpRequest): RouteHandler {
  const route = ROUTES.find((r) => r.paths.includes(req.path));
  if (!route) throw new RouteNotFoundError(req.path, ROUTES.map((r) => r.paths[0]));
  const handler = route.methods[req.method as Method];
  if (!handler) throw new MethodNotAllowedError(req.method, req.path, Object.keys(route.methods));
  return handler;
}

/** Never throws: every failure becomes a response (errors the caller cannot act on are masked 500s). */
export async function handleHttpRequest(event: unknown, service: HttpService, options: HttpRouterOptions): Promise<HttpResponse> {
  let requestId: string | undefined;
  try {
    const req = parseHttpEvent(event);
    requestId = req.requestId;
    return await handlerOf(req)(req, service, options);
  } catch (error) {
    const response = errorResponse(error, requestId);
    options.logger[response.statusCode >= 500 ? 'error' : 'warn']('HTTP request failed', { status: response.statusCode, error });
    return response;
  }
}
