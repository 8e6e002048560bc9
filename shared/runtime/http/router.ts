/**
 * The HTTP function's routes:
 *   POST /runs   (alias /run, the path the reference samples use) — start a run, answer with its report
 *   GET  /rules  — the rule sets bundled with the function
 *   GET  /healthz — liveness; the only route without the bearer token (it reveals nothing)
 * Order of checks: route (404) → method (405) → bearer token (401) → body size (413) → body (400), so a
 * caller without the token learns nothing about the body rules, and no large body is parsed for nothing.
 */
import type { Logger } from '../../log';
import type { RunReport } from '../../engine';
import { checkBearerToken } from './auth';
import { MethodNotAllowedError, PayloadTooLargeError, RouteNotFoundError } from './errors';
import { parseHttpEvent, type HttpRequest } from './request';
import { errorResponse, jsonResponse, type HttpResponse } from './response';
import { parseRunRequest, type HttpRunRequest } from './run-request';

/** What the routes call; phase-specific work (loading rules, running the engine) lives behind it. */
export interface HttpService {
  run(request: HttpRunRequest): Promise<RunReport>;
  listRuleSets(): Promise<unknown>;
}

export interface HttpRouterOptions {
  /** the bearer token callers must send (AUTOTAG_HTTP_TOKEN) */
  token: string;
  /** default MAX_BODY_BYTES */
  maxBodyBytes?: number;
  logger: Logger;
}

/** 256 KiB: far more than a scope needs; big inline rule sets belong in the bundle. */
export const MAX_BODY_BYTES = 256 * 1024;

type Method = 'GET' | 'POST';
type RouteHandler = (req: HttpRequest, service: HttpService, options: HttpRouterOptions) => Promise<HttpResponse>;

interface Route {
  paths: string[];
  /** reachable without the bearer token */
  public?: boolean;
  methods: Partial<Record<Method, RouteHandler>>;
}

const runRoute: RouteHandler = async (req, service, options) => {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  if (req.body.length > limit) throw new PayloadTooLargeError(req.body.length, limit);
  const report = await service.run(parseRunRequest(req.body, req.query));
  // A run the blast-radius guard stopped wrote nothing: 409, as if the guard had thrown (response.ts).
  return jsonResponse(report.status === 'blocked' ? 409 : 200, report);
};

const ROUTES: Route[] = [
  { paths: ['/runs', '/run'], methods: { POST: runRoute } },
  { paths: ['/rules'], methods: { GET: async (_req, service) => jsonResponse(200, await service.listRuleSets()) } },
  { paths: ['/healthz'], public: true, methods: { GET: async () => jsonResponse(200, { status: 'ok' }) } },
];

function resolve(req: HttpRequest): { route: Route; handler: RouteHandler } {
  const route = ROUTES.find((r) => r.paths.includes(req.path));
  if (!route) throw new RouteNotFoundError(req.path, ROUTES.map((r) => r.paths[0]));
  const handler = route.methods[req.method as Method];
  if (!handler) throw new MethodNotAllowedError(req.method, req.path, Object.keys(route.methods));
  return { route, handler };
}

/** Never throws: every failure becomes a response (errors the caller cannot act on are masked 500s). */
export async function handleHttpRequest(event: unknown, service: HttpService, options: HttpRouterOptions): Promise<HttpResponse> {
  let requestId: string | undefined;
  try {
    const req = parseHttpEvent(event);
    requestId = req.requestId;
    const { route, handler } = resolve(req);
    if (!route.public) checkBearerToken(req.headers, options.token);
    return await handler(req, service, options);
  } catch (error) {
    const response = errorResponse(error, requestId);
    options.logger[response.statusCode >= 500 ? 'error' : 'warn']('HTTP request failed', { status: response.statusCode, error });
    return response;
  }
}
