/**
 * A rule's targets: PutTargets (create or update by Id; per-target failures come back in ErrorEntries,
 * the others are applied, as the SDK's response model has it) and ListTargets (paged). At most five
 * targets per rule (limits page). PutTargets' ErrorCodes: `EventRuleTargetIdDuplicate` (the SDK's
 * example), `EventTargetInvalid` and `EventTargetCountExceedLimit` (our names; the docs list none).
 */
import { z } from 'zod';
import { parseParams, wire } from '../../params';
import { eventBridgeErrors } from '../errors';
import type { EventBridgeStore, RuleRecord, TargetRecord } from '../store';
import { fcTarget, targetSchema, TargetError, type EventTarget } from '../targets';
import { existingBus } from './buses';
import { pageOf, pagingParams, type ActionContext, type ActionSpec } from './context';
import { listedTarget } from './views';

export const MAX_TARGETS_PER_RULE = 5;

export const targetList = wire.json(z.array(targetSchema));

/** The target as stored, or a TargetError saying why the service refuses it. */
export function targetRecord(store: EventBridgeStore, target: EventTarget): TargetRecord {
  return { wire: target, fc: fcTarget(target, store.region, store.accountId) };
}

export function existingRule(ctx: ActionContext, busName: string, ruleName: string): RuleRecord {
  const rule = existingBus(ctx, busName).rules.get(ruleName);
  if (!rule) throw eventBridgeErrors.ruleNotExist(ruleName, busName);
  return rule;
}

const putSchema = z.object({ EventBusName: z.string().min(1), RuleName: z.string().min(1), Targets: targetList }).strict();

interface ErrorEntry {
  EntryId: string;
  ErrorCode: string;
  ErrorMessage: string;
}

export const putTargets: ActionSpec = {
  handle(ctx) {
    const p = parseParams(putSchema, ctx.params);
    const rule = existingRule(ctx, p.EventBusName, p.RuleName);
    const errors: ErrorEntry[] = [];
    const seen = new Set<string>();
    for (const target of p.Targets) {
      const fail = (ErrorCode: string, ErrorMessage: string) => errors.push({ EntryId: target.Id, ErrorCode, ErrorMessage });
      if (seen.has(target.Id)) {
        fail('EventRuleTargetIdDuplicate', 'The id of event target is duplicate!');
        continue;
      }
      seen.add(target.Id);
      let record: TargetRecord;
      try {
        record = targetRecord(ctx.store, target);
      } catch (err) {
        if (!(err instanceof TargetError)) throw err;
        fail('EventTargetInvalid', `The target in event rule is invalid! ${err.message}.`);
        continue;
      }
      if (!rule.targets.has(target.Id) && rule.targets.size >= MAX_TARGETS_PER_RULE) {
        fail('EventTargetCountExceedLimit', `An event rule has at most ${MAX_TARGETS_PER_RULE} targets.`);
        continue;
      }
      rule.targets.set(target.Id, record);
    }
    return { ErrorEntriesCount: errors.length, ErrorEntries: errors };
  },
};

const listSchema = z.object({ EventBusName: z.string().min(1), RuleName: z.string().min(1), ...pagingParams }).strict();

export const listTargets: ActionSpec = {
  handle(ctx) {
    const p = parseParams(listSchema, ctx.params);
    const rule = existingRule(ctx, p.EventBusName, p.RuleName);
    const { items, ...paging } = pageOf([...rule.targets.values()], p);
    return { Targets: items.map((t) => listedTarget(rule, t)), ...paging };
  },
};
