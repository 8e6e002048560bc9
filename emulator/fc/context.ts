/**
 * What FC gives a function besides the event (reference function-compute §1.2, §3.4): the per-invocation
 * `context` (requestId; the role's STS triple as `credentials`; function name, handler, memory, timeout;
 * service fields; region; accountId — the instance adds `logger`) and the instance's environment: FC's own
 * variables, the role's triple as `ALIBABA_CLOUD_*`, then the function's variables. Nothing of the
 * stand-in's own process environment reaches a function, as nothing of FC's host does in the cloud.
 * Chosen where the docs are silent: a function without a role gets empty credential fields (the shape
 * stays; shared/credentials reads an empty key id as "no credentials"); request ids look like FC 3.0's
 * `1-<8 hex seconds>-<24 hex>`.
 */
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import type { CloudAccount } from '../options';
import type { FunctionSpec } from './functions';

/** The context as it crosses to the instance: plain data (the instance adds `logger`). */
export interface InvocationContextData {
  requestId: string;
  credentials: { accessKeyId: string; accessKeySecret: string; securityToken: string };
  function: { name: string; handler: string; memory: number; timeout: number };
  service: { logProject: string; logStore: string; qualifier: string; versionId: string };
  region: string;
  accountId: string;
}

export function newRequestId(now: number): string {
  return `1-${Math.floor(now / 1000).toString(16).padStart(8, '0')}-${randomBytes(12).toString('hex')}`;
}

export function invocationContext(spec: FunctionSpec, account: CloudAccount, requestId: string): InvocationContextData {
  const role = spec.role;
  return {
    requestId,
    credentials: { accessKeyId: role?.accessKeyId ?? '', accessKeySecret: role?.accessKeySecret ?? '', securityToken: role?.securityToken ?? '' },
    function: { name: spec.name, handler: `index.${spec.handler}`, memory: spec.memory, timeout: spec.timeout },
    service: { logProject: '', logStore: '', qualifier: 'LATEST', versionId: '' },
    region: account.region,
    accountId: account.accountId,
  };
}

export function instanceEnvironment(spec: FunctionSpec, account: CloudAccount, instanceId: string): Record<string, string> {
  const role = spec.role;
  return {
    FC_ACCOUNT_ID: account.accountId,
    FC_REGION: account.region,
    FC_FUNCTION_NAME: spec.name,
    FC_FUNCTION_HANDLER: `index.${spec.handler}`,
    FC_FUNCTION_MEMORY_SIZE: String(spec.memory),
    FC_INSTANCE_ID: instanceId,
    FC_FUNC_CODE_PATH: dirname(spec.bundle),
    ...(role && {
      ALIBABA_CLOUD_ACCESS_KEY_ID: role.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: role.accessKeySecret,
      ...(role.securityToken && { ALIBABA_CLOUD_SECURITY_TOKEN: role.securityToken }),
    }),
    ...spec.env,
  };
}
