/**
 * Event buses: CreateEventBus (a custom bus; at most 50, named by the limits page's rule, `default`
 * reserved), GetEventBus and ListEventBuses (NamePrefix, paged). The `default` bus always exists.
 */
import { z } from 'zod';
import { parseParams } from '../../params';
import { eventBridgeErrors } from '../errors';
import { DEFAULT_BUS } from '../store';
import { pageOf, pagingParams, validName, type ActionContext, type ActionSpec } from './context';
import { busView } from './views';

const MAX_CUSTOM_BUSES = 50;

export function existingBus(ctx: ActionContext, name: string) {
  const bus = ctx.store.bus(name);
  if (!bus) throw eventBridgeErrors.busNotExist(name);
  return bus;
}

const createSchema = z.object({ EventBusName: z.string().min(1), Description: z.string().optional() }).strict();

export const createEventBus: ActionSpec = {
  handle(ctx) {
    const p = parseParams(createSchema, ctx.params);
    if (p.EventBusName === DEFAULT_BUS || !validName(p.EventBusName)) throw eventBridgeErrors.busNameInvalid(p.EventBusName);
    if (ctx.store.bus(p.EventBusName)) throw eventBridgeErrors.busAlreadyExist(p.EventBusName);
    const custom = ctx.store.allBuses().length - 1;
    if (custom >= MAX_CUSTOM_BUSES) throw eventBridgeErrors.busCountExceedLimit(custom, MAX_CUSTOM_BUSES);
    const bus = ctx.store.addBus(p.EventBusName, p.Description, ctx.now);
    return { EventBusARN: ctx.store.busArn(bus.name) };
  },
};

const getSchema = z.object({ EventBusName: z.string().min(1) }).strict();

export const getEventBus: ActionSpec = {
  handle(ctx) {
    const p = parseParams(getSchema, ctx.params);
    return busView(ctx.store, existingBus(ctx, p.EventBusName));
  },
};

const listSchema = z.object({ NamePrefix: z.string().optional(), ...pagingParams }).strict();

export const listEventBuses: ActionSpec = {
  handle(ctx) {
    const p = parseParams(listSchema, ctx.params);
    const buses = ctx.store.allBuses().filter((b) => b.name.startsWith(p.NamePrefix ?? ''));
    const { items, ...paging } = pageOf(buses, p);
    return { EventBuses: items.map((b) => busView(ctx.store, b)), ...paging };
  },
};
