/** FC entry of the scheduled function: full runs fired by the timer, and the shards they fan out to. */
import { coldStart, perColdStart } from '../../shared/runtime';
import { handleInvocation, timer } from '../../shared/triggers';

const deps = perColdStart(() => coldStart({ env: process.env, baseDir: __dirname, require: timer.requires }));

export async function handler(event: unknown, context: unknown) {
  return handleInvocation(timer, deps, event, context);
}
