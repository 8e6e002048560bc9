/** The HTTP function's request handling: router, request and response shapes, errors. */
export { handleHttpRequest, MAX_BODY_BYTES, type HttpService, type HttpRouterOptions } from './router';
export { parseHttpEvent, type HttpRequest } from './request';
export { parseRunRequest, type HttpRunRequest } from './run-request';
export { jsonResponse, errorResponse, type HttpResponse } from './response';
export { checkBearerToken } from './auth';
export { UnauthorizedError, RouteNotFoundError, MethodNotAllowedError, PayloadTooLargeError } from './errors';
