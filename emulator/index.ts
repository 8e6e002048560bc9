/**
 * The DataWorks emulator: a real HTTP server on loopback that speaks the official wire format of the
 * dataworks-public 2024-05-18 actions autotag uses (RPC, `x-acs-action`, parameters in the query string,
 * arrays as JSON text, ACS3-HMAC-SHA256 signatures), so autotag runs and is tested with no cloud account.
 *
 * Semantics, documented ones and our choices where the API is silent, are written at the top of each
 * module: signature checks (auth.ts), dispatch and parameters (service.ts, params.ts), tag keys
 * (actions/tag-keys.ts: Update REPLACES the value list; Delete is refused and recorded), tagging
 * (actions/data-assets.ts: limits, conflicts, whole-call rejection), discovery (actions/discovery.ts), QPS
 * (throttle.ts: read 50 / write 20 per second, over budget is HTTP 400 `Throttling.User`), faults
 * (faults.ts), the generated catalog and its workspace mapping (generate.ts), admin endpoints (admin.ts).
 * Error bodies are POP errors: `{ RequestId, Code, Message, HostId, Recommend }`.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { systemClock } from '../shared/clock';
import { InvalidInputError } from '../shared/errors';
import type { EmulatorControls } from './admin';
import type { AccessKeyCredential } from './auth';
import { parseCatalog, type Catalog } from './catalog';
import { faultOptionsSchema, type FaultOptions } from './faults';
import { generateCatalog } from './generate';
import { serve } from './server';
import { DataWorksService } from './service';

export { generateCatalog, FIXED_TABLES, FIXED_TASK, WORKSPACES } from './generate';
export { loadCatalog, parseCatalog, tableAssetId, maxcomputeProjectEntityId } from './catalog';
export type { Catalog, Workspace, TagKeyRecord, TableRecord, TaskRecord, Binding } from './catalog';
export type { CallStats, ActionStats, Violation, ViolationKind, FaultKind } from './stats';
export type { FaultOptions } from './faults';
export type { AccessKeyCredential } from './auth';
export { CALLER_ID } from './service';

export interface EmulatorOptions {
  /** default 0 (a free port) */
  port?: number;
  /** default '127.0.0.1' */
  host?: string;
  /** else generated from `assets` and `seed` */
  catalog?: Catalog;
  /** size of the generated catalog, default 2000 */
  assets?: number;
  /** default 7; the same seed and assets give the same catalog */
  seed?: number;
  /** default: one generated AccessKey pair */
  credentials?: AccessKeyCredential[];
  /** per-second budgets, default 50 / 20 (Enterprise quotas); 0 = unlimited */
  readQps?: number;
  writeQps?: number;
  /** what ListDataAssets sees: only tagged assets (default, as documented) or all */
  listScope?: 'tagged' | 'all';
  faults?: FaultOptions;
}

export interface Emulator extends EmulatorControls {
  /** 'http://127.0.0.1:<port>' */
  url: string;
  /** '127.0.0.1:<port>': openapi-client's Config.endpoint, with protocol 'HTTP' */
  endpoint: string;
  port: number;
  /** the first credential pair */
  credentials: AccessKeyCredential;
  stop(): Promise<void>;
}

const credentialSchema = z.object({ accessKeyId: z.string().min(1), accessKeySecret: z.string().min(1), securityToken: z.string().min(1).optional() }).strict();

const optionsSchema = z
  .object({
    port: z.number().int().min(0).max(65535).optional(),
    host: z.string().min(1).optional(),
    catalog: z.unknown().optional(),
    assets: z.number().int().min(0).optional(),
    seed: z.number().int().optional(),
    credentials: z.array(credentialSchema).min(1).optional(),
    readQps: z.number().int().min(0).optional(),
    writeQps: z.number().int().min(0).optional(),
    listScope: z.enum(['tagged', 'all']).optional(),
    faults: faultOptionsSchema.optional(),
  })
  .strict();

function generatedCredential(): AccessKeyCredential {
  return { accessKeyId: `LTAIemu${randomBytes(8).toString('hex')}`, accessKeySecret: randomBytes(22).toString('base64url') };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const checked = optionsSchema.safeParse(options);
  if (!checked.success)
    throw new InvalidInputError(
      checked.error.issues.map((issue) => ({ field: issue.path.join('.') || '(options)', message: issue.message })),
      'emulator options',
    );
  const catalog = options.catalog ? parseCatalog(options.catalog) : generateCatalog({ assets: options.assets ?? 2000, seed: options.seed ?? 7 });
  const credentials = options.credentials ?? [generatedCredential()];
  const service = new DataWorksService({
    catalog,
    credentials,
    readQps: options.readQps ?? 50,
    writeQps: options.writeQps ?? 20,
    listScope: options.listScope ?? 'tagged',
    faults: options.faults,
    now: systemClock.now,
  });
  const controls: EmulatorControls = {
    catalog: () => service.catalog(),
    calls: () => service.calls(),
    violations: () => service.violations(),
    setFaults: (faults) => service.setFaults(faults),
    setQps: (read, write) => service.setQps(read, write),
    resetStats: () => service.resetStats(),
  };
  const host = options.host ?? '127.0.0.1';
  const server = await serve(service, controls, host, options.port ?? 0);
  const endpoint = `${host.includes(':') ? `[${host}]` : host}:${server.port}`;
  return { ...controls, url: `http://${endpoint}`, endpoint, port: server.port, credentials: { ...credentials[0] }, stop: server.stop };
}
