/** FC entry of the scheduled function: full runs fired by the timer, and the shards they fan out to. */
import { settleAsyncFailure, coldStart, openInvocation, perColdStart, runScheduled, parseScheduledEvent } from '../../shared/runtime';

const deps = perColdStart(() => coldStart({ env: process.env, baseDir: __dirname }));

export async function handler(event: unknown, context: unknown) {
  const invocation = openInvocation(deps(), context, 'timer', Date.now());
  try {
    return await runScheduled(invocation, parseScheduledEvent(event));
  } catch (error) {
    return settleAsyncFailure(invocation, error);
  }
}
