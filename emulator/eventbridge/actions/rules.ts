/**
 * Event rules: CreateRule (on an existing bus; at most 50 per bus; FilterPattern required and compiled by
 * pattern.ts; EventTargets optional, each checked as an FC target, any bad one refusing the whole call),
 * UpdateRule (FilterPattern required, as the SDK's model marks it; Status and Description when given; the
 * targets stay), GetRule and ListRules (RuleNamePrefix, paged). Status ENABLE (default) or DISABLE: a
 * disabled rule delivers nothing.
 */
import { z } from 'zod';
import { parseParams } from '../../params';
import { eventBridgeErrors } from '../errors';
import { compilePattern, PatternError, type CompiledPattern } from '../pattern';
import type { TargetRecord } from '../store';
import { TargetError } from '../targets';
import { existingBus } from './buses';
import { pageOf, pagingParams, validName, type ActionSpec } from './context';
import { existingRule, MAX_TARGETS_PER_RULE, targetList, targetRecord } from './event-targets';
import { ruleSummary, ruleView } from './views';

const MAX_RULES_PER_BUS = 50;

const createSchema = z
  .object({
    EventBusName: z.string().min(1),
    RuleName: z.string().min(1),
    FilterPattern: z.string(),
    Status: z.enum(['ENABLE', 'DISABLE']).optional(),
    Description: z.string().optional(),
    EventTargets: targetList.optional(),
  })
  .strict();

function compiled(text: string): CompiledPattern {
  try {
    return compilePattern(text);
  } catch (err) {
    if (err instanceof PatternError) throw eventBridgeErrors.patternInvalid(err.message);
    throw err;
  }
}

export const createRule: ActionSpec = {
  handle(ctx) {
    const p = parseParams(createSchema, ctx.params);
    const bus = existingBus(ctx, p.EventBusName);
    if (!validName(p.RuleName)) throw eventBridgeErrors.ruleNameInvalid(p.RuleName);
    if (bus.rules.has(p.RuleName)) throw eventBridgeErrors.ruleAlreadyExist(p.RuleName, bus.name);
    if (bus.rules.size >= MAX_RULES_PER_BUS) throw eventBridgeErrors.ruleCountExceedLimit(bus.rules.size, MAX_RULES_PER_BUS);
    const pattern = compiled(p.FilterPattern);
    const wanted = p.EventTargets ?? [];
    if (wanted.length > MAX_TARGETS_PER_RULE) throw eventBridgeErrors.targetInvalid('EventTargets', `a rule has at most ${MAX_TARGETS_PER_RULE} targets, not ${wanted.length}`);
    const targets = new Map<string, TargetRecord>();
    for (const target of wanted) {
      if (targets.has(target.Id)) throw eventBridgeErrors.targetInvalid('EventTargets', `the target Id ${target.Id} is given twice`);
      try {
        targets.set(target.Id, targetRecord(ctx.store, target));
      } catch (err) {
        if (err instanceof TargetError) throw eventBridgeErrors.targetInvalid('EventTargets', `${target.Id}: ${err.message}`);
        throw err;
      }
    }
    ctx.store.addRule(bus, {
      name: p.RuleName,
      busName: bus.name,
      ...(p.Description !== undefined && { description: p.Description }),
      filterPattern: p.FilterPattern,
      pattern,
      status: p.Status ?? 'ENABLE',
      createdTimestamp: ctx.now,
      targets,
    });
    return { RuleARN: ctx.store.ruleArn(bus.name, p.RuleName) };
  },
};

const updateSchema = z
  .object({ EventBusName: z.string().min(1), RuleName: z.string().min(1), FilterPattern: z.string(), Status: z.enum(['ENABLE', 'DISABLE']).optional(), Description: z.string().optional() })
  .strict();

export const updateRule: ActionSpec = {
  handle(ctx) {
    const p = parseParams(updateSchema, ctx.params);
    const rule = existingRule(ctx, p.EventBusName, p.RuleName);
    rule.pattern = compiled(p.FilterPattern);
    rule.filterPattern = p.FilterPattern;
    if (p.Status !== undefined) rule.status = p.Status;
    if (p.Description !== undefined) rule.description = p.Description;
    return {};
  },
};

const getSchema = z.object({ EventBusName: z.string().min(1), RuleName: z.string().min(1) }).strict();

export const getRule: ActionSpec = {
  handle(ctx) {
    const p = parseParams(getSchema, ctx.params);
    return ruleView(ctx.store, existingRule(ctx, p.EventBusName, p.RuleName));
  },
};

const listSchema = z.object({ EventBusName: z.string().min(1), RuleNamePrefix: z.string().optional(), ...pagingParams }).strict();

export const listRules: ActionSpec = {
  handle(ctx) {
    const p = parseParams(listSchema, ctx.params);
    const rules = [...existingBus(ctx, p.EventBusName).rules.values()].filter((r) => r.name.startsWith(p.RuleNamePrefix ?? ''));
    const { items, ...paging } = pageOf(rules, p);
    return { Rules: items.map((r) => ruleSummary(ctx.store, r)), ...paging };
  },
};
