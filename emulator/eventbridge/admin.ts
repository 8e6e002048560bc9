/**
 * The EventBridge fake's control plane, in-process (EventBridgeControls) and over HTTP for a fake run in
 * another process (loopback only, no signature): `GET /__admin/state|calls|deliveries|workspaces`,
 * `POST /__admin/publish` (`{"eventBusName":…,"event":{…},"duplicate"?:true}`: an event on a bus, as
 * PutEvents or a cloud service would put it), `POST /__admin/openevent` (`{"event":{…},"duplicate"?}`:
 * a DataWorks event, routed as OpenEvent routes it), `POST /__admin/workspace-bus`
 * (`{"workspaceId":n,"eventBusName":…}`: the OpenEvent mapping), `POST /__admin/reset` (forgets
 * deliveries). Publishing answers with what was matched and delivered.
 */
import { z } from 'zod';
import { adminNotFound, adminOk, applyAdmin, type AdminAnswer } from '../http';
import type { DeliveryRecord, PublishResult } from './delivery';

export interface PublishOptions {
  /** deliver every matched event twice (at-least-once); default: the fake's `duplicateDeliveries` */
  duplicate?: boolean;
}

export type OpenEventResult = PublishResult | { dropped: string };

export interface EventBridgeControls {
  /** every bus with its rules, as GetEventBus and GetRule show them */
  state(): { buses: Record<string, unknown>[] };
  /** requests received per action */
  calls(): Record<string, number>;
  /** Puts a CloudEvent on a bus and waits for its deliveries; InvalidInputError for a bad event or an unknown bus. */
  publish(eventBusName: string, event: unknown, options?: PublishOptions): Promise<PublishResult>;
  /** DataWorks OpenEvent: map a workspace to an existing bus (InvalidInputError otherwise). */
  mapWorkspace(workspaceId: number, eventBusName: string): void;
  workspaceBuses(): { workspaceId: number; eventBusName: string }[];
  /** Pushes a DataWorks event the way OpenEvent does: workspace-level to the workspace's bus, tenant-level to `default`. */
  openEvent(event: unknown, options?: PublishOptions): Promise<OpenEventResult>;
  deliveries(): DeliveryRecord[];
  resetDeliveries(): void;
}

const publishSchema = z.object({ eventBusName: z.string().min(1), event: z.unknown(), duplicate: z.boolean().optional() }).strict();
const openEventSchema = z.object({ event: z.unknown(), duplicate: z.boolean().optional() }).strict();
const mappingSchema = z.object({ workspaceId: z.number().int().positive(), eventBusName: z.string().min(1) }).strict();

/** `route` is the path after `/__admin/`. */
export function eventBridgeAdmin(method: string, route: string, body: string, controls: EventBridgeControls): AdminAnswer | Promise<AdminAnswer> {
  switch (`${method} ${route}`) {
    case 'GET state':
      return { status: 200, body: controls.state() };
    case 'GET calls':
      return { status: 200, body: controls.calls() };
    case 'GET deliveries':
      return { status: 200, body: controls.deliveries() };
    case 'GET workspaces':
      return { status: 200, body: controls.workspaceBuses() };
    case 'POST publish':
      return applyAdmin(publishSchema, body, (p) => controls.publish(p.eventBusName, p.event, { duplicate: p.duplicate }));
    case 'POST openevent':
      return applyAdmin(openEventSchema, body, (p) => controls.openEvent(p.event, { duplicate: p.duplicate }));
    case 'POST workspace-bus':
      return applyAdmin(mappingSchema, body, (p) => controls.mapWorkspace(p.workspaceId, p.eventBusName));
    case 'POST reset':
      controls.resetDeliveries();
      return adminOk;
    default:
      return adminNotFound(`${method} ${route}`);
  }
}
