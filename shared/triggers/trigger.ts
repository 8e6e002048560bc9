/**
 * What a trigger is: the one module that knows how FC delivers its events and what its function does with
 * them — its name (the label its runs carry), the configuration its function needs, and one invocation from
 * FC event to the function's result. Everything below it (shared/runtime) is the same for every trigger.
 */
import { createLogger, type Logger } from '../log';
import { openInvocation, type ColdStart, type ConfigVariable, type Invocation } from '../runtime';

export interface Trigger<Result = unknown> {
  /** the label of the runs it starts, in reports, log lines and audit records (`trigger`) */
  readonly name: string;
  /** the s.yaml `triggerType` (FC 3.0) that delivers its events */
  readonly fcTriggerType: string;
  /** configuration variables its function cannot run without, checked at cold start */
  readonly requires: readonly ConfigVariable[];
  /**
   * One invocation: parse the event, run the service, shape the result. A failure is the trigger's to
   * answer: an async trigger returns it or throws it for FC to retry, the HTTP trigger answers a status.
   */
  handle(invocation: Invocation, event: unknown): Promise<Result>;
  /**
   * What the function answers when an invocation cannot even be opened: the environment is invalid (the
   * cold start fails, and will on every invocation until it is fixed) or FC's context cannot be read. The
   * failure is logged on `logger` (the cold start's own logger does not exist yet) and answered as the
   * trigger answers any failure — an async trigger returns a configuration error rather than have FC retry
   * it, the HTTP trigger answers a status — never thrown with a stack for FC to print.
   */
  refuseStart(error: unknown, logger: Logger): Result;
}

/**
 * What a function's `handler` does: open the invocation under the trigger's name (`cold` builds or returns
 * the instance's cold start) and let the trigger handle it.
 */
export async function handleInvocation<Result>(trigger: Trigger<Result>, cold: () => ColdStart, event: unknown, context: unknown): Promise<Result> {
  let invocation: Invocation;
  try {
    invocation = openInvocation(cold(), context, trigger.name, Date.now());
  } catch (error) {
    return trigger.refuseStart(error, createLogger().child({ trigger: trigger.name }));
  }
  return trigger.handle(invocation, event);
}
