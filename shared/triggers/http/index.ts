/**
 * The HTTP trigger (the http function): runs on request — routes, request and response shapes, errors. Its
 * runs carry the label `http`. It answers a request that fails with a status code (response.ts), not a
 * throw: a synchronous call is the caller's to repeat, and FC retries none.
 *
 * Who may call it is decided before the function runs, by FC's gateway and RAM: the trigger is
 * `authType: function`, so every request must carry an ACS3-HMAC-SHA256 signature of the caller's own
 * Alibaba Cloud credentials in `Authorization` (research.md §1), and the caller's RAM identity must be
 * allowed `fc:InvokeFunction` on the function; anything else gets a 403 from the gateway and never reaches
 * this code. That is the whole design: the gateway owns `Authorization`, so no second credential can
 * share that header (a bearer token there could never pass the gateway), and a shared secret would be one
 * more thing to rotate, leak and keep out of `s deploy`'s output, while RAM already names each caller, can
 * be revoked per caller, and leaves an ActionTrail record. The function therefore checks no token of its
 * own: deploying the trigger with `authType: anonymous` would open it, which s.yaml and its test rule out.
 * `autotag remote` is the client that signs requests with the caller's default credential chain.
 */
import type { Trigger } from '../trigger';
import { errorResponse } from './response';
import { serveHttp } from './service';

export const http = {
  name: 'http',
  fcTriggerType: 'http',
  requires: [],
  handle: serveHttp,
  // a configuration error is the deployment's fault: a masked 500, its issues in the log (response.ts)
  refuseStart: (error, logger) => {
    const response = errorResponse(error);
    logger.error('HTTP request failed: the function could not start', { status: response.statusCode, error });
    return response;
  },
} satisfies Trigger;

export { handleHttpRequest } from './router';
export { MAX_BODY_BYTES, ROUTE_PATHS, type HttpService } from './routes';
export { parseRunRequest, type HttpRunRequest } from './run-request';
export { errorResponse, type HttpResponse } from './response';
