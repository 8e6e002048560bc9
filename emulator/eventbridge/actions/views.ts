/**
 * How buses, rules and targets read back, per the SDK's response models (GetEventBus, ListEventBuses,
 * GetRule, ListRules, ListTargets): the full target in GetRule and ListTargets, a summary in ListRules.
 * Defaults the caller left out are shown as the service applies them (BACKOFF_RETRY, ALL).
 */
import type { BusRecord, EventBridgeStore, RuleRecord, TargetRecord } from '../store';

export function busView(store: EventBridgeStore, bus: BusRecord) {
  return { EventBusName: bus.name, EventBusARN: store.busArn(bus.name), Description: bus.description ?? '', CreateTimestamp: bus.createTimestamp };
}

function targetSummary(t: TargetRecord) {
  return { Id: t.wire.Id, Type: t.wire.Type, Endpoint: t.wire.Endpoint, ErrorsTolerance: t.wire.ErrorsTolerance ?? 'ALL' };
}

export function targetView(t: TargetRecord) {
  const { DeadLetterQueue, ConcurrentConfig } = t.wire;
  return {
    ...targetSummary(t),
    PushRetryStrategy: t.wire.PushRetryStrategy ?? 'BACKOFF_RETRY',
    ParamList: t.wire.ParamList.map((p) => ({ ...p })),
    ...(DeadLetterQueue && { DeadLetterQueue: { ...DeadLetterQueue } }),
    ...(ConcurrentConfig && { ConcurrentConfig: { ...ConcurrentConfig } }),
  };
}

function ruleHead(store: EventBridgeStore, rule: RuleRecord) {
  return {
    RuleARN: store.ruleArn(rule.busName, rule.name),
    RuleName: rule.name,
    EventBusName: rule.busName,
    FilterPattern: rule.filterPattern,
    Status: rule.status,
    Description: rule.description ?? '',
    CreatedTimestamp: rule.createdTimestamp,
  };
}

/** GetRule's Data */
export function ruleView(store: EventBridgeStore, rule: RuleRecord) {
  return { ...ruleHead(store, rule), Targets: [...rule.targets.values()].map(targetView) };
}

/** an item of ListRules' Rules */
export function ruleSummary(store: EventBridgeStore, rule: RuleRecord) {
  return { ...ruleHead(store, rule), Targets: [...rule.targets.values()].map(targetSummary) };
}

/** an item of ListTargets' Targets */
export function listedTarget(rule: RuleRecord, t: TargetRecord) {
  const { ConcurrentConfig } = t.wire;
  return {
    ...targetSummary(t),
    ParamList: t.wire.ParamList.map((p) => ({ ...p })),
    ...(ConcurrentConfig && { ConcurrentConfig: { ...ConcurrentConfig } }),
    EventBusName: rule.busName,
    RuleName: rule.name,
  };
}
