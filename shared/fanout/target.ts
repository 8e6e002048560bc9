/** The invoker a configured fan-out target needs: FC 3.0 functions by name, FC 2.0 by service and name. */
import type { CredentialsSource } from '../credentials';
import type { ResolvedEndpoint } from '../dataworks';
import { createFc2Invoker } from './fc2';
import { createFc3Invoker } from './fc3';
import type { InvokeTarget, Invoker } from './invoker';

export interface InvokerEnvironment {
  accountId: string;
  region: string;
  credentials: CredentialsSource;
  endpoint?: ResolvedEndpoint;
}

export function invokerFor(target: InvokeTarget, env: InvokerEnvironment): Invoker {
  return target.api === 'fc3' ? createFc3Invoker(env) : createFc2Invoker({ ...env, serviceName: target.serviceName });
}
