/** FC entry of the HTTP function: POST /runs, GET /rules, GET /healthz, behind the trigger's signature check (authType: function). */
import { coldStart, perColdStart } from '../../shared/runtime';
import { handleInvocation, http } from '../../shared/triggers';

const deps = perColdStart(() => coldStart({ env: process.env, baseDir: __dirname, require: http.requires }));

/** The event is parsed by the router, so a malformed request is answered (400), and a bad environment too (500), never thrown. */
export async function handler(event: unknown, context: unknown) {
  return handleInvocation(http, deps, event, context);
}
