/**
 * Fan-out's one seam: start another function asynchronously (`x-fc-invocation-type: Async`), at once or
 * after a delay (`x-fc-async-delay`). FC queues the payload and runs it at least once (reference,
 * function-compute §3.1, §4), so the callee must be idempotent — every autotag run is. Two implementations: the FC 3.0 API (`fc3.ts`) and FC 2.0 services
 * (`fc2.ts`); which one a deployment uses is its configuration (`AUTOTAG_SHARD_FUNCTION`).
 */
import { ApiError, InvalidInputError, type ApiErrorDetails } from '../errors';
import { redactString } from '../log';

export interface InvokeResult {
  /** FC's request id for the queued invocation (response header `x-fc-request-id`) */
  requestId?: string;
}

export interface AsyncInvokeOptions {
  /** `x-fc-async-delay`: FC runs the invocation this many whole seconds later, 1–3599 (research.md §6) */
  delaySeconds?: number;
  /**
   * FC's async task id (FC 3.0 `x-fc-async-task-id`, FC 2.0 `x-fc-stateful-async-invocation-id`): FC refuses a
   * second invocation with an id it has seen with 409 ("task deduplication"), for a function with async tasks on
   * (`asyncInvokeConfig.asyncTask: true`); elsewhere the id is only a name (research.md §6)
   */
  taskId?: string;
}

export interface Invoker {
  invokeAsync(functionName: string, payload: object, options?: AsyncInvokeOptions): Promise<InvokeResult>;
}

/** Which function receives the shards, and through which API. */
export type InvokeTarget = { api: 'fc3'; functionName: string } | { api: 'fc2'; serviceName: string; functionName: string };

/** FC's limit for an async invocation's payload. */
export const MAX_ASYNC_PAYLOAD_BYTES = 128 * 1024;

/** The payload's bytes, refused before any call when FC would refuse them. */
export function encodePayload(payload: object): Buffer {
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
  if (bytes.length > MAX_ASYNC_PAYLOAD_BYTES) {
    throw new InvalidInputError([{ field: 'payload', message: `is ${bytes.length} bytes; FC accepts at most ${MAX_ASYNC_PAYLOAD_BYTES} for an async invocation` }], 'fan-out payload');
  }
  return bytes;
}

/** FC's largest `x-fc-async-delay`: the header takes (0, 3600) seconds. */
export const MAX_ASYNC_DELAY_SECONDS = 3599;

/** FC's form of an async task id: a letter or `_` first, then letters, digits, `_` and `-`, at most 128. */
export const ASYNC_TASK_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

/**
 * The headers of an async invocation (`taskIdHeader`: the API version's name for the task id), a delay or task id
 * refused before any call when FC would refuse it.
 */
export function asyncHeaders(options: AsyncInvokeOptions, taskIdHeader: string): Record<string, string> {
  const { delaySeconds, taskId } = options;
  const headers: Record<string, string> = { 'x-fc-invocation-type': 'Async' };
  if (delaySeconds !== undefined) {
    if (!Number.isInteger(delaySeconds) || delaySeconds < 1 || delaySeconds > MAX_ASYNC_DELAY_SECONDS) {
      throw new InvalidInputError([{ field: 'delaySeconds', message: `is ${delaySeconds}; FC delays an async invocation by a whole number of seconds from 1 to ${MAX_ASYNC_DELAY_SECONDS}` }], 'async invocation');
    }
    headers['x-fc-async-delay'] = String(delaySeconds);
  }
  if (taskId !== undefined) {
    if (!ASYNC_TASK_ID.test(taskId)) throw new InvalidInputError([{ field: 'taskId', message: `is "${taskId}"; FC takes a letter or _ first, then at most 127 of [A-Za-z0-9_-]` }], 'async invocation');
    headers[taskIdHeader] = taskId;
  }
  return headers;
}

/** An SDK's error text, safe to keep: registered secrets masked, clipped. */
export function safeMessage(message: string | undefined): string | undefined {
  return message === undefined ? undefined : redactString(message).slice(0, 300);
}

/**
 * FC refused to queue an invocation. Retryable for throttling (429) and server errors (5xx) or no answer
 * at all; not for the rest (403 = the role lacks `fc:InvokeFunction`, 404 = no such function, 409 = the task
 * id was queued before).
 */
export class InvocationError extends ApiError {
  readonly code = 'FANOUT_INVOKE_FAILED';
  readonly retryable: boolean;
  constructor(details: ApiErrorDetails) {
    super(details);
    const s = details.httpStatus;
    this.retryable = s === undefined || s === 429 || s >= 500;
  }
  /** 409 to a call with a task id: FC has that task already (task deduplication), so it is queued */
  get taskExists(): boolean {
    return this.httpStatus === 409;
  }
}
