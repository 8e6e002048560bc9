/**
 * The one error tree of autotag. Every error carries a stable `code` and the data a user needs to act;
 * the phase it belongs to tells callers what to do with it: configuration and validation errors are never
 * retried, API errors say whether they are retryable, guard stops say which guard and why.
 */

/**
 * The mark of autotag's errors, under a key every bundle in a process shares (`Symbol.for`): `autotag invoke`
 * runs a function's own bundle, whose error classes are copies of the CLI's, so `instanceof` cannot tell them
 * apart. Errors are recognised by this mark and their `code` (`isAutotagError`, `hasCode`), never by class.
 */
const AUTOTAG_ERROR = Symbol.for('autotag.error');

export abstract class AutotagError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    Object.defineProperty(this, AUTOTAG_ERROR, { value: true });
  }
  /** A plain object for JSON reports and logs (never includes credentials: errors are built without them). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message };
  }
}

import { issuesMessage, type InputIssue } from './issues';

export { fieldPath, formatIssue, issuesMessage, toInputIssues, type InputIssue, type Path } from './issues';

/** Input rejected before any API call (rule file, API request arguments, event, HTTP body, configuration). */
export class InvalidInputError extends AutotagError {
  readonly code = 'INVALID_INPUT';
  constructor(
    readonly issues: InputIssue[],
    readonly subject = 'input',
  ) {
    super(issuesMessage(`invalid ${subject}`, issues));
  }
  override toJSON() {
    return { ...super.toJSON(), subject: this.subject, issues: this.issues };
  }
}

/**
 * A deployment that cannot work (environment variables, bundled rule files): the function's fault, never the
 * caller's, so the HTTP function answers it with a masked 500. Every problem is listed.
 */
export class ConfigurationError extends AutotagError {
  readonly code = 'INVALID_CONFIGURATION';
  constructor(readonly issues: InputIssue[]) {
    super(issuesMessage('invalid configuration', issues));
  }
  override toJSON() {
    return { ...super.toJSON(), issues: this.issues };
  }
}

/** A call autotag refuses to make at all (DeleteDataAssetTag). */
export class ForbiddenActionError extends AutotagError {
  readonly code = 'FORBIDDEN_ACTION';
  constructor(readonly action: string) {
    super(`autotag never calls ${action}: tag keys are created or updated, never deleted`);
  }
}

/** What the API told us, common to every API error. */
export interface ApiErrorDetails {
  action: string;
  /** the service's error Code (e.g. `Throttling.User`), or a local code such as `ECONNRESET` */
  serviceCode: string;
  httpStatus?: number;
  requestId?: string;
  serviceMessage?: string;
}

export abstract class ApiError extends AutotagError {
  abstract readonly retryable: boolean;
  readonly action: string;
  readonly serviceCode: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  constructor(details: ApiErrorDetails, message?: string, options?: { cause?: unknown }) {
    super(
      message ??
        `${details.action} failed: ${details.serviceCode}${details.httpStatus ? ` (HTTP ${details.httpStatus})` : ''}` +
          `${details.serviceMessage ? `: ${details.serviceMessage}` : ''}${details.requestId ? ` [request ${details.requestId}]` : ''}`,
      options,
    );
    this.action = details.action;
    this.serviceCode = details.serviceCode;
    this.httpStatus = details.httpStatus;
    this.requestId = details.requestId;
  }
  override toJSON() {
    return {
      ...super.toJSON(),
      action: this.action,
      serviceCode: this.serviceCode,
      httpStatus: this.httpStatus,
      requestId: this.requestId,
      retryable: this.retryable,
    };
  }
}

/** HTTP 400 with a `Throttling*` code: the account-wide QPS budget is exhausted. */
export class ThrottledError extends ApiError {
  readonly code = 'API_THROTTLED';
  readonly retryable = true;
}

/** 5xx, ServiceUnavailable, InternalError, connection resets and timeouts. */
export class TransientError extends ApiError {
  readonly code = 'API_TRANSIENT';
  readonly retryable = true;
}

/** Forbidden*: the caller's RAM identity lacks an action. */
export class PermissionError extends ApiError {
  readonly code = 'API_PERMISSION';
  readonly retryable = false;
  readonly ramAction: string;
  constructor(details: ApiErrorDetails) {
    const ramAction = `dataworks:${details.action}`;
    super(
      details,
      `${details.action} was denied (${details.serviceCode}${details.requestId ? `, request ${details.requestId}` : ''}): ` +
        `the RAM identity needs "${ramAction}". Run \`autotag policy --rules <file>\` to print the policy this rule set needs.`,
    );
    this.ramAction = ramAction;
  }
  override toJSON() {
    return { ...super.toJSON(), ramAction: this.ramAction };
  }
}

/** SignatureDoesNotMatch, InvalidAccessKeyId*: the credentials are wrong or expired. */
export class AuthenticationError extends ApiError {
  readonly code = 'API_AUTHENTICATION';
  readonly retryable = false;
}

/** InvalidParameter*, MissingParameter* and other 4xx the server blamed on the request. */
export class InvalidRequestError extends ApiError {
  readonly code = 'API_INVALID_REQUEST';
  readonly retryable = false;
}

/** A 2xx whose body is not what the API documents, or a write whose `Success` is not "true". */
export class UnexpectedResponseError extends ApiError {
  readonly code = 'API_UNEXPECTED_RESPONSE';
  readonly retryable = false;
  constructor(
    details: ApiErrorDetails,
    /** what came back, truncated, for the user to see */
    readonly received: string,
    problem: string,
  ) {
    super(details, `${details.action} returned an unexpected response (${problem}): ${received}`);
  }
  override toJSON() {
    return { ...super.toJSON(), received: this.received };
  }
}

/** Assets an event named that the API does not know (deleted since, not deployed, or not yet visible). */
export class AssetNotFoundError extends AutotagError {
  readonly code = 'ASSET_NOT_FOUND';
  constructor(readonly assets: string[]) {
    super(`not found through the API (deleted, never deployed, or not visible yet; a retry re-reads them): ${assets.join(', ')}`);
  }
  override toJSON() {
    return { ...super.toJSON(), assets: this.assets };
  }
}

/**
 * The blast-radius guard stopped the run before it wrote more than the user allowed. It counts a run's planned
 * writes across its windows and continuations; `written` says how many it let through before it stopped.
 */
export class BlastRadiusError extends AutotagError {
  readonly code = 'GUARD_BLAST_RADIUS';
  constructor(
    readonly plannedWrites: number,
    readonly maxBindings: number,
    /** writes the run let through before it stopped (0: nothing was written) */
    readonly written = 0,
    /** whether `plannedWrites` is the whole plan's (else the run stopped reading: at least that many) */
    readonly complete = true,
  ) {
    super(
      `the run would write ${plannedWrites}${complete ? '' : ' or more'} bindings, more than the limit of ${maxBindings}; ` +
        (written === 0
          ? 'nothing was written. '
          : `${written} were written before it stopped (the guard counts every write of a run, over its windows and continuations, and stops before the window that would pass the limit). `) +
        `Review the plan (autotag plan) and rerun with --max-bindings ${plannedWrites} to allow it.`,
    );
  }
  override toJSON() {
    return { ...super.toJSON(), plannedWrites: this.plannedWrites, maxBindings: this.maxBindings, written: this.written };
  }
}

/**
 * No new call may start: the time budget ran out, or the process was asked to stop (SIGINT/SIGTERM to the
 * CLI). Both end a run the same way — calls in flight finish, the rest is reported as not started — so they
 * are one error; `reason` says which, and `interruptedBy` what asked to stop.
 */
export class DeadlineExceededError extends AutotagError {
  readonly code = 'DEADLINE_EXCEEDED';
  readonly reason: 'deadline' | 'interrupted';
  constructor(
    /** epoch ms: the deadline, or when the stop was asked for */
    readonly deadline: number,
    readonly interruptedBy?: string,
  ) {
    super(
      interruptedBy === undefined
        ? `the time budget ended at ${new Date(deadline).toISOString()}: no further API call was started`
        : `interrupted by ${interruptedBy}: no further API call was started; the calls already in flight were finished`,
    );
    this.reason = interruptedBy === undefined ? 'deadline' : 'interrupted';
  }
  override toJSON() {
    return { ...super.toJSON(), reason: this.reason, ...(this.interruptedBy !== undefined && { interruptedBy: this.interruptedBy }) };
  }
}

/**
 * The audit sink could not take a record (a log file that can no longer be appended to: disk full, removed,
 * replaced): a run makes no change it cannot record, so no new write starts once this is thrown.
 */
export class AuditLogError extends AutotagError {
  readonly code = 'AUDIT_LOG_FAILED';
  constructor(
    /** what failed, for people: e.g. `cannot append to /var/log/autotag.jsonl: ENOSPC (no space left on device)` */
    readonly problem: string,
    /** the system error code, when there is one (ENOSPC, EISDIR, EPIPE, ...) */
    readonly reason?: string,
    options?: { cause?: unknown },
  ) {
    super(`the audit log failed: ${problem}; no further write was started`, options);
  }
  override toJSON() {
    return { ...super.toJSON(), ...(this.reason !== undefined && { reason: this.reason }) };
  }
}

/**
 * What fails every read of a run alike (the deadline, permissions, credentials, or an error that is not
 * autotag's: a bug): no partition or asset can go on without it, so it is thrown, never kept as one item's.
 */
export function breaksEveryRead(e: unknown): boolean {
  return !(e instanceof AutotagError) || e instanceof DeadlineExceededError || e instanceof PermissionError || e instanceof AuthenticationError;
}

/** Whether `e` is one of autotag's errors, whichever bundle built it. */
export function isAutotagError(e: unknown): e is AutotagError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[AUTOTAG_ERROR] === true && typeof (e as { code?: unknown }).code === 'string';
}

/** The errors of this folder, by code, so `hasCode` narrows to the fields a caller reads. */
type KnownError =
  | InvalidInputError
  | ConfigurationError
  | ForbiddenActionError
  | ThrottledError
  | TransientError
  | PermissionError
  | AuthenticationError
  | InvalidRequestError
  | UnexpectedResponseError
  | AssetNotFoundError
  | BlastRadiusError
  | DeadlineExceededError
  | AuditLogError;
type ErrorOfCode = { [E in KnownError as E['code']]: E };

/** Whether `e` is autotag's error with this code (from any bundle). Codes of other folders narrow to AutotagError. */
export function hasCode<C extends keyof ErrorOfCode>(e: unknown, code: C): e is ErrorOfCode[C];
export function hasCode(e: unknown, code: string): e is AutotagError;
export function hasCode(e: unknown, code: string): boolean {
  return isAutotagError(e) && e.code === code;
}
