/**
 * Async invocation through the FC 3.0 API, `POST /2023-03-30/functions/{name}/invocations` with
 * `x-fc-invocation-type: Async`, signed ACS3-HMAC-SHA256 by `@alicloud/openapi-client` (ROA style, the same
 * call the generated `@alicloud/fc20230330` client makes, without that package) — reference §4.2.
 */
import { Readable } from 'node:stream';
import OpenApi, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import { RuntimeOptions } from '@alicloud/tea-util';
import { credentialsNow, type CredentialsSource } from '../credentials';
import type { ResolvedEndpoint } from '../dataworks';
import { asyncHeaders, encodePayload, InvocationError, safeMessage, type Invoker } from './invoker';

export const FC3_API_VERSION = '2023-03-30';
/** InvokeFunctionHeaders.xFcAsyncTaskId of `@alicloud/fc20230330` (research.md §6) */
const FC3_TASK_ID_HEADER = 'x-fc-async-task-id';

export interface Fc3InvokerOptions {
  accountId: string;
  region: string;
  /** the invocation's STS credentials, or a provider (shared/credentials) */
  credentials: CredentialsSource;
  /** default `https://<accountId>.<region>.fc.aliyuncs.com` */
  endpoint?: ResolvedEndpoint;
  /** per call, default 10 s (queueing an async call is quick) */
  timeoutMs?: number;
}

/** The SDK's errors: `code` is the service's Code, `data` the parsed error body plus the HTTP status. */
interface SdkError {
  code?: string;
  message?: string;
  data?: { statusCode?: number; RequestId?: string; requestId?: string; Message?: string; message?: string };
}

function invocationErrorFromSdk(e: unknown): InvocationError {
  const err = (e ?? {}) as SdkError;
  return new InvocationError({
    action: 'InvokeFunction',
    serviceCode: err.code ?? 'Unknown',
    httpStatus: err.data?.statusCode,
    requestId: err.data?.RequestId ?? err.data?.requestId,
    serviceMessage: safeMessage(err.data?.Message ?? err.data?.message ?? err.message),
  });
}

export function createFc3Invoker(options: Fc3InvokerOptions): Invoker {
  const endpoint = options.endpoint ?? { endpoint: `${options.accountId}.${options.region}.fc.aliyuncs.com`, protocol: 'HTTPS' };
  const timeout = options.timeoutMs ?? 10_000;
  // Retries are the caller's decision (InvocationError.retryable), never the SDK's.
  const runtime = new RuntimeOptions({ autoretry: false, readTimeout: timeout, connectTimeout: timeout });

  return {
    async invokeAsync(functionName, payload, asyncOptions) {
      const headers = asyncHeaders(asyncOptions ?? {}, FC3_TASK_ID_HEADER);
      const body = encodePayload(payload);
      const { accessKeyId, accessKeySecret, securityToken } = await credentialsNow(options.credentials);
      // One client per call: fan-out makes a handful of calls, and each is signed with current credentials.
      const client = new OpenApi(new Config({ accessKeyId, accessKeySecret, securityToken, endpoint: endpoint.endpoint, protocol: endpoint.protocol, regionId: options.region }));
      const params = new Params({
        action: 'InvokeFunction',
        version: FC3_API_VERSION,
        protocol: endpoint.protocol,
        pathname: `/${FC3_API_VERSION}/functions/${encodeURIComponent(functionName)}/invocations`,
        method: 'POST',
        authType: 'AK',
        style: 'ROA',
        reqBodyType: 'binary',
        bodyType: 'string',
      });
      const request = new OpenApiRequest({ headers, stream: Readable.from([body]) });
      try {
        const response = await client.callApi(params, request, runtime);
        const headers = (response.headers ?? {}) as Record<string, string | undefined>;
        return { requestId: headers['x-fc-request-id'] };
      } catch (e) {
        throw invocationErrorFromSdk(e);
      }
    },
  };
}
