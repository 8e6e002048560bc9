/**
 * EventBridge's rule and target as the 2020-04-01 API writes and reads them (research.md §3; SDK models
 * CreateRuleRequestEventTargets, GetRuleResponseBodyData): the fields autotag sets, checked loosely on the
 * way back in (the service may add fields and defaults).
 */
import { z } from 'zod';

const paramSchema = z.looseObject({ ResourceKey: z.string(), Form: z.string(), Value: z.string().optional(), Template: z.string().optional() });

const eventTargetSchema = z.looseObject({
  Id: z.string(),
  Type: z.string(),
  Endpoint: z.string().optional(),
  PushRetryStrategy: z.string().optional(),
  ParamList: z.array(paramSchema).default([]),
});

export type EventTarget = z.input<typeof eventTargetSchema>;
export type EventTargetParam = z.output<typeof paramSchema>;

export const ruleSchema = z.looseObject({
  RuleName: z.string(),
  EventBusName: z.string(),
  FilterPattern: z.string(),
  Status: z.string(),
  Description: z.string().optional(),
  RuleARN: z.string().optional(),
  Targets: z.array(eventTargetSchema).default([]),
});

export type EventRule = z.output<typeof ruleSchema>;
