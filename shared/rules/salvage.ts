/**
 * What parses of a value that does not parse as a whole, so a file with a structural error still gets every
 * other check (a `dw:` tag key, a bad glob, an undeclared value) in the same run. A map keeps the fields that
 * parse (unknown keys dropped), a list the items that parse, and defaults fill what is absent; anything else
 * parses whole or not at all. What is salvaged is only ever checked, never run.
 */
import type { z } from 'zod';
import { isRecord } from '../json';

export interface Salvaged<T = unknown> {
  value: T;
  /** the value parsed as it is: nothing was dropped */
  whole: boolean;
}

/** The parts of `value` that `schema` accepts, or undefined when none do. */
export function salvage(schema: z.ZodType, value: unknown): Salvaged | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { value: parsed.data, whole: true };
  const def = (schema as z.ZodType & { _zod: { def: SalvageDef } })._zod.def;
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
      return def.innerType && value !== undefined ? salvage(def.innerType, value) : undefined;
    case 'object':
      return isRecord(value) && def.shape ? fields(def.shape, value) : undefined;
    case 'array':
      return Array.isArray(value) && def.element ? items(def.element, value) : undefined;
    case 'record':
      return isRecord(value) && def.valueType ? entries(def.valueType, value) : undefined;
    default:
      return undefined;
  }
}

/** The parts of zod's definitions this walks (zod 4 `_zod.def`). */
interface SalvageDef {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
}

function fields(shape: Record<string, z.ZodType>, value: Record<string, unknown>): Salvaged {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const part = salvage(field, value[key]);
    if (part && part.value !== undefined) out[key] = part.value;
  }
  return { value: out, whole: false };
}

function items(element: z.ZodType, value: unknown[]): Salvaged {
  const kept = value.map((item) => salvage(element, item)).filter((part): part is Salvaged => part !== undefined);
  return { value: kept.map((part) => part.value), whole: false };
}

function entries(valueType: z.ZodType, value: Record<string, unknown>): Salvaged {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const part = salvage(valueType, item);
    if (part) out[key] = part.value;
  }
  return { value: out, whole: false };
}
