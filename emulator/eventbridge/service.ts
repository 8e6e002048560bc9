/**
 * The EventBridge control plane without HTTP: one received request in, one answer out. Order: authenticate
 * with the stand-ins' one verifier (auth.ts, OpenAPI V3 rules: the same ACS3-HMAC-SHA256 checks), find the
 * action by `x-acs-action` with `x-acs-version` 2020-04-01 (else 404 InvalidApi.NotFound), collect the
 * parameters (query string, or a form body) and run the handler. Success is
 * `{ RequestId, Code: "Success", Message: "success", Success: true, Data }`; an error is the POP body plus
 * `Success: false`; a refused signature is worded by EVENTBRIDGE_REFUSALS (errors.ts).
 */
import { OPENAPI_V3_RULES, RequestAuthenticator, type AccessKeyCredential } from '../auth';
import { collectParams } from '../params';
import type { Answer, ReceivedRequest } from '../service';
import { popErrorBody, ServiceError } from '../service-error';
import { headerOf } from '../signature';
import { findAction } from './actions';
import { EVENTBRIDGE_REFUSALS } from './errors';
import type { EventBridgeStore } from './store';

export const EVENTBRIDGE_VERSION = '2020-04-01';

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
    this.auth = new RequestAuthenticator(credentials, now, OPENAPI_V3_RULES, EVENTBRIDGE_REFUSALS);
  }

  /** requests received per `x-acs-action` (whatever their outcome) */
  calls(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  handle(request: ReceivedRequest): Answer {
    const action = headerOf(request.headers, 'x-acs-action') ?? '';
    this.counts.set(action, (this.counts.get(action) ?? 0) + 1);
    try {
      const Data = this.run(action, request);
      return { status: 200, body: { RequestId: request.requestId, Code: 'Success', Message: 'success', Success: true, Data } };
    } catch (err) {
      const serviceError = err instanceof ServiceError ? err : new ServiceError(500, 'InternalError', `fake defect: ${err instanceof Error ? err.stack : String(err)}`);
      return {
        status: serviceError.status,
        body: { ...popErrorBody(serviceError, request.requestId, headerOf(request.headers, 'host') ?? '', 'eventbridge'), Success: false },
      };
    }
  }

  private run(action: string, request: ReceivedRequest): Record<string, unknown> {
    const { query } = this.auth.verify(request);
    const spec = findAction(action);
    const version = headerOf(request.headers, 'x-acs-version') ?? '';
    if (!spec || version !== EVENTBRIDGE_VERSION) throw new ServiceError(404, 'InvalidApi.NotFound', `Specified api ${action} (version ${version}) is not found.`);
    return spec.handle({ store: this.store, params: collectParams(query, request), now: this.clock() });
  }
}
