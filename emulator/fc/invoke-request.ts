/**
 * What an invocation request asks for in its headers (fc-20230330 InvokeFunctionHeaders; research.md §6),
 * the same through every door: `x-fc-invocation-type` Sync (default) or Async, the async task id (3.0
 * `x-fc-async-task-id`, 2.0 `x-fc-stateful-async-invocation-id`: a letter or `_` first, then `[A-Za-z0-9_-]`,
 * at most 128), `x-fc-async-delay` (whole seconds in (0, 3600)), `x-fc-log-type` None or Tail; and the
 * payload limits, 128 KB async and 32 MB sync. Anything else is 400 InvalidArgument.
 */
import type { ServiceError } from '../service-error';
import { headerOf, type HeaderMap } from '../signature';
import { fcError } from './errors';
import type { InvocationType } from './invocations';

export const ASYNC_PAYLOAD_LIMIT = 128 * 1024;
export const SYNC_PAYLOAD_LIMIT = 32 * 1024 * 1024;

export interface InvocationHeaders {
  type: InvocationType;
  asyncTaskId?: string;
  delaySeconds?: number;
  logTail: boolean;
}

const TASK_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

function oneOf<T extends string>(headers: HeaderMap, name: string, allowed: readonly T[], fallback: T): T {
  const value = headerOf(headers, name) ?? fallback;
  const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!found) throw fcError.invalidArgument(`${name} must be one of ${allowed.join(', ')}, got '${value}'`);
  return found;
}

/** `taskIdHeader`: the API version's name for the async task id. */
export function readInvocationHeaders(headers: HeaderMap, taskIdHeader: string): InvocationHeaders {
  const type = oneOf(headers, 'x-fc-invocation-type', ['Sync', 'Async'] as const, 'Sync');
  const logTail = oneOf(headers, 'x-fc-log-type', ['None', 'Tail'] as const, 'None') === 'Tail';
  const asyncTaskId = headerOf(headers, taskIdHeader);
  if (asyncTaskId !== undefined && !TASK_ID.test(asyncTaskId)) throw fcError.invalidArgument(`${taskIdHeader} '${asyncTaskId}' must start with a letter or _ and hold at most 128 of [A-Za-z0-9_-]`);
  const delay = headerOf(headers, 'x-fc-async-delay');
  const delaySeconds = delay === undefined ? undefined : Number(delay);
  if (delaySeconds !== undefined && !(Number.isInteger(delaySeconds) && delaySeconds > 0 && delaySeconds < 3600))
    throw fcError.invalidArgument(`x-fc-async-delay must be a whole number of seconds in (0, 3600), got '${delay}'`);
  return { type, asyncTaskId, delaySeconds, logTail };
}

/** Refuses a payload over the limit of its invocation type, with `tooLarge`'s error. */
export function checkPayloadSize(type: InvocationType, payload: Buffer, tooLarge: (limit: number) => ServiceError): void {
  const limit = type === 'Async' ? ASYNC_PAYLOAD_LIMIT : SYNC_PAYLOAD_LIMIT;
  if (payload.length > limit) throw tooLarge(limit);
}
