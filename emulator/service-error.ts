/**
 * An error answer of the emulated service: an HTTP status and a POP error code, turned by the server into
 * `{ RequestId, Code, Message, HostId, Recommend }`. It is the wire protocol's error, not one of autotag's
 * own (those live in shared/errors), so it is a class of its own.
 */

export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const missingParameter = (name: string) =>
  new ServiceError(400, `MissingParameter.${name}`, `The required parameter ${name} is missing.`);

export const invalidParameter = (code: string, message: string) => new ServiceError(400, code, message);

/** The POP error body every Alibaba Cloud RPC service answers with; `product` names the troubleshooting link. */
export function popErrorBody(err: ServiceError, requestId: string, hostId: string, product: string): Record<string, unknown> {
  return {
    RequestId: requestId,
    Code: err.code,
    Message: err.message,
    HostId: hostId,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=${product}`,
  };
}
