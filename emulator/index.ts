/**
 * The DataWorks emulator: a real HTTP server on loopback that speaks the official wire format of the
 * dataworks-public 2024-05-18 actions autotag uses (RPC, `x-acs-action`, parameters in the query string,
 * arrays as JSON text, ListTasks as a form body, ACS3-HMAC-SHA256 signatures), so autotag runs and is
 * tested with no cloud account. Used as a library (tests, `npm start`, the CLI) and over HTTP (/__admin/).
 *
 * Semantics at a glance; each module's header has the details (documented behaviour plus our choices):
 * - auth.ts (the one ACS3 verifier, also behind fc/), refusals.ts: signature verified exactly (decoded
 *   then re-encoded query, SignedHeaders, body hash, date within 15 min, nonce once per AccessKey, STS
 *   token); wrong or unsigned -> 403 SignatureDoesNotMatch, unknown AccessKey -> 404 InvalidAccessKeyId.NotFound.
 * - service.ts, params.ts: dispatch on `x-acs-action` + `x-acs-version`, never the path (else 404
 *   InvalidApi.NotFound); strict parameters (unknown name -> 400 InvalidParameter); POP error bodies
 *   `{ RequestId, Code, Message, HostId, Recommend }`; PageSize over 100 on any list -> 400 + violation.
 * - actions/data-assets.ts: ListDataAssets sees tagged assets only (listScope 'all': every asset);
 *   Tag/UnTag: <= 100 ids and 20 tags per call (else 400 + `over-limit` violation), keys and values must
 *   exist, one value per key per asset (conflict -> 400), <= 20 tags per asset, any error rejects the
 *   whole call; Success is the string "true".
 * - actions/tag-keys.ts: UpdateDataAssetTag REPLACES Values (a dropped value is applied and recorded as a
 *   `dropped-tag-value` violation); DeleteDataAssetTag -> 403 Forbidden and a `delete-called` violation.
 * - actions/discovery.ts: ListTasks (ProjectId required, ProjectEnv default Prod), ListTables (no owner),
 *   GetTable (owner, BusinessMetadata only with IncludeBusinessMetadata=true).
 * - throttle.ts: read 50 / write 20 QPS by default, over budget -> HTTP 400 Throttling.User.
 * - faults.ts: seeded `5xx`, `reset`, `lostResponse` (write applied, answer lost), `latency`.
 * - generate.ts: the seeded catalog, its workspace -> MaxCompute project mapping and the fixed assets.
 * - fc/: the local Function Compute (invoke API, HTTP-trigger gateway, function instances), with its own index.
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
