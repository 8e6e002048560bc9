/**
 * Errors only the HTTP function raises: they describe the request, not the run. Their status codes, like
 * every other error's, are decided in one table (`response.ts`).
 */
import { AutotagError } from '../../errors';

export class RouteNotFoundError extends AutotagError {
  readonly code = 'HTTP_NOT_FOUND';
  constructor(
    readonly path: string,
    readonly routes: string[],
  ) {
    super(`no route ${path}; routes: ${routes.join(', ')}`);
  }
  override toJSON() {
    return { ...super.toJSON(), path: this.path, routes: this.routes };
  }
}

export class MethodNotAllowedError extends AutotagError {
  readonly code = 'HTTP_METHOD_NOT_ALLOWED';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly allow: string[],
  ) {
    super(`${method} is not allowed on ${path}; use ${allow.join(' or ')}`);
  }
  override toJSON() {
    return { ...super.toJSON(), allow: this.allow };
  }
}

export class PayloadTooLargeError extends AutotagError {
  readonly code = 'HTTP_PAYLOAD_TOO_LARGE';
  constructor(
    readonly bytes: number,
    readonly limitBytes: number,
  ) {
    super(`the request body has ${bytes} bytes, more than the limit of ${limitBytes}; bundle large rule sets with the function and name them with "ruleSet"`);
  }
  override toJSON() {
    return { ...super.toJSON(), bytes: this.bytes, limitBytes: this.limitBytes };
  }
}
