/**
 * Async invocation of a function in an FC 2.0 service with `@alicloud/fc2` (API 2016-08-15, path
 * `/services/<service>/functions/<fn>/invocations`, `Authorization: FC <id>:<signature>`) — reference §4.1.
 * Whether a function created with FC 3.0 can be reached this way is unverified (reference §7.1): use it
 * only for functions that live in an FC 2.0 service.
 */
import type FCClientClass from '@alicloud/fc2';
import { credentialsNow, type CredentialsSource } from '../credentials';
import { endpointUrl, type ResolvedEndpoint } from '../dataworks';
import { asyncHeaders, encodePayload, InvocationError, safeMessage, type Invoker } from './invoker';

/** FC 2.0's task id header ("task deduplication", research.md §6) */
const FC2_TASK_ID_HEADER = 'x-fc-stateful-async-invocation-id';

export interface Fc2InvokerOptions {
  accountId: string;
  region: string;
  serviceName: string;
  /** the invocation's STS credentials, or a provider (shared/credentials) */
  credentials: CredentialsSource;
  /** default `https://<accountId>.<region>.fc.aliyuncs.com` */
  endpoint?: ResolvedEndpoint;
  /** per call, default 10 s */
  timeoutMs?: number;
}

/** fc2 puts the HTTP status only in its message ("POST /services/... failed with 429. requestid: ..."). */
function invocationErrorFromFc2(e: unknown): InvocationError {
  const err = (e ?? {}) as { code?: string; message?: string };
  const message = err.message ?? String(e);
  const status = /failed with (\d{3})\./.exec(message)?.[1];
  return new InvocationError({
    action: 'InvokeFunction',
    serviceCode: err.code ?? 'Unknown',
    httpStatus: status === undefined ? undefined : Number(status),
    requestId: /requestid: ([^,\s]+),/.exec(message)?.[1],
    serviceMessage: safeMessage(message),
  });
}

/**
 * `@alicloud/fc2` brings ali-oss, axios and ws with it: it is loaded on first use, so a deployment that fans
 * out through FC 3.0 (or not at all) never loads it at cold start.
 */
function fc2Client(): typeof FCClientClass {
  return require('@alicloud/fc2') as typeof FCClientClass;
}

export function createFc2Invoker(options: Fc2InvokerOptions): Invoker {
  const endpoint = options.endpoint ?? { endpoint: `${options.accountId}.${options.region}.fc.aliyuncs.com`, protocol: 'HTTPS' };

  return {
    async invokeAsync(functionName, payload, asyncOptions) {
      const headers = asyncHeaders(asyncOptions ?? {}, FC2_TASK_ID_HEADER);
      const body = encodePayload(payload);
      const { accessKeyId, accessKeySecret, securityToken } = await credentialsNow(options.credentials);
      // fc2 takes a static key pair, so a client is made per call with the current credentials.
      const FCClient = fc2Client();
      const client = new FCClient(options.accountId, {
        accessKeyID: accessKeyId,
        accessKeySecret,
        securityToken,
        region: options.region,
        endpoint: endpointUrl(endpoint),
        timeout: options.timeoutMs ?? 10_000,
      });
      try {
        const response = await client.invokeFunction(options.serviceName, functionName, body, headers);
        return { requestId: response.headers['x-fc-request-id'] };
      } catch (e) {
        throw invocationErrorFromFc2(e);
      }
    },
  };
}
