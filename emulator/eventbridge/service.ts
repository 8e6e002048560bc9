/**
 * The EventBridge control plane without HTTP: one received request in, one answer out. Order: authenticate
 * with the DataWorks emulator's verifier (auth.ts: the same ACS3-HMAC-SHA256 checks), find the action by
 * `x-acs-action` with `x-acs-version` 2020-04-01 (else 404 InvalidApi.NotFound), collect the parameters
 * (query string, or a form body) and run the handler. Success is
 * `{ RequestId, Code: "Success", Message: "success", Success: true, Data }`; an error is the POP body plus
 * `Success: false`. The two gateway refusals EventBridge's error-code page names differently are answered
 * its way: 403 InvalidAccessKeyId (unknown AccessKey) and 403 SecurityTokenInvalid.
 */
import { RequestAuthenticator, type AccessKeyCredential } from '../auth';
import { collectParams, headerValue } from '../params';
import type { Answer, ReceivedRequest } from '../service';
import { popErrorBody, ServiceError } from '../service-error';
import { findAction } from './actions';
import type { EventBridgeStore } from './store';

export const EVENTBRIDGE_VERSION = '2020-04-01';

/** gateway codes of the shared verifier -> EventBridge's documented ones */
const EVENTBRIDGE_CODES: Record<string, [code: string, message: string]> = {
  'InvalidAccessKeyId.NotFound': ['InvalidAccessKeyId', 'The access Id you provided is not exist.'],
  'InvalidSecurityToken.MismatchWithAccessKey': ['SecurityTokenInvalid', 'The Security token that your provide is invalid.'],
};

function asEventBridge(err: ServiceError): ServiceError {
  const mapped = EVENTBRIDGE_CODES[err.code];
  return mapped ? new ServiceError(403, mapped[0], mapped[1]) : err;
}

export class EventBridgeService {
  private readonly auth: RequestAuthenticator;
  private readonly counts = new Map<string, number>();

  /** `now` is real time (request dates); `clock` stamps what is created. */
  constructor(
    private readonly store: EventBridgeStore,
    credentials: readonly AccessKeyCredential[],
    now: () => number,
    private readonly clock: () => number,
  ) {
    this.auth = new RequestAuthenticator(credentials, now);
  }

  /** requests received per `x-acs-action` (whatever their outcome) */
  calls(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  handle(request: ReceivedRequest): Answer {
    const action = headerValue(request.headers, 'x-acs-action');
    this.counts.set(action, (this.counts.get(action) ?? 0) + 1);
    try {
      const Data = this.run(action, request);
      return { status: 200, body: { RequestId: request.requestId, Code: 'Success', Message: 'success', Success: true, Data } };
    } catch (err) {
      const serviceError = err instanceof ServiceError ? asEventBridge(err) : new ServiceError(500, 'InternalError', `fake defect: ${err instanceof Error ? err.stack : String(err)}`);
      return {
        status: serviceError.status,
        body: { ...popErrorBody(serviceError, request.requestId, headerValue(request.headers, 'host'), 'eventbridge'), Success: false },
      };
    }
  }

  private run(action: string, request: ReceivedRequest): Record<string, unknown> {
    const { query } = this.auth.verify(request);
    const spec = findAction(action);
    const version = headerValue(request.headers, 'x-acs-version');
    if (!spec || version !== EVENTBRIDGE_VERSION) throw new ServiceError(404, 'InvalidApi.NotFound', `Specified api ${action} (version ${version}) is not found.`);
    return spec.handle({ store: this.store, params: collectParams(query, request), now: this.clock() });
  }
}
