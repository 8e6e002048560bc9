/**
 * What a failed DataWorks call means, as one of shared/errors' classes: throttling (HTTP 400 with a
 * `Throttling*` code: the code decides, not the status), transient server or network trouble, missing RAM
 * permission, rejected credentials, or a request the server refused. Only the fields a user needs are
 * copied from the SDK's error; the SDK error itself is never kept, because it may hold request details.
 */
import {
  AuthenticationError,
  AutotagError,
  InvalidRequestError,
  PermissionError,
  ThrottledError,
  TransientError,
  type ApiError,
  type ApiErrorDetails,
} from '../errors';
import { redactAndClip } from '../log';

/** Node socket errors worth another try (a reset connection, a refused one during a deploy, DNS hiccups). */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

const MAX_MESSAGE = 300;

/** The fields of `@alicloud/tea-typescript`'s ResponseError (not exported by that package) that we read. */
interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  statusCode?: unknown;
  data?: { statusCode?: unknown; RequestId?: unknown; Message?: unknown; Code?: unknown } | null;
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' && v !== 'undefined' ? v : undefined);
const clip = (s: string | undefined) => (s === undefined ? undefined : redactAndClip(s, MAX_MESSAGE));

/** Maps anything `callApi` threw to autotag's error for it. Errors of autotag's own pass through unchanged. */
export function toApiError(action: string, error: unknown): AutotagError {
  if (error instanceof AutotagError) return error;
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkErrorShape;
  const status = Number(e.statusCode ?? e.data?.statusCode) || undefined;
  const code = text(e.code) ?? text(e.data?.Code);

  if (status !== undefined) {
    const serviceMessage = clip(text(e.data?.Message));
    return fromHttpError({ action, serviceCode: code ?? `HTTP${status}`, httpStatus: status, requestId: text(e.data?.RequestId), serviceMessage });
  }
  const message = clip(text(e.message));
  if (/timeout/i.test(String(e.name)) || (code && NETWORK_CODES.has(code)) || /socket hang up/i.test(message ?? '')) {
    return new TransientError({ action, serviceCode: code ?? 'RequestTimeout', serviceMessage: message });
  }
  if (error instanceof SyntaxError) {
    // A body that is not JSON is most often a gateway's error page; every call we make is safe to repeat.
    return new TransientError({ action, serviceCode: 'InvalidJsonResponse', serviceMessage: message });
  }
  if (code === 'ENOTFOUND') {
    return new InvalidRequestError(
      { action, serviceCode: code, serviceMessage: message },
      `${action} failed: the API host could not be resolved (ENOTFOUND); check the region id or DATAWORKS_ENDPOINT`,
    );
  }
  // Anything else (TLS failures, SDK parameter errors) will not get better by repeating the call.
  return new InvalidRequestError({ action, serviceCode: code ?? text(e.name) ?? 'ClientError', serviceMessage: message });
}

function fromHttpError(details: ApiErrorDetails): ApiError {
  const { serviceCode: code, httpStatus: status = 0 } = details;
  if (/^Throttling/i.test(code)) return new ThrottledError(details);
  if (/^(ServiceUnavailable|InternalError)/.test(code) || status >= 500) return new TransientError(details);
  if (/^Forbidden/.test(code)) return new PermissionError(details);
  const authProblem = authenticationProblem(code);
  if (authProblem) return new AuthenticationError(details, authenticationMessage(details, authProblem));
  return new InvalidRequestError(details);
}

/** What the user should check for each credential error code, or undefined when it is not one. */
function authenticationProblem(code: string): string | undefined {
  if (/^(SignatureDoesNotMatch|IncompleteSignature)/.test(code)) {
    return 'the request signature does not match: check that the AccessKey secret belongs to the AccessKey ID';
  }
  if (/^InvalidAccessKeyId/.test(code)) return 'the AccessKey ID is unknown or disabled: check the AccessKey ID and that it is enabled';
  if (/^InvalidSecurityToken/.test(code)) {
    return 'the STS security token was not accepted: check that it is current and was issued with this AccessKey ID';
  }
  return undefined;
}

function authenticationMessage(details: ApiErrorDetails, problem: string): string {
  return (
    `${details.action} was refused (${details.serviceCode}${details.httpStatus ? `, HTTP ${details.httpStatus}` : ''}` +
    `${details.requestId ? `, request ${details.requestId}` : ''}): ${problem}. ` +
    'Credentials come from context.credentials in Function Compute, else ALIBABA_CLOUD_ACCESS_KEY_ID / ' +
    'ALIBABA_CLOUD_ACCESS_KEY_SECRET / ALIBABA_CLOUD_SECURITY_TOKEN or the credentials file.'
  );
}
