/**
 * The one place autotag talks to DataWorks. Every call goes through the function `createTransport`
 * returns, which refuses DeleteDataAssetTag before anything else, sends the call through
 * `@alicloud/openapi-client`'s callApi in the generated SDK's RPC layout (path `/`, version 2024-05-18,
 * parameters in the query, ACS3-HMAC-SHA256 signature), and turns every failure into a shared/errors class.
 * The SDK client is built once per transport; it never retries (the caller does, with backoff and a limiter).
 */
import OpenApiClient, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import Credential from '@alicloud/credentials';
import { RuntimeOptions } from '@alicloud/tea-util';
import { ForbiddenActionError } from '../errors';
import { credentialsNow, protectCredentials, type CredentialsSource } from '../credentials';
import { toApiError } from './api-errors';
import type { ResolvedEndpoint } from './endpoint';
import { releaseReadTimers } from './read-timers';
import { API_VERSION } from './types';

/** The action autotag must never call; every action shares the path `/`, so the guard keys on the name. */
const NEVER_CALLED = 'DeleteDataAssetTag';

/** One call as it goes on the wire (built by the action table): parameters in the query, or a form body. */
export interface WireCall {
  /** any name but DeleteDataAssetTag: the guard below is the last word, whatever built the call */
  action: string;
  method: 'GET' | 'POST';
  query: Record<string, string>;
  /** form fields (ListTasks, like the SDK, POSTs its parameters as a form) */
  form?: Record<string, string>;
}

export interface WireResponse {
  body: Record<string, unknown>;
  statusCode: number;
}

export type Transport = (call: WireCall) => Promise<WireResponse>;

export interface TransportOptions {
  credentials: CredentialsSource;
  endpoint: ResolvedEndpoint;
  /** per request, for connecting and for the response: a lost answer becomes a retryable timeout */
  timeoutMs: number;
}

export function createTransport(options: TransportOptions): Transport {
  releaseReadTimers();
  const sdk = new OpenApiClient(
    new Config({
      credential: credentialFrom(options.credentials),
      endpoint: options.endpoint.endpoint,
      protocol: options.endpoint.protocol,
      regionId: options.endpoint.regionId,
      readTimeout: options.timeoutMs,
      connectTimeout: options.timeoutMs,
    }),
  );
  const runtime = new RuntimeOptions({ autoretry: false });

  return async function send(call: WireCall): Promise<WireResponse> {
    if (String(call.action).trim().toLowerCase() === NEVER_CALLED.toLowerCase()) throw new ForbiddenActionError(NEVER_CALLED);
    const params = new Params({
      action: call.action,
      version: API_VERSION,
      protocol: options.endpoint.protocol,
      pathname: '/',
      method: call.method,
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    const request = new OpenApiRequest(call.form ? { query: call.query, body: call.form } : { query: call.query });
    try {
      const response = await sdk.callApi(params, request, runtime);
      return { body: response.body as Record<string, unknown>, statusCode: Number(response.statusCode) };
    } catch (error) {
      throw toApiError(call.action, error);
    }
  };
}

/**
 * An `@alicloud/credentials` Credential over our source, asked on every request so a provider can rotate
 * STS tokens; whatever it yields is registered for redaction first.
 */
function credentialFrom(source: CredentialsSource): Credential {
  if (typeof source !== 'function') protectCredentials(source);
  return new Credential(null, {
    getProviderName: () => 'autotag',
    getCredentials: async () => {
      const { accessKeyId, accessKeySecret, securityToken } = protectCredentials(await credentialsNow(source));
      return { accessKeyId, accessKeySecret, securityToken: securityToken ?? '', providerName: '' };
    },
  });
}
