/** The Function Compute side: trigger events, the invocation context, configuration, HTTP handling. */
export { decodeEvent } from './decode';
export { runScopeSchema, shardSpecSchema, type RunScope, type ShardSpec } from './run-scope';
export { parseScheduledEvent, type ScheduledRun } from './timer';
export { parseEventBridgeEvent, SUBSCRIBED_EVENT_TYPES, DATAWORKS_SOURCE, type EventTargets, type SkippedEvent, type RejectedEvent } from './eventbridge';
export { readInvocationContext, deadlineMarginMs, DEFAULT_TIMEOUT_SECONDS, type InvocationContext } from './context';
export { loadConfig, ConfigurationError, DEFAULT_SHARD_MIN_ASSETS, type RuntimeConfig, type ShardingPolicy, type LoadConfigOptions } from './config';
export * from './http';
