/**
 * An HTTP trigger's URL (`https://<trigger>.<region>.fcapp.run` in the cloud) as a loopback server in front
 * of one function. With `authType: function` (research.md §1) each request must carry an ACS3-HMAC-SHA256
 * signature in `Authorization`: `x-acs-date` within 15 minutes and signed, `x-acs-security-token` signed
 * for an STS caller, the canonical request of the official signing sample (raw wire path, decoded query,
 * exactly the SignedHeaders given); the body only when the caller sent `x-acs-content-sha256`, which must
 * then match it. A refusal is FC's `{ ErrorCode, ErrorMessage }` (errors.ts). An accepted request becomes
 * the FC 3.0 HTTP event (http-event.ts) and runs synchronously; with `X-Fc-Invocation-Type: Async` it is
 * queued instead (202, no function output). A failed invocation is answered 502 with `x-fc-error-type` and
 * the error (chosen: the docs do not say what a trigger caller sees).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestAuthenticator, type AccessKeyCredential, type SigningRules } from '../auth';
import { listen, readBody, sendJson, splitUrl, type RunningServer } from '../http';
import type { CloudAccount } from '../options';
import { newRequestId } from './context';
import { asServiceError, errorBody, FC_REFUSALS } from './errors';
import type { FunctionSpec } from './functions';
import { bodyTooLarge, httpTriggerEvent, httpTriggerResponse } from './http-event';
import { checkPayloadSize, readInvocationHeaders } from './invoke-request';
import { errorType, type FcRuntime } from './runtime';

/** What the HTTP-trigger gateway demands of a signature: the official sample signs only the date and token. */
export const HTTP_TRIGGER_RULES: SigningRules = {
  requiredSigned: ['x-acs-date'],
  signAllSignable: false,
  bodyHash: 'if-sent',
  // the official samples send ISO 8601 with and without fractions (Node, Python) and RFC 3339 (Go)
  date: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/,
  nonce: false,
  stsKeyIdHeader: false,
};

export type AuthType = 'function' | 'anonymous';

export interface GatewayDeps {
  spec: FunctionSpec;
  runtime: FcRuntime;
  callers: readonly AccessKeyCredential[];
  account: CloudAccount;
  now: () => number;
  authType: AuthType;
  /** the `<trigger>` of `<trigger>.<region>.fcapp.run` */
  triggerId: string;
}

export function newTriggerId(functionName: string): string {
  return `${functionName.toLowerCase().replace(/[^a-z0-9-]/g, '-')}-${randomBytes(5).toString('hex')}`;
}

export function serveGateway(deps: GatewayDeps, host: string, port: number): Promise<RunningServer> {
  const authenticator = new RequestAuthenticator(deps.callers, deps.now, HTTP_TRIGGER_RULES, FC_REFUSALS);

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const body = await readBody(req);
    const requestId = newRequestId(deps.now());
    try {
      const { path, rawQuery } = splitUrl(url);
      // the official sample signs the path with `$` escaped (`pathname.replace('$', '%24')`), which the wire path keeps raw
      const signedPath = path.replace(/\$/g, '%24');
      const caller = deps.authType === 'function' ? authenticator.verify({ method, path: signedPath, rawQuery, headers: req.headers, body }).accessKeyId : undefined;
      const asked = readInvocationHeaders(req.headers, 'x-fc-async-task-id');
      checkPayloadSize(asked.type, body, bodyTooLarge);
      const event = httpTriggerEvent(
        { method, url, httpVersion: req.httpVersion, headers: req.headersDistinct, remoteAddress: req.socket.remoteAddress ?? '', body },
        { requestId, accountId: deps.account.accountId, region: deps.account.region, triggerId: deps.triggerId, now: deps.now() },
      );
      const request = { spec: deps.spec, payload: Buffer.from(JSON.stringify(event)), via: 'http-trigger' as const, caller, requestId, asyncTaskId: asked.asyncTaskId, delaySeconds: asked.delaySeconds };
      if (asked.type === 'Async') {
        deps.runtime.accept(request);
        res.writeHead(202, { 'x-fc-request-id': requestId, 'content-length': 0 });
        res.end();
        return;
      }
      const { attempt } = await deps.runtime.runSync(request);
      if (attempt.outcome !== 'succeeded') {
        const { errorMessage, errorType: type, stackTrace } = attempt.error;
        return sendJson(res, 502, { errorMessage, errorType: type, stackTrace }, { 'x-fc-request-id': requestId, 'x-fc-error-type': errorType(attempt.error) });
      }
      const answer = httpTriggerResponse(attempt.bytes, attempt.json);
      res.writeHead(answer.status, { ...answer.headers, 'x-fc-request-id': requestId, 'content-length': answer.body.length });
      res.end(answer.body);
    } catch (e) {
      const error = asServiceError(e);
      sendJson(res, error.status, errorBody('fc2', error, requestId), { 'x-fc-request-id': requestId });
    }
  }

  return listen(onRequest, host, port);
}
