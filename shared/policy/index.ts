/** The RAM policy a rule set needs. */
export { connectEventsStatement, ramPolicy, requiredActions, DEFAULT_FAN_OUT_RESOURCE, type RamPolicy, type RamPolicyOptions, type RamStatement, type RequiredAction } from './ram';
