/**
 * A fake of Alibaba Cloud EventBridge on loopback: the 2020-04-01 control-plane actions autotag needs to
 * connect a custom event bus to the events function (an fc3 `eventbridge` trigger can only subscribe to
 * the default bus, research.md §3), spoken as `@alicloud/openapi-client`'s callApi sends them (RPC, POST
 * `/`, parameters in the query string, `EventTargets`/`Targets` as JSON text, ACS3-HMAC-SHA256 verified by
 * the stand-ins' one verifier, auth.ts), and the event side: events published on a bus are matched against
 * its rules and delivered to their FC targets through a pluggable function.
 *
 * Semantics at a glance; each module's header has the details (documented behaviour plus our choices):
 * - errors.ts: EventBridge's error codes, and its wording of signature refusals (as DataWorks', but
 *   403 InvalidAccessKeyId for an unknown AccessKey and 403 SecurityTokenInvalid).
 * - service.ts: dispatch on `x-acs-action` + version 2020-04-01 (else 404 InvalidApi.NotFound); strict
 *   parameters (unknown -> 400 InvalidParameter, missing -> 400 MissingParameter.<Name>); answers
 *   `{RequestId, Code, Message, Success, Data}`; errors are the POP body plus `Success: false`.
 * - actions/buses.ts: CreateEventBus / GetEventBus / ListEventBuses; `default` always exists.
 * - actions/rules.ts: CreateRule / UpdateRule / GetRule / ListRules; unknown bus -> 409 EventBusNotExist, duplicate ->
 *   409 EventRuleAlreadyExist, bad FilterPattern -> 400 InvalidParameter.FilterPattern, bad EventTargets
 *   -> 400 InvalidParameter.EventTargets; 50 rules per bus, 5 targets per rule.
 * - actions/event-targets.ts: PutTargets (per-target failures in ErrorEntries) / ListTargets.
 * - pattern.ts: the FilterPattern forms emulated (values, nested fields, prefix, suffix, contains,
 *   anything-but, exists; numeric and cidr refused).
 * - targets.ts: `acs.fc.function` targets only; Endpoint, ParamList and the Body they deliver.
 * - delivery.ts: publish -> ENABLE rules that match -> each target, retried per PushRetryStrategy,
 *   optionally delivered twice (at-least-once); every attempt recorded.
 * - open-event.ts: DataWorks OpenEvent routing (workspace events to the mapped custom bus, tenant-level
 *   ones to `default`).
 * - admin.ts: the control plane, in-process and over `/__admin/`.
 * Not modelled: RAM authorization, throttling (429), DeleteRule/EnableRule and the other
 * actions, event streaming, non-FC targets, TEMPLATE bodies, dead-letter queues, delivery latency.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { clockSchema, systemClock, type Clock } from '../../shared/clock';
import { InvalidInputError, toInputIssues } from '../../shared/errors';
import { listen, readBody, routeRequests, sendJson } from '../http';
import { accountOf, accountOptionShape, checkedOptions, credentialsOf, runningStandIn, standInOptionShape, type CloudAccount, type RunningStandIn, type StandInOptions } from '../options';
import { busView, ruleView } from './actions/views';
import { eventBridgeAdmin, type EventBridgeControls } from './admin';
import { EventRouter, type FcDelivery } from './delivery';
import { cloudEventSchema, type CloudEvent } from './events';
import { OpenEventChannels } from './open-event';
import { EventBridgeService } from './service';
import { DEFAULT_BUS, EventBridgeStore } from './store';

export { EVENTBRIDGE_VERSION } from './service';
export { DEFAULT_BUS } from './store';
export type { FcDelivery, FcInvocation, DeliveryRecord, PublishResult } from './delivery';
export type { CloudEvent } from './events';
export type { EventBridgeControls, OpenEventResult, PublishOptions } from './admin';

/** `region` and `accountId`: the account the fake stands for, in ARNs and FC endpoints (default options.ts's). */
export interface EventBridgeOptions extends StandInOptions, Partial<CloudAccount> {
  /** how an FC target is invoked; default: accept every invocation (deliveries are still recorded) */
  deliver?: FcDelivery;
  /** deliver every matched event twice, as at-least-once delivery may; default false */
  duplicateDeliveries?: boolean;
  /** stamps creation and publish times (default the system clock); request dates are checked against real time */
  clock?: Clock;
}

export interface EventBridgeFake extends EventBridgeControls, RunningStandIn {
  region: string;
  accountId: string;
}

const optionsSchema = z
  .object({
    ...standInOptionShape,
    ...accountOptionShape,
    deliver: z.custom<FcDelivery>((v) => typeof v === 'function', 'must be a function').optional(),
    duplicateDeliveries: z.boolean().optional(),
    clock: clockSchema.optional(),
  })
  .strict();

function checkedEvent(event: unknown): CloudEvent {
  const parsed = cloudEventSchema.safeParse(event);
  if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error, 'event'), 'CloudEvent');
  return parsed.data;
}

export async function startEventBridge(options: EventBridgeOptions = {}): Promise<EventBridgeFake> {
  checkedOptions(optionsSchema, options, 'EventBridge fake options');
  const clock = options.clock ?? systemClock;
  const { region, accountId } = accountOf(options);
  const credentials = credentialsOf(options);
  const store = new EventBridgeStore(region, accountId, clock.now());
  const service = new EventBridgeService(store, credentials, systemClock.now, () => clock.now());
  const router = new EventRouter(store, options.deliver ?? (async () => {}), () => clock.now());
  const channels = new OpenEventChannels();
  const duplicateByDefault = options.duplicateDeliveries ?? false;

  const existingBus = (name: string, field: string) => {
    if (!store.bus(name)) throw new InvalidInputError([{ field, message: `no event bus ${name}` }], 'EventBridge fake request');
  };
  const controls: EventBridgeControls = {
    state: () => ({ buses: store.allBuses().map((b) => ({ ...busView(store, b), Rules: [...b.rules.values()].map((r) => ruleView(store, r)) })) }),
    calls: () => service.calls(),
    publish: async (eventBusName, event, publishOptions = {}) => {
      const checked = checkedEvent(event);
      existingBus(eventBusName, 'eventBusName');
      return router.publish(eventBusName, checked, publishOptions.duplicate ?? duplicateByDefault);
    },
    mapWorkspace: (workspaceId, eventBusName) => {
      existingBus(eventBusName, 'eventBusName');
      if (eventBusName === DEFAULT_BUS) throw new InvalidInputError([{ field: 'eventBusName', message: 'a workspace maps to a custom bus' }], 'OpenEvent mapping');
      channels.map(workspaceId, eventBusName);
    },
    workspaceBuses: () => channels.mappings(),
    openEvent: async (event, publishOptions = {}) => {
      const checked = checkedEvent(event);
      const route = channels.route(checked);
      if ('dropped' in route) return route;
      return router.publish(route.eventBusName, checked, publishOptions.duplicate ?? duplicateByDefault);
    },
    deliveries: () => router.deliveries(),
    resetDeliveries: () => router.resetDeliveries(),
  };

  async function onApi(req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string): Promise<void> {
    const requestId = randomUUID().toUpperCase();
    const body = await readBody(req);
    const answer = service.handle({ requestId, method: req.method ?? 'GET', path, rawQuery, headers: req.headers, body });
    sendJson(res, answer.status, answer.body, { 'x-acs-request-id': requestId });
  }

  const host = options.host ?? '127.0.0.1';
  const server = await listen(
    routeRequests((method, route, body) => eventBridgeAdmin(method, route, body, controls), onApi),
    host,
    options.port ?? 0,
  );
  return { ...controls, ...runningStandIn(host, server, credentials), region, accountId };
}
