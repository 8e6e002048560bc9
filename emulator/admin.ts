/**
 * The emulator's control plane over HTTP, for tools that run it in another process (`npm start`, the CLI):
 * `GET /__admin/state|calls|violations`, `POST /__admin/faults` (FaultOptions JSON; empty or `null`
 * clears), `POST /__admin/qps` (`{"read":n,"write":n}`, 0 = unlimited), `POST /__admin/reset` (forgets
 * call counts and violations). No signature; the server only serves it to loopback callers.
 */
import { z } from 'zod';
import type { Catalog } from './catalog';
import { faultOptionsSchema, type FaultOptions } from './faults';
import type { CallStats, Violation } from './stats';

export const ADMIN_PREFIX = '/__admin/';

export interface EmulatorControls {
  catalog(): Catalog;
  calls(): CallStats;
  violations(): Violation[];
  setFaults(faults: FaultOptions | undefined): void;
  setQps(read: number, write: number): void;
  resetStats(): void;
}

const qpsSchema = z.object({ read: z.number().int().min(0), write: z.number().int().min(0) }).strict();

export interface AdminAnswer {
  status: number;
  body: unknown;
}

function parseJson<T>(schema: z.ZodType<T>, text: string): { ok: true; value: T } | { ok: false; answer: AdminAnswer } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, answer: { status: 400, body: { Code: 'InvalidParameter', Message: 'the body must be JSON' } } };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, answer: { status: 400, body: { Code: 'InvalidParameter', Message: z.prettifyError(parsed.error) } } };
  return { ok: true, value: parsed.data };
}

export function adminAnswer(method: string, path: string, body: string, controls: EmulatorControls): AdminAnswer {
  const route = `${method} ${path.slice(ADMIN_PREFIX.length)}`;
  switch (route) {
    case 'GET state':
      return { status: 200, body: controls.catalog() };
    case 'GET calls':
      return { status: 200, body: controls.calls() };
    case 'GET violations':
      return { status: 200, body: controls.violations() };
    case 'POST faults': {
      const parsed = parseJson(faultOptionsSchema.nullable(), body.trim() === '' ? 'null' : body);
      if (!parsed.ok) return parsed.answer;
      controls.setFaults(parsed.value ?? undefined);
      return { status: 200, body: { ok: true } };
    }
    case 'POST qps': {
      const parsed = parseJson(qpsSchema, body);
      if (!parsed.ok) return parsed.answer;
      controls.setQps(parsed.value.read, parsed.value.write);
      return { status: 200, body: { ok: true } };
    }
    case 'POST reset':
      controls.resetStats();
      return { status: 200, body: { ok: true } };
    default:
      return { status: 404, body: { Code: 'NotFound', Message: `no admin route ${route}` } };
  }
}
