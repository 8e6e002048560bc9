/**
 * STS GetCallerIdentity (2015-04-01): who a set of credentials is, as the official SDK
 * (`@alicloud/sts20150401`) asks — `@alicloud/openapi-client` callApi, RPC, POST `/`, no parameters. The SDK pins
 * the older V2 signature; we sign ACS3-HMAC-SHA256 like every other call autotag makes, which the V3 signature
 * page says replaces V2 for every product of the OpenAPI portal. The action needs no RAM permission. Answers are
 * checked; a failure is an IdentityError with the service's code and request id (never the request).
 */
import OpenApi, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import { RuntimeOptions } from '@alicloud/tea-util';
import { z } from 'zod';
import { credentialsNow, type CredentialsSource } from '../credentials';
import type { ResolvedEndpoint } from '../dataworks';
import { ApiError, isAutotagError } from '../errors';
import { redactAndClip } from '../log';

export const STS_VERSION = '2015-04-01';
const ACTION = 'GetCallerIdentity';

/** The identity behind a set of credentials, as STS names it. */
export interface CallerIdentity {
  /** `acs:ram::<account>:user/<name>`, `acs:ram::<account>:assumed-role/<role>/<session>`, `acs:ram::<account>:root` */
  arn: string;
  accountId: string;
  /** `Account`, `RAMUser` or `AssumedRoleUser` */
  identityType: string;
  principalId?: string;
}

/** STS refused or failed the call; nothing retries it (the run goes on without the identity). */
export class IdentityError extends ApiError {
  readonly code = 'STS_CALL_FAILED';
  readonly retryable = false;
}

const answerSchema = z.looseObject({
  Arn: z.string().min(1),
  AccountId: z.string().min(1),
  IdentityType: z.string().min(1),
  PrincipalId: z.string().optional(),
  RequestId: z.string().optional(),
});

interface SdkError {
  code?: string;
  message?: string;
  data?: { statusCode?: number; RequestId?: string; Message?: string };
}

export async function getCallerIdentity(options: { credentials: CredentialsSource; endpoint: ResolvedEndpoint; timeoutMs: number }): Promise<CallerIdentity> {
  const { endpoint, timeoutMs } = options;
  const failed = (serviceCode: string, details: { httpStatus?: number; requestId?: string; serviceMessage?: string } = {}) =>
    new IdentityError({ action: ACTION, serviceCode, ...details });
  let body: unknown;
  try {
    const credentials = await credentialsNow(options.credentials);
    const sdk = new OpenApi(new Config({ ...credentials, endpoint: endpoint.endpoint, protocol: endpoint.protocol, regionId: endpoint.regionId }));
    const params = new Params({ action: ACTION, version: STS_VERSION, protocol: endpoint.protocol, pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
    const runtime = new RuntimeOptions({ autoretry: false, readTimeout: timeoutMs, connectTimeout: timeoutMs });
    body = (await sdk.callApi(params, new OpenApiRequest({}), runtime)).body;
  } catch (e) {
    if (isAutotagError(e)) throw e;
    const err = (e ?? {}) as SdkError;
    throw failed(err.code ?? 'Unknown', { httpStatus: err.data?.statusCode, requestId: err.data?.RequestId, serviceMessage: redactAndClip(err.data?.Message ?? err.message ?? '', 300) });
  }
  const answer = answerSchema.safeParse(body);
  if (!answer.success) throw failed('UnexpectedResponse', { httpStatus: 200, serviceMessage: 'the answer has no Arn, AccountId or IdentityType' });
  const { Arn, AccountId, IdentityType, PrincipalId } = answer.data;
  return { arn: Arn, accountId: AccountId, identityType: IdentityType, ...(PrincipalId && { principalId: PrincipalId }) };
}
