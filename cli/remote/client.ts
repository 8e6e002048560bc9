/**
 * The HTTP function as `autotag remote` calls it: one request per command to the trigger URL, signed with
 * the caller's credentials (asked of the default chain for each request, so rotating STS tokens stay
 * current; sign.ts). What comes back is checked before it is used: a run report (200, or 409 when the
 * blast-radius guard stopped the run, which is a report too), the bundled rule sets, or an error. A 400
 * from the function is the input error it describes, re-raised as one (exit 2, the issues shown as a local
 * run shows them); anything else is a RemoteCallError with the status, the error code FC's gateway or the
 * function gave, and what to check.
 */
import { z } from 'zod';
import type { Clock } from '../../shared/clock';
import type { Credentials } from '../../shared/credentials';
import type { RunReport } from '../../shared/engine';
import { AutotagError, InvalidInputError, type InputIssue } from '../../shared/errors';
import { endpointUrl, resolveEndpoint } from '../../shared/dataworks';
import { ROUTE_PATHS, type HttpRunRequest } from '../../shared/triggers';
import { signTriggerRequest } from './sign';

/** What the caller sends to POST /runs (the function's run-request body). */
export type RemoteRunRequest = Omit<HttpRunRequest, 'rules'> & { rules?: string };

export interface RemoteOptions {
  /** the trigger URL, `https://<trigger>.<region>.fcapp.run` (http:// only for loopback) */
  url: string;
  credentials: () => Promise<Credentials>;
  clock: Clock;
  timeoutMs: number;
}

/** The trigger or the function refused or failed the request. */
export class RemoteCallError extends AutotagError {
  readonly code = 'REMOTE_CALL_FAILED';
  constructor(
    readonly status: number | undefined,
    readonly errorCode: string,
    detail: string,
    readonly requestId?: string,
  ) {
    super(`${status === undefined ? 'no answer' : `HTTP ${status}`} ${errorCode}: ${detail}${requestId ? ` [request ${requestId}]` : ''}${hintOf(status)}`);
  }
  override toJSON() {
    return { ...super.toJSON(), status: this.status, errorCode: this.errorCode, requestId: this.requestId };
  }
}

function hintOf(status: number | undefined): string {
  if (status === 403)
    return '\nFC refused the signed request: check the credentials of the default chain (ALIBABA_CLOUD_ACCESS_KEY_ID, ...) and that their RAM identity is allowed fc:InvokeFunction on the function.';
  if (status === 502) return "\nThe function's own RAM role was refused by DataWorks, or the function failed: see the message and the function's log.";
  if (status === 503) return '\nThrottled, a transient error or out of time: every run is idempotent, retry it later.';
  return '';
}

const reportSchema = z
  .looseObject({
    runId: z.string(),
    status: z.enum(['ok', 'partial', 'blocked', 'deadline']),
    plan: z.looseObject({ assetsScanned: z.record(z.string(), z.number()), plannedWrites: z.number() }),
    result: z.looseObject({ applied: z.number(), failed: z.number() }),
    api: z.looseObject({ calls: z.record(z.string(), z.number()) }),
  })
  .transform((r) => r as unknown as RunReport);

const ruleSetsSchema = z.strictObject({
  formatVersion: z.number().optional(),
  ruleSets: z.array(z.looseObject({ name: z.string(), file: z.string(), title: z.string().optional(), rules: z.array(z.looseObject({ id: z.string() })), lint: z.array(z.unknown()) })),
});
export type RemoteRuleSets = z.output<typeof ruleSetsSchema>['ruleSets'];

const functionErrorSchema = z.looseObject({
  error: z.looseObject({ code: z.string(), message: z.string(), subject: z.string().optional(), issues: z.array(z.looseObject({ field: z.string(), message: z.string() })).optional() }),
  requestId: z.string().optional(),
});
const gatewayErrorSchema = z.looseObject({ ErrorCode: z.string(), ErrorMessage: z.string() });

/** The trigger URL as an origin, refused before any call when it is not one (https, or http on loopback). */
function triggerOrigin(url: string): string {
  try {
    return endpointUrl(resolveEndpoint({ endpoint: url, env: {} }));
  } catch (e) {
    if (!(e instanceof InvalidInputError)) throw e;
    throw new InvalidInputError(e.issues.map((i) => ({ ...i, field: '--url' })), 'trigger URL');
  }
}

function refusal(status: number, body: unknown, requestId: string | undefined): Error {
  const fromFunction = functionErrorSchema.safeParse(body);
  if (fromFunction.success) {
    const { code, message, subject, issues } = fromFunction.data.error;
    if (status === 400 && code === 'INVALID_INPUT' && issues) return new InvalidInputError(issues as InputIssue[], `${subject ?? 'request'} (answered by the function)`);
    return new RemoteCallError(status, code, message, fromFunction.data.requestId ?? requestId);
  }
  const fromGateway = gatewayErrorSchema.safeParse(body);
  if (fromGateway.success) return new RemoteCallError(status, fromGateway.data.ErrorCode, fromGateway.data.ErrorMessage, requestId);
  return new RemoteCallError(status, 'UnexpectedAnswer', 'the answer is not JSON autotag knows', requestId);
}

export function remoteClient(options: RemoteOptions) {
  const origin = triggerOrigin(options.url);

  async function call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const url = `${origin}${path}`;
    const credentials = await options.credentials();
    const headers = { ...signTriggerRequest({ method, url, credentials, date: new Date(options.clock.now()).toISOString() }), ...(body !== undefined && { 'content-type': 'application/json' }) };
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause;
      throw new RemoteCallError(undefined, cause?.code ?? (e as Error).name, `could not reach ${origin}: ${(e as Error).message}`);
    }
    const requestId = response.headers.get('x-fc-request-id') ?? undefined;
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new RemoteCallError(response.status, 'UnexpectedAnswer', `the answer is not JSON (${text.slice(0, 120)})`, requestId);
    }
    // a run the guard blocked is answered 409 with its report
    if (response.status !== 200 && !(response.status === 409 && reportSchema.safeParse(json).success)) throw refusal(response.status, json, requestId);
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new RemoteCallError(response.status, 'UnexpectedAnswer', `the answer is not what ${method} ${path} returns`, requestId);
    return parsed.data;
  }

  return {
    run: (request: RemoteRunRequest): Promise<RunReport> => call('POST', ROUTE_PATHS.runs, reportSchema, request),
    ruleSets: async (): Promise<RemoteRuleSets> => (await call('GET', ROUTE_PATHS.rules, ruleSetsSchema)).ruleSets,
  };
}
