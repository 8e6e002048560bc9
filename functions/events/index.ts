/** FC entry of the events function: DataWorks events from EventBridge, evaluated for the assets they name. */
import { coldStart, perColdStart } from '../../shared/runtime';
import { eventbridge, handleInvocation } from '../../shared/triggers';

const deps = perColdStart(() => coldStart({ env: process.env, baseDir: __dirname, require: eventbridge.requires }));

export async function handler(event: unknown, context: unknown) {
  return handleInvocation(eventbridge, deps, event, context);
}
