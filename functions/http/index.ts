/** FC entry of the HTTP function: POST /runs, GET /rules, GET /healthz behind a bearer token. */
import { serveHttp, coldStart, openInvocation, perColdStart } from '../../shared/runtime';

const deps = perColdStart(() => coldStart({ env: process.env, baseDir: __dirname, require: ['AUTOTAG_HTTP_TOKEN'] }));

/** The event is parsed by the router, so a malformed request is answered (400), never thrown. */
export async function handler(event: unknown, context: unknown) {
  return serveHttp(openInvocation(deps(), context, 'http', Date.now()), event);
}
