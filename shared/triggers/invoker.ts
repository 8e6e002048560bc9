/**
 * The async invoker a trigger uses to start another invocation (the timer's shards, the events function's
 * late assets): for a configured target function in this invocation's own account and region, signed with
 * this invocation's credentials, through the FC API the target names (shared/fanout).
 */
import { ConfigurationError } from '../errors';
import { invokerFor, type InvokeTarget, type Invoker } from '../fanout';
import type { Invocation } from '../runtime';

/** `purpose` says what needs it, in the error when FC's account id or region is unknown (outside FC). */
export function invokerOf(invocation: Invocation, target: InvokeTarget, purpose: string): Invoker {
  const { accountId, region } = invocation.context;
  if (!accountId || !region) {
    throw new ConfigurationError([{ field: 'FC_ACCOUNT_ID', message: `${purpose} needs the account id and region of ${target.functionName} (FC sets both; outside FC set FC_ACCOUNT_ID and FC_REGION)` }]);
  }
  return invokerFor(target, { accountId, region, credentials: invocation.credentials, endpoint: invocation.config.fcEndpoint });
}
