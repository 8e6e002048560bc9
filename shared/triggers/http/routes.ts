/**
 * The HTTP function's routes, one entry each: its paths and a handler per method. A new route is one entry
 * here (and, when it needs more than running rules or listing them, one method on `HttpService`). Every
 * route sits behind the trigger's signature check (index.ts).
 *   POST /runs   (alias /run, the path the reference samples use) — start a run, answer with its report
 *   GET  /rules  — the rule sets bundled with the function
 *   GET  /healthz — liveness
 */
import type { Logger } from '../../log';
import type { RunReport } from '../../engine';
import { PayloadTooLargeError } from './errors';
import type { HttpRequest } from './request';
import { jsonResponse, type HttpResponse } from './response';
import { parseRunRequest, type HttpRunRequest } from './run-request';

/** What the routes call; phase-specific work (loading rules, running the engine) lives behind it. */
export interface HttpService {
  run(request: HttpRunRequest): Promise<RunReport>;
  listRuleSets(): Promise<{ ruleSets: unknown[] }>;
}

export interface HttpRouterOptions {
  /** default MAX_BODY_BYTES */
  maxBodyBytes?: number;
  logger: Logger;
}

/** 256 KiB: far more than a scope needs; big inline rule sets belong in the bundle. */
export const MAX_BODY_BYTES = 256 * 1024;

export type Method = 'GET' | 'POST';
export type RouteHandler = (req: HttpRequest, service: HttpService, options: HttpRouterOptions) => Promise<HttpResponse>;

export interface Route {
  paths: string[];
  methods: Partial<Record<Method, RouteHandler>>;
}

const runRoute: RouteHandler = async (req, service, options) => {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  if (req.body.length > limit) throw new PayloadTooLargeError(req.body.length, limit);
  const report = await service.run(parseRunRequest(req.body, req.query));
  // A run the blast-radius guard stopped wrote nothing: 409, as if the guard had thrown (response.ts).
  return jsonResponse(report.status === 'blocked' ? 409 : 200, report);
};

/** The main path of each route, for clients (`autotag remote`). */
export const ROUTE_PATHS = { runs: '/runs', rules: '/rules', health: '/healthz' } as const;

export const ROUTES: readonly Route[] = [
  { paths: [ROUTE_PATHS.runs, '/run'], methods: { POST: runRoute } },
  { paths: [ROUTE_PATHS.rules], methods: { GET: async (_req, service) => jsonResponse(200, await service.listRuleSets()) } },
  { paths: [ROUTE_PATHS.health], methods: { GET: async () => jsonResponse(200, { status: 'ok' }) } },
];
