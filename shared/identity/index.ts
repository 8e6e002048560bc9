/**
 * Who a run acts as: STS GetCallerIdentity for the credentials it signs with, the endpoint it is asked at, and
 * the resolver that asks once and keeps the answer (the `actor` of audit records).
 */
export { createActorResolver, type ActorOptions } from './actor';
export { stsEndpoint } from './endpoint';
export { getCallerIdentity, STS_VERSION, type CallerIdentity } from './sts';
