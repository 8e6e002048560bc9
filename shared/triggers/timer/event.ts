/**
 * The scheduled function's event: a timer trigger's `{triggerTime, triggerName, payload}` whose `payload`
 * is a JSON string inside the JSON (reference, function-compute §2.1), a continuation `{continuation: {scope,
 * cursor}}` (the next piece of a run past its time budget, which only the function queues, of itself), or a
 * direct invocation whose body is the run scope itself (a fan-out shard, `s invoke`, the console's test button).
 */
import { z } from 'zod';
import { cursorSchema, type Cursor } from '../../engine';
import { InvalidInputError, toInputIssues } from '../../errors';
import { decodeEvent } from '../../runtime';
import { runScopeSchema, type RunScope } from '../../fanout';

/** FC writes this envelope; fields it may add later are ignored, not rejected. */
const timerEnvelopeSchema = z.object({
  triggerTime: z.string().min(1),
  triggerName: z.string().min(1),
  payload: z.string().optional(),
});

/** Our own payload, so as strict as the scope: the cursor is checked whole here, and against the run by the engine. */
const continuationSchema = z.strictObject({ continuation: z.strictObject({ scope: z.unknown(), cursor: cursorSchema }) });

export interface ScheduledRun {
  /** `timer`: fired by the timer trigger; `invoke`: called directly with a scope (fan-out, manual); `continuation`: a run's next piece */
  via: 'timer' | 'invoke' | 'continuation';
  triggerName?: string;
  triggerTime?: string;
  scope: RunScope;
  /** a continuation's cursor: where the run stopped */
  resume?: Cursor;
}

/** The event of a run's next piece: the run's scope and the cursor it resumes from. */
export function continuationEvent(scope: RunScope, cursor: Cursor): { continuation: { scope: RunScope; cursor: Cursor } } {
  return { continuation: { scope, cursor } };
}

const SUBJECT = 'scheduled event';

function parseScope(value: unknown, prefix?: string): RunScope {
  const parsed = runScopeSchema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error, prefix), SUBJECT);
  return parsed.data;
}

/** The timer payload: empty or absent = a full run with the default rule set. */
function parsePayload(payload: string | undefined): RunScope {
  if (payload === undefined || payload.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch (e) {
    throw new InvalidInputError([{ field: 'payload', message: `the trigger payload is not JSON (${(e as Error).message}); write e.g. {"ruleSet":"default"}` }], SUBJECT);
  }
  return parseScope(value, 'payload');
}

function parseContinuation(value: unknown): ScheduledRun {
  const parsed = continuationSchema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error), SUBJECT);
  const { scope, cursor } = parsed.data.continuation;
  return { via: 'continuation', scope: parseScope(scope, 'continuation.scope'), resume: cursor };
}

export function parseScheduledEvent(event: unknown): ScheduledRun {
  const value = decodeEvent(event, SUBJECT);
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isObject && 'continuation' in value) return parseContinuation(value);
  const isTimer = isObject && ('triggerName' in value || 'triggerTime' in value);
  if (!isTimer) return { via: 'invoke', scope: parseScope(value) };
  const envelope = timerEnvelopeSchema.safeParse(value);
  if (!envelope.success) throw new InvalidInputError(toInputIssues(envelope.error), SUBJECT);
  const { triggerName, triggerTime, payload } = envelope.data;
  return { via: 'timer', triggerName, triggerTime, scope: parsePayload(payload) };
}
