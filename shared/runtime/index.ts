/**
 * The Function Compute plumbing every trigger shares: configuration, the invocation context, what lives per
 * cold start and per invocation, the bundled rule sets, and decoding an FC event. What a trigger's event
 * means and what its function does is shared/triggers.
 */
export { decodeEvent } from './decode';
export { readInvocationContext, deadlineMarginMs, DEFAULT_TIMEOUT_SECONDS, type InvocationContext } from './context';
export { loadConfig, readSharedSettings, DEFAULT_SHARD_MIN_ASSETS, type RuntimeConfig, type LoadConfigOptions, type ConfigVariable, type SharedSettings } from './config';
export { createRuleSetCatalog, parseInlineRuleSet, DEFAULT_RULE_SET, type RuleSetCatalog, type RuleSetSummary } from './rule-sets';
export { coldStart, perColdStart, openInvocation, type ColdStart, type ColdStartOptions, type Invocation, type EngineDeps } from './invocation';
export { boundHeapGrowth, heapGrowthFlag, HEAP_GROWING_PERCENT } from './heap';
export { outcomeOfFailure, outcomeOfReport, runNotified, runNotifier, type RunNotifier, type RunNotifierOptions } from './notifications';
