/** FC entry of the events function: DataWorks events from EventBridge, evaluated for the assets they name. */
import { settleAsyncFailure, runEventTargets, parseEventBridgeEvent, coldStart, openInvocation, perColdStart } from '../../shared/runtime';

const deps = perColdStart(() => coldStart({ env: process.env, baseDir: __dirname }));

export async function handler(event: unknown, context: unknown) {
  const invocation = openInvocation(deps(), context, 'event', Date.now());
  try {
    return await runEventTargets(invocation, parseEventBridgeEvent(event));
  } catch (error) {
    return settleAsyncFailure(invocation, error);
  }
}
