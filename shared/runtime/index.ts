/** The Function Compute side: trigger events, the invocation context, configuration, HTTP handling. */
export { decodeEvent } from './decode';
export { parseScheduledEvent, type ScheduledRun } from './timer';
export { parseEventBridgeEvent, SUBSCRIBED_EVENT_TYPES, DATAWORKS_SOURCE, type EventTargets, type SkippedEvent, type RejectedEvent } from './eventbridge';
export { readInvocationContext, deadlineMarginMs, DEFAULT_TIMEOUT_SECONDS, type InvocationContext } from './context';
export { loadConfig, DEFAULT_SHARD_MIN_ASSETS, type RuntimeConfig, type LoadConfigOptions } from './config';
export * from './http';
export { createRuleSetCatalog, parseInlineRuleSet, DEFAULT_RULE_SET, type RuleSetCatalog, type RuleSetSummary } from './rule-sets';
export { coldStart, perColdStart, openInvocation, type ColdStart, type ColdStartOptions, type Invocation, type EngineDeps, type Trigger } from './invocation';
export { RunIncompleteError, requireComplete, settleAsyncFailure, type AsyncFailure } from './async-failures';
export { runScheduled, type ScheduledOutcome } from './scheduled-run';
export { runEventTargets, type EventOutcome } from './event-run';
export { serveHttp } from './http-run';
