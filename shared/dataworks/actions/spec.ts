/**
 * What one entry of the action table holds, and how an entry turns a request into the call the transport
 * sends. An entry names its action, its QPS budget, its HTTP method and where its parameters go; its request
 * schema (camelCase, every message naming the field and the fix) is checked before any call, and its wire
 * mapping lays the checked request out as the generated SDK does: a flat map of strings, PascalCase names,
 * arrays and objects as JSON text. Its response schema (schemas.ts) checks and converts the answer.
 */
import type { z } from 'zod';
import { InvalidInputError, toInputIssues } from '../../errors';
import type { Budget } from '../budgets';
import type { WireCall } from '../transport';

/** A wire parameter before it is flattened to text; undefined ones are left out. */
export type WireValue = string | number | boolean | object | undefined;

export interface ActionSpec<Name extends string = string, Request extends z.ZodType = z.ZodType, Response extends z.ZodType = z.ZodType> {
  /** the API's action name (`x-acs-action`); the client's method is the same name starting lower-case */
  name: Name;
  /** reads (List*, Get*) and writes are counted against different QPS budgets */
  budget: Budget;
  method: 'GET' | 'POST';
  /** the query string, or a form body (ListTasks, as the SDK sends it) */
  params: 'query' | 'form';
  request: Request;
  /** the checked request as PascalCase wire parameters (a method, so entries of any request type form one table) */
  wire(request: z.output<Request>): Record<string, WireValue>;
  response: Response;
}

export type RequestOf<A extends ActionSpec> = z.input<A['request']>;
export type ResponseOf<A extends ActionSpec> = z.output<A['response']>;

/** An entry, typed by what it holds (so the client's method types follow from it). */
export function defineAction<const Name extends string, Request extends z.ZodType, Response extends z.ZodType>(
  spec: ActionSpec<Name, Request, Response>,
): ActionSpec<Name, Request, Response> {
  return spec;
}

/** The request checked by the entry's schema (InvalidInputError naming each bad field) and laid out for the wire. */
export function toWireCall<A extends ActionSpec>(action: A, request: RequestOf<A>): WireCall {
  const parsed = action.request.safeParse(request);
  if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error), `${action.name} request`);
  const fields = flatten(action.wire(parsed.data));
  const base = { action: action.name, method: action.method };
  return action.params === 'form' ? { ...base, query: {}, form: fields } : { ...base, query: fields };
}

/** A flat string map without the unset fields; arrays and objects become JSON text. */
function flatten(fields: Record<string, WireValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}
