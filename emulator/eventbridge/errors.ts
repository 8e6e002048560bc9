/**
 * The EventBridge errors the fake answers with. Resource errors use the codes, messages and HTTP 409 of the
 * open-source EventBridge core (apache/rocketmq-eventbridge EventBridgeErrorCode; research.md §3), since
 * the cloud's API pages do not list them; a malformed parameter is 400 as in every POP service. A refused
 * signature is worded as the POP gateway words DataWorks' (refusals.ts), except the two refusals
 * EventBridge's error-code page names its own way: 403 InvalidAccessKeyId and 403 SecurityTokenInvalid.
 */
import type { RefusalErrors } from '../auth';
import { DATAWORKS_REFUSALS } from '../refusals';
import { ServiceError } from '../service-error';

export const EVENTBRIDGE_REFUSALS: RefusalErrors = {
  ...DATAWORKS_REFUSALS,
  'unknown-key': () => new ServiceError(403, 'InvalidAccessKeyId', 'The access Id you provided is not exist.'),
  'token-mismatch': () => new ServiceError(403, 'SecurityTokenInvalid', 'The Security token that your provide is invalid.'),
};

const conflict = (code: string, message: string) => new ServiceError(409, code, message);

export const eventBridgeErrors = {
  busNotExist: (bus: string) => conflict('EventBusNotExist', `The event bus [${bus}] not existed!`),
  busAlreadyExist: (bus: string) => conflict('EventBusAlreadyExist', `The event bus [${bus}] already existed!`),
  busNameInvalid: (bus: string) => conflict('EventBusNameInvalid', `The event bus name [${bus}] is invalid!`),
  busCountExceedLimit: (count: number, limit: number) =>
    conflict('EventBusCountExceedLimit', `The current count of event bus is [${count}], which will exceed the limit quota [${limit}]`),
  ruleNotExist: (rule: string, bus: string) => conflict('EventRuleNotExist', `The event rule [${rule}] of event bus [${bus}] not existed!`),
  ruleAlreadyExist: (rule: string, bus: string) => conflict('EventRuleAlreadyExist', `The event rule [${rule}] of event bus [${bus}] already existed!`),
  ruleNameInvalid: (rule: string) => conflict('EventRuleNameInvalid', `The event rule name [${rule}] is invalid!`),
  ruleCountExceedLimit: (count: number, limit: number) =>
    conflict('EventRuleCountExceedLimit', `The current count of event rule is [${count}], which will exceed the limit quota [${limit}]`),
  limitSizeInvalid: (max: number) => conflict('LimitSizeInvalid', `The limit size of page is invalid, which must greater than 0 and less than [${max}].`),
  nextTokenInvalid: (token: string) => conflict('NextTokenInvalid', `The next token of page is invalid: ${token}.`),
  patternInvalid: (why: string) => new ServiceError(400, 'InvalidParameter.FilterPattern', `The event pattern is invalid! ${why}.`),
  /** the message begins as the SDK's example error does */
  targetInvalid: (parameter: 'EventTargets' | 'Targets', why: string) =>
    new ServiceError(400, `InvalidParameter.${parameter}`, `The target in event rule is invalid! ${why}.`),
};
