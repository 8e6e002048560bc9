/**
 * The EventBridge fake's state: event buses (`default` always there), each with its rules in creation
 * order, each rule with its targets by Id. It stores and looks up, and names things the way the service
 * does (ARNs); what may be created is decided by the action handlers.
 */
import type { CompiledPattern } from './pattern';
import type { EventTarget, FcTarget } from './targets';

export const DEFAULT_BUS = 'default';

export type RuleStatus = 'ENABLE' | 'DISABLE';

export interface TargetRecord {
  /** as the caller sent it */
  wire: EventTarget;
  fc: FcTarget;
}

export interface RuleRecord {
  name: string;
  busName: string;
  description?: string;
  filterPattern: string;
  pattern: CompiledPattern;
  status: RuleStatus;
  createdTimestamp: number;
  /** insertion order: the order deliveries are made in */
  targets: Map<string, TargetRecord>;
}

export interface BusRecord {
  name: string;
  description?: string;
  createTimestamp: number;
  rules: Map<string, RuleRecord>;
}

export class EventBridgeStore {
  private readonly buses = new Map<string, BusRecord>();

  constructor(
    readonly region: string,
    readonly accountId: string,
    now: number,
  ) {
    this.addBus(DEFAULT_BUS, undefined, now);
  }

  busArn(bus: string): string {
    return `acs:eventbridge:${this.region}:${this.accountId}:eventbus/${bus}`;
  }

  ruleArn(bus: string, rule: string): string {
    return `${this.busArn(bus)}/rule/${rule}`;
  }

  bus(name: string): BusRecord | undefined {
    return this.buses.get(name);
  }

  allBuses(): BusRecord[] {
    return [...this.buses.values()];
  }

  addBus(name: string, description: string | undefined, now: number): BusRecord {
    const bus: BusRecord = { name, ...(description !== undefined && { description }), createTimestamp: now, rules: new Map() };
    this.buses.set(name, bus);
    return bus;
  }

  addRule(bus: BusRecord, rule: RuleRecord): void {
    bus.rules.set(rule.name, rule);
  }
}
