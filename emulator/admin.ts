/**
 * The emulator's control plane over HTTP, for tools that run it in another process (`npm start`, the CLI):
 * `GET /__admin/state|calls|violations|delayed`, `POST /__admin/faults` (FaultOptions JSON; empty or
 * `null` clears), `POST /__admin/qps` (`{"read":n,"write":n}`, 0 = unlimited), `POST /__admin/reset`
 * (forgets call counts and violations), `POST /__admin/delay` (a DelayRequest: hide an existing asset from
 * reads), `POST /__admin/reveal` (`{"assetId":…}`: visible now). No signature; the server only serves it
 * to loopback callers.
 */
import { z } from 'zod';
import type { Catalog } from './catalog';
import { faultOptionsSchema, type FaultOptions } from './faults';
import { adminNotFound, adminOk, applyAdmin, type AdminAnswer } from './http';
import type { CallStats, Violation } from './stats';
import type { PendingAsset } from './visibility';

/**
 * How to hide an asset: until `visibleAt` (epoch ms) or `visibleInMs` from now (by the emulator's clock),
 * and/or until `visibleAfterReads` reads have asked for it; it appears when the first condition holds.
 */
export const delayRequestSchema = z
  .object({
    assetId: z.string().min(1),
    visibleAt: z.number().int().optional(),
    visibleInMs: z.number().int().min(0).optional(),
    visibleAfterReads: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((d) => d.visibleAt !== undefined || d.visibleInMs !== undefined || d.visibleAfterReads !== undefined, 'needs visibleAt, visibleInMs or visibleAfterReads')
  .refine((d) => d.visibleAt === undefined || d.visibleInMs === undefined, 'give visibleAt or visibleInMs, not both');

export type DelayRequest = z.infer<typeof delayRequestSchema>;

export interface EmulatorControls {
  catalog(): Catalog;
  calls(): CallStats;
  violations(): Violation[];
  setFaults(faults: FaultOptions | undefined): void;
  setQps(read: number, write: number): void;
  resetStats(): void;
  /** Hides an existing table or task from every read until the request's condition holds; throws InvalidInputError for a bad request or an unknown asset. */
  delayAsset(request: DelayRequest): void;
  /** Makes a delayed asset visible now. */
  revealAsset(assetId: string): void;
  /** The assets still hidden, with the reads that have asked for each. */
  delayedAssets(): PendingAsset[];
}

const qpsSchema = z.object({ read: z.number().int().min(0), write: z.number().int().min(0) }).strict();
const revealSchema = z.object({ assetId: z.string().min(1) }).strict();

/** `route` is the path after `/__admin/`. */
export function adminAnswer(method: string, route: string, body: string, controls: EmulatorControls): AdminAnswer | Promise<AdminAnswer> {
  switch (`${method} ${route}`) {
    case 'GET state':
      return { status: 200, body: controls.catalog() };
    case 'GET calls':
      return { status: 200, body: controls.calls() };
    case 'GET violations':
      return { status: 200, body: controls.violations() };
    case 'GET delayed':
      return { status: 200, body: controls.delayedAssets() };
    case 'POST faults':
      return applyAdmin(faultOptionsSchema.nullable(), body.trim() === '' ? 'null' : body, (faults) => controls.setFaults(faults ?? undefined));
    case 'POST qps':
      return applyAdmin(qpsSchema, body, (qps) => controls.setQps(qps.read, qps.write));
    case 'POST reset':
      controls.resetStats();
      return adminOk;
    case 'POST delay':
      return applyAdmin(delayRequestSchema, body, (request) => controls.delayAsset(request));
    case 'POST reveal':
      return applyAdmin(revealSchema, body, ({ assetId }) => controls.revealAsset(assetId));
    default:
      return adminNotFound(`${method} ${route}`);
  }
}
