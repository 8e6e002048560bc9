/**
 * What an EventBridge action handler gets and gives back: the store, the request's parameters and the
 * time; it returns the response's `Data` (the service wraps it with RequestId, Code and Success), or
 * throws a ServiceError. Also the paging every List action shares (Limit 1-100, NextToken an offset).
 */
import { z } from 'zod';
import { wire, type WireParams } from '../../params';
import { eventBridgeErrors } from '../errors';
import type { EventBridgeStore } from '../store';

export interface ActionContext {
  readonly store: EventBridgeStore;
  readonly params: WireParams;
  /** epoch ms */
  readonly now: number;
}

export interface ActionSpec {
  handle(ctx: ActionContext): Record<string, unknown>;
}

/** the SDK: "A maximum of 100 entries can be returned in a request" */
const MAX_LIMIT = 100;
/** not documented: a small default, so a caller that forgets to page finds out */
const DEFAULT_LIMIT = 10;

export const pagingParams = { Limit: wire.integer.optional(), NextToken: z.string().optional() };

export interface Page<T> {
  items: T[];
  NextToken?: string;
  Total: number;
}

export function pageOf<T>(items: readonly T[], paging: { Limit?: number; NextToken?: string }): Page<T> {
  const limit = paging.Limit ?? DEFAULT_LIMIT;
  if (limit < 1 || limit > MAX_LIMIT) throw eventBridgeErrors.limitSizeInvalid(MAX_LIMIT);
  const token = paging.NextToken ?? '0';
  if (!/^\d+$/.test(token)) throw eventBridgeErrors.nextTokenInvalid(token);
  const start = Number(token);
  const end = start + limit;
  return { items: items.slice(start, end), ...(end < items.length && { NextToken: String(end) }), Total: items.length };
}

/** The naming rule of buses and rules (limits page): up to 127 letters, digits and hyphens, starting with a letter or digit, not `eventbridge-reserved-…`. */
export function validName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9-]{0,126}$/.test(name) && !name.startsWith('eventbridge-reserved-');
}
