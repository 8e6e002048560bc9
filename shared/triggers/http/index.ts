/**
 * The HTTP trigger (the http function): runs on request behind a bearer token — routes, request and
 * response shapes, errors. Its runs carry the label `http`. It answers a request that fails with a status
 * code (response.ts), not a throw: a synchronous call is the caller's to repeat, and FC retries none.
 */
import type { Trigger } from '../trigger';
import { serveHttp } from './service';

export const http = {
  name: 'http',
  fcTriggerType: 'http',
  requires: ['AUTOTAG_HTTP_TOKEN'],
  handle: serveHttp,
} satisfies Trigger;

export { handleHttpRequest } from './router';
export { MAX_BODY_BYTES, type HttpService } from './routes';
export { parseRunRequest, type HttpRunRequest } from './run-request';
export { errorResponse, type HttpResponse } from './response';
export { checkBearerToken } from './auth';
export { UnauthorizedError } from './errors';
