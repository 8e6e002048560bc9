/**
 * FC 3.0 InvokeFunction: `POST /2023-03-30/functions/{functionName}/invocations[?qualifier=LATEST]`, ROA,
 * signed ACS3-HMAC-SHA256 by @alicloud/openapi-client exactly as a DataWorks call is (OpenAPI V3 rules:
 * every `x-acs-*` header, the body hash and a nonce; emulator/auth.ts), errors `{ Code, Message, RequestId }`.
 * Only LATEST exists here (no versions or aliases).
 */
import { OPENAPI_V3_RULES, RequestAuthenticator, type AccessKeyCredential } from '../auth';
import { decodeSegment, queryPairs, type ApiRoute } from './api-route';
import { FC_REFUSALS, fcError } from './errors';

const PATH = /^\/2023-03-30\/functions\/([^/]+)\/invocations$/;

export function fc3Route(callers: readonly AccessKeyCredential[], now: () => number): ApiRoute {
  const authenticator = new RequestAuthenticator(callers, now, OPENAPI_V3_RULES, FC_REFUSALS);
  return {
    via: 'fc3-api',
    style: 'fc3',
    taskIdHeader: 'x-fc-async-task-id',
    owns: (path) => PATH.test(path),
    authenticate: (request) => authenticator.verify(request).accessKeyId,
    resolve(path, rawQuery, registry) {
      const name = decodeSegment(PATH.exec(path)![1]);
      const spec = registry.get(name);
      if (!spec) throw fcError.functionNotFound(name);
      const qualifier = queryPairs(rawQuery).find(([k]) => k === 'qualifier')?.[1];
      if (qualifier !== undefined && qualifier !== 'LATEST') throw fcError.aliasNotFound(qualifier, `function '${name}'`);
      return spec;
    },
  };
}
