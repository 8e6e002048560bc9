/**
 * The emulated DataWorks service without HTTP: it owns the state, the credentials, the QPS budgets, the
 * fault plan and the statistics, and turns one received request into an answer (status and JSON body).
 * Order for a request: count it (DeleteDataAssetTag is a violation however it ends) and decide its fault;
 * then authenticate, find the action (`x-acs-action`, `x-acs-version` 2024-05-18; never the path), take
 * budget, parse parameters (query string, plus the form body ListTasks sends; a JSON body is not read, as
 * the RPC actions take none) and run the handler. STS GetCallerIdentity, the one action of another service,
 * skips the fault plan, the DataWorks budgets and the DataWorks counts.
 */
import { API_VERSION } from '../shared/dataworks';
import { accountOf } from './options';
import { findAction, identityOf, type ActionContext, type CallerIdentity } from './actions';
import { OPENAPI_V3_RULES, RequestAuthenticator, type AccessKeyCredential, type IncomingSignedRequest } from './auth';
import type { Catalog, DelayedAsset } from './catalog';
import { FaultInjector, THROTTLED, type FaultAnswer, type FaultDecision, type FaultOptions } from './faults';
import { collectParams } from './params';
import { DATAWORKS_REFUSALS } from './refusals';
import { popErrorBody, ServiceError } from './service-error';
import { headerOf, type QueryPairs } from './signature';
import { StatsRecorder, type CallStats, type Violation, type ViolationKind } from './stats';
import { CatalogStore } from './store';
import { QpsLimiter } from './throttle';
import { VisibilityGate, type PendingAsset } from './visibility';

/** the user id every caller acts as (CreateUser of tag keys, Creator of bindings) */
export const CALLER_ID = '190000000009999';
/** a decision for calls that get no fault (another service's actions) */
const NO_FAULT: FaultDecision = { delayMs: 0 };

export interface ServiceOptions {
  catalog: Catalog;
  credentials: readonly AccessKeyCredential[];
  readQps: number;
  writeQps: number;
  listScope: 'tagged' | 'all';
  tagConflict: 'reject' | 'replace';
  faults?: FaultOptions;
  /** real time: request dates and QPS budgets */
  now: () => number;
  /** the time delayed visibility is judged by (a test's fake clock, or real time) */
  visibilityNow: () => number;
  /** told of each violation as it is recorded (the violation log, violation-log.ts) */
  onViolation?: (violation: Violation) => void;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export interface ReceivedRequest extends IncomingSignedRequest {
  requestId: string;
}

export class DataWorksService {
  private readonly store: CatalogStore;
  private readonly auth: RequestAuthenticator;
  private readonly limiter: QpsLimiter;
  private readonly stats = new StatsRecorder();
  private readonly visibility: VisibilityGate;
  private faults: FaultInjector;
  /** AccessKeyId -> who it is (STS GetCallerIdentity) */
  private readonly identities: ReadonlyMap<string, CallerIdentity>;

  constructor(private readonly options: ServiceOptions) {
    this.store = new CatalogStore(options.catalog);
    this.visibility = new VisibilityGate(options.catalog.delayedAssets ?? [], options.visibilityNow);
    this.auth = new RequestAuthenticator(options.credentials, options.now, OPENAPI_V3_RULES, DATAWORKS_REFUSALS);
    this.limiter = new QpsLimiter(options.readQps, options.writeQps, options.now);
    this.faults = new FaultInjector(options.faults);
    const { accountId } = accountOf({});
    this.identities = new Map(options.credentials.map((c) => [c.accessKeyId, identityOf(c, accountId)]));
  }

  /** The live state; `delayedAssets` lists the delays still to come (absent when none are). */
  catalog(): Catalog {
    const delayed = this.visibility.snapshot();
    return { ...this.store.snapshot(), ...(delayed.length > 0 && { delayedAssets: delayed }) };
  }

  /** Hides an existing asset from reads (again) until the delay's condition holds; false if there is no such asset. */
  delayAsset(delay: DelayedAsset): boolean {
    if (!this.store.asset(delay.assetId)) return false;
    this.visibility.delay(delay);
    return true;
  }

  revealAsset(assetId: string): void {
    this.visibility.reveal(assetId);
  }

  delayedAssets(): PendingAsset[] {
    return this.visibility.pendingAssets();
  }

  calls(): CallStats {
    return this.stats.calls();
  }

  violations(): Violation[] {
    return this.stats.violations();
  }

  setFaults(faults: FaultOptions | undefined): void {
    this.faults = new FaultInjector(faults);
  }

  setQps(read: number, write: number): void {
    this.limiter.setLimits(read, write);
  }

  resetStats(): void {
    this.stats.reset();
  }

  /** Counts a request as it arrives and decides its fault. */
  begin(action: string, requestId: string): FaultDecision {
    const spec = findAction(action);
    if (spec && !spec.budget) {
      this.stats.otherService(action);
      return NO_FAULT;
    }
    this.stats.received(action, spec?.budget ?? 'unknown');
    if (action === 'DeleteDataAssetTag') this.recordViolation('delete-called', action, requestId, 'DeleteDataAssetTag was called');
    const decision = this.faults.next(action);
    if (decision.kind) this.stats.fault(action, decision.kind);
    return decision;
  }

  /** the answer of an injected fault that answers instead of the handler (5xx, throttle) */
  faultAnswer(request: ReceivedRequest, answer: FaultAnswer): Answer {
    return this.errorAnswer(request, new ServiceError(answer.status, answer.code, answer.message));
  }

  handle(request: ReceivedRequest): Answer {
    const action = headerOf(request.headers, 'x-acs-action') ?? '';
    try {
      return { status: 200, body: { RequestId: request.requestId, ...this.run(action, request) } };
    } catch (err) {
      if (err instanceof ServiceError) return this.errorAnswer(request, err);
      return this.errorAnswer(request, new ServiceError(500, 'InternalError', `emulator defect: ${err instanceof Error ? err.stack : String(err)}`));
    }
  }

  private run(action: string, request: ReceivedRequest): Record<string, unknown> {
    let verified: { accessKeyId: string; query: QueryPairs };
    try {
      verified = this.auth.verify(request);
    } catch (err) {
      this.stats.authFailed();
      throw err;
    }
    const { query } = verified;
    const spec = findAction(action);
    const version = headerOf(request.headers, 'x-acs-version') ?? '';
    if (!spec || version !== (spec.version ?? API_VERSION)) throw new ServiceError(404, 'InvalidApi.NotFound', `Specified api ${action} (version ${version}) is not found.`);
    if (spec.budget && !this.limiter.tryAcquire(spec.budget)) {
      this.stats.throttled(action);
      throw new ServiceError(THROTTLED.status, THROTTLED.code, THROTTLED.message);
    }
    const ctx: ActionContext = {
      store: this.store,
      visibility: this.visibility,
      params: collectParams(query, request),
      caller: CALLER_ID,
      identity: this.identities.get(verified.accessKeyId)!,
      now: this.options.now(),
      listScope: this.options.listScope,
      tagConflict: this.options.tagConflict,
      observe: (counts) => this.stats.observe(action, counts),
      violation: (kind, message, detail) => this.recordViolation(kind, action, request.requestId, message, detail),
      bound: (counts) => this.stats.bound(counts),
    };
    const result = spec.handle(ctx);
    if (spec.budget) this.stats.succeeded(action);
    return result;
  }

  private recordViolation(kind: ViolationKind, action: string, requestId: string, message: string, detail?: Record<string, unknown>): void {
    const violation: Violation = { kind, action, requestId, at: new Date(this.options.now()).toISOString(), message, ...(detail && { detail }) };
    this.stats.violation(violation);
    this.options.onViolation?.(violation);
  }

  private errorAnswer(request: ReceivedRequest, err: ServiceError): Answer {
    return { status: err.status, body: popErrorBody(err, request.requestId, headerOf(request.headers, 'host') ?? '', 'dataworks-public') };
  }
}
