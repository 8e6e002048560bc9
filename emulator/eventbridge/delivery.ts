/**
 * The event side of the fake: an event published on a bus is matched against the bus's ENABLE rules (in
 * creation order) and handed to each of their FC targets (in Id order of creation) through a pluggable
 * `FcDelivery` (a test's function now; a local FC server later), with the body the target's `Body`
 * param asks for (targets.ts). Delivery is at-least-once as the service promises (reference
 * function-compute.md §3.2): a failed attempt (the delivery function throws) is retried at once, 3 times
 * under BACKOFF_RETRY (the default) and 176 under EXPONENTIAL_DECAY_RETRY, then dropped, the waits
 * between attempts not modelled; with `duplicate`, a delivered event is delivered once more, the same
 * bytes. Every attempt is recorded. Not modelled: dead-letter queues, ErrorsTolerance NONE blocking,
 * concurrency limits, delivery latency.
 */
import type { EventBridgeStore, RuleRecord, TargetRecord } from './store';
import { invocationBody } from './targets';
import { stamped, type CloudEvent } from './events';
import { matches } from './pattern';

/** What the fake asks FC to run: the function, and the bytes FC passes it as `event`. */
export interface FcInvocation {
  eventBusName: string;
  ruleName: string;
  targetId: string;
  /** the target's Endpoint ARN */
  endpoint: string;
  functionName: string;
  serviceName?: string;
  qualifier: string;
  invocationType: 'Sync' | 'Async';
  eventId: string;
  /** 1 for the first attempt */
  attempt: number;
  /** the at-least-once extra delivery of an event already delivered */
  duplicate: boolean;
  body: Buffer;
}

/** Runs an invocation; a rejection is a failed attempt. */
export type FcDelivery = (invocation: FcInvocation) => Promise<void>;

export interface DeliveryRecord extends Omit<FcInvocation, 'body'> {
  /** the body as UTF-8 text */
  body: string;
  outcome: 'delivered' | 'failed';
  error?: string;
}

export interface PublishResult {
  eventId: string;
  eventBusName: string;
  /** the ENABLE rules whose pattern matched, in creation order */
  matchedRules: string[];
  deliveries: DeliveryRecord[];
}

const RETRIES = { BACKOFF_RETRY: 3, EXPONENTIAL_DECAY_RETRY: 176 } as const;

export class EventRouter {
  private readonly log: DeliveryRecord[] = [];

  constructor(
    private readonly store: EventBridgeStore,
    private readonly deliver: FcDelivery,
    private readonly now: () => number,
  ) {}

  deliveries(): DeliveryRecord[] {
    return this.log.map((d) => ({ ...d }));
  }

  resetDeliveries(): void {
    this.log.length = 0;
  }

  /** Publishes a checked event on an existing bus and waits for every delivery it causes. */
  async publish(busName: string, event: CloudEvent, duplicate: boolean): Promise<PublishResult> {
    const sent = stamped(event, busName, this.store.accountId, this.store.region, this.now());
    const rules = [...(this.store.bus(busName)?.rules.values() ?? [])].filter((r) => r.status === 'ENABLE' && matches(r.pattern, sent));
    const deliveries: DeliveryRecord[] = [];
    for (const rule of rules) {
      for (const target of rule.targets.values()) {
        const delivered = await this.attempts(rule, target, sent, false, deliveries);
        if (delivered && duplicate) await this.attempts(rule, target, sent, true, deliveries);
      }
    }
    return { eventId: event.id, eventBusName: busName, matchedRules: rules.map((r) => r.name), deliveries };
  }

  /** Delivers with retries; whether an attempt succeeded. */
  private async attempts(rule: RuleRecord, target: TargetRecord, event: CloudEvent, duplicate: boolean, out: DeliveryRecord[]): Promise<boolean> {
    const { functionName, serviceName, qualifier, invocationType, body: spec } = target.fc;
    const body = invocationBody(spec, event);
    const maxAttempts = 1 + RETRIES[target.wire.PushRetryStrategy ?? 'BACKOFF_RETRY'];
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const invocation: FcInvocation = {
        eventBusName: rule.busName,
        ruleName: rule.name,
        targetId: target.wire.Id,
        endpoint: target.wire.Endpoint ?? '',
        functionName,
        ...(serviceName !== undefined && { serviceName }),
        qualifier,
        invocationType,
        eventId: event.id,
        attempt,
        duplicate,
        body: Buffer.from(body),
      };
      const record: DeliveryRecord = { ...invocation, body: body.toString('utf8'), outcome: 'delivered' };
      try {
        await this.deliver(invocation);
      } catch (err) {
        record.outcome = 'failed';
        record.error = err instanceof Error ? err.message : String(err);
      }
      out.push(record);
      this.log.push(record);
      if (record.outcome === 'delivered') return true;
    }
    return false;
  }
}
