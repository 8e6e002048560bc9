/**
 * The DataWorks emulator: a real HTTP server on loopback that speaks the official wire format of the
 * dataworks-public 2024-05-18 actions autotag uses (RPC, `x-acs-action`, parameters in the query string,
 * arrays as JSON text, ListTasks as a form body, ACS3-HMAC-SHA256 signatures), so autotag runs and is
 * tested with no cloud account. Used as a library (tests, `npm start`, the CLI) and over HTTP (/__admin/).
 * Beside it stand the other loopback stand-ins, each with its own index:
 * - eventbridge/: EventBridge 2020-04-01 (custom buses, rules, FC targets) and its event side (publish,
 *   pattern match, delivery with retries and optional duplicates, DataWorks OpenEvent routing).
 * - fc/: the local Function Compute: InvokeFunction of FC 3.0 (ACS3) and 2.0 (`FC <id>:<sig>`), Sync and
 *   Async, an HTTP-trigger gateway verifying ACS3 as FC's official sample signs, and functions run from
 *   their bundles in child-process instances (timeouts, async retries, seeded duplicate delivery).
 * What the stand-ins share lives here: auth.ts (the one ACS3 verifier: a service's SigningRules say what
 * must be signed, its RefusalErrors table how a refusal is worded; AccessKey options), http.ts (server
 * plumbing, `/__admin/`), options.ts (host, port, credentials), params.ts (RPC parameters), signature.ts
 * (the V3 signature, `headerOf`), service-error.ts (POP error bodies).
 *
 * Semantics of the DataWorks emulator at a glance; each module's header has the details (documented
 * behaviour plus our choices):
 * - auth.ts with refusals.ts (DataWorks' wording): signature verified exactly (decoded then re-encoded
 *   query, SignedHeaders, body hash, date within 15 min, nonce once per AccessKey, STS token); wrong or
 *   unsigned -> 403 SignatureDoesNotMatch, unknown AccessKey -> 404 InvalidAccessKeyId.NotFound.
 * - service.ts, params.ts: dispatch on `x-acs-action` + `x-acs-version`, never the path (else 404
 *   InvalidApi.NotFound); strict parameters (unknown name -> 400 InvalidParameter); POP error bodies
 *   `{ RequestId, Code, Message, HostId, Recommend }`; PageSize over 100 on any list -> 400 + violation.
 * - actions/data-assets.ts: ListDataAssets sees tagged assets only (listScope 'all': every asset);
 *   Tag/UnTag: <= 100 ids and 20 tags per call (else 400 + `over-limit` violation), keys and values must
 *   exist, one value per key per asset (another value for a bound key -> 400 and a `silent-overwrite`
 *   violation, or with tagConflict 'replace' the value replaced and a `replaced-tag-value` violation),
 *   <= 20 tags per asset, any error rejects the whole call; Success is the string "true".
 * - actions/tag-keys.ts: UpdateDataAssetTag REPLACES Values (a dropped value is applied and recorded as a
 *   `dropped-tag-value` violation); DeleteDataAssetTag -> 403 Forbidden and a `delete-called` violation.
 * - actions/discovery.ts: ListTasks (ProjectId required, ProjectEnv default Prod), ListTables (no owner),
 *   GetTable (owner, BusinessMetadata only with IncludeBusinessMetadata=true).
 * - actions/identity.ts: STS GetCallerIdentity (version 2015-04-01) on the same port, so a run learns the RAM
 *   identity it acts as: each AccessKey's `identity` option, else a RAM user (an STS triple: an assumed role).
 *   Outside DataWorks: no QPS budget, no injected fault, counted apart (`calls().otherServices`).
 * - throttle.ts: read 50 / write 20 QPS by default, over budget -> HTTP 400 Throttling.User.
 * - faults.ts: seeded `5xx`, `throttle` (Throttling.User, a storm at any rate), `reset`, `lostResponse` (write applied,
 *   answer lost), `latency`; a rate shared among kinds, or each kind's own rate.
 * - visibility.ts: delayed assets, as DataWorks pre-events need them (the event fires before the table
 *   exists). A table or task listed in the catalog's `delayedAssets`, or hidden at run time with
 *   `delayAsset` / `POST /__admin/delay`, is absent from ListTables, GetTable, ListTasks and
 *   ListDataAssets until the emulator's `clock` reaches `visibleAt` (or `visibleInMs` from the call), or
 *   after `visibleAfterReads` reads have asked for it, whichever comes first. GetTable answers it as an
 *   unknown id (400 InvalidParameter.Id.NotFound); TagDataAssets / UnTagDataAssets naming it are refused
 *   whole, as for an unknown id (400 InvalidParameter.DataAssetId). `revealAsset` shows it at once;
 *   `delayedAssets()` / `GET /__admin/delayed` list what is still hidden with the reads counted.
 * - violation-log.ts: every violation also appended, as it happens, to the directory the test suite names
 *   (DATAWORKS_EMULATOR_VIOLATION_LOG), marked expected when the emulator was started with that kind in
 *   `expectViolations`; jest's global teardown fails the run on any other.
 * - generate.ts: the seeded catalog, its workspace -> MaxCompute project mapping and the fixed assets.
 */
import { z } from 'zod';
import { clockSchema, systemClock, type Clock } from '../shared/clock';
import { InvalidInputError } from '../shared/errors';
import { delayRequestSchema, type EmulatorControls } from './admin';
import { parseCatalog, type Catalog } from './catalog';
import { faultOptionsSchema, type FaultOptions } from './faults';
import { generateCatalog } from './generate';
import { checkedOptions, credentialsOf, runningStandIn, standInOptionShape, type RunningStandIn, type StandInOptions } from './options';
import { serve } from './server';
import { DataWorksService } from './service';
import { VIOLATION_KINDS, type ViolationKind } from './stats';
import { violationReporter } from './violation-log';

export { generateCatalog, FIXED_TABLES, FIXED_TASK, WORKSPACES } from './generate';
export { loadCatalog, parseCatalog, tableAssetId, maxcomputeProjectEntityId } from './catalog';
export type { Catalog, Workspace, TagKeyRecord, TableRecord, TaskRecord, Binding, DelayedAsset } from './catalog';
export type { CallStats, ActionStats, Violation, ViolationKind, FaultKind } from './stats';
export { VIOLATION_LOG_ENV } from './violation-log';
export type { FaultOptions } from './faults';
export type { AccessKeyCredential } from './auth';
export type { DelayRequest } from './admin';
export type { PendingAsset } from './visibility';
export { CALLER_ID } from './service';

export interface EmulatorOptions extends StandInOptions {
  /** else generated from `assets` and `seed` */
  catalog?: Catalog;
  /** size of the generated catalog, default 2000 */
  assets?: number;
  /** default 7; the same seed and assets give the same catalog */
  seed?: number;
  /** per-second budgets, default 50 / 20 (Enterprise quotas); 0 = unlimited */
  readQps?: number;
  writeQps?: number;
  /** what ListDataAssets sees: only tagged assets (default, as documented) or all */
  listScope?: 'tagged' | 'all';
  /**
   * TagDataAssets naming a key the asset has bound to another value: 'reject' it (default), or 'replace' the
   * value as a service may (undocumented), recorded as a `replaced-tag-value` violation: autotag's overwrite
   * unbinds first, so it never asks for a bound value to be replaced in one call
   */
  tagConflict?: 'reject' | 'replace';
  faults?: FaultOptions;
  /** the time delayed assets appear by (default the system clock); request dates are always checked against real time */
  clock?: Clock;
  /**
   * Violations this emulator is started to provoke (the emulator's own tests of its refusals): they are still
   * recorded and answered, and reported to the violation log as expected, so a suite's check passes them.
   */
  expectViolations?: ViolationKind[];
  /** the directory violations are reported to (default: the VIOLATION_LOG_ENV environment variable; none: not reported) */
  violationLog?: string;
}

export interface Emulator extends EmulatorControls, RunningStandIn {}

const optionsSchema = z
  .object({
    ...standInOptionShape,
    catalog: z.unknown().optional(),
    assets: z.number().int().min(0).optional(),
    seed: z.number().int().optional(),
    readQps: z.number().int().min(0).optional(),
    writeQps: z.number().int().min(0).optional(),
    listScope: z.enum(['tagged', 'all']).optional(),
    tagConflict: z.enum(['reject', 'replace']).optional(),
    faults: faultOptionsSchema.optional(),
    clock: clockSchema.optional(),
    expectViolations: z.array(z.enum(VIOLATION_KINDS)).optional(),
    violationLog: z.string().min(1).optional(),
  })
  .strict();

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  checkedOptions(optionsSchema, options, 'emulator options');
  const clock = options.clock ?? systemClock;
  const catalog = options.catalog ? parseCatalog(options.catalog) : generateCatalog({ assets: options.assets ?? 2000, seed: options.seed ?? 7 });
  const credentials = credentialsOf(options);
  const reportViolation = violationReporter(options);
  const service = new DataWorksService({
    catalog,
    credentials,
    readQps: options.readQps ?? 50,
    writeQps: options.writeQps ?? 20,
    listScope: options.listScope ?? 'tagged',
    tagConflict: options.tagConflict ?? 'reject',
    faults: options.faults,
    now: systemClock.now,
    visibilityNow: () => clock.now(),
    onViolation: reportViolation,
  });
  const controls: EmulatorControls = {
    catalog: () => service.catalog(),
    calls: () => service.calls(),
    violations: () => service.violations(),
    setFaults: (faults) => service.setFaults(faults),
    setQps: (read, write) => service.setQps(read, write),
    resetStats: () => service.resetStats(),
    delayAsset: (request) => {
      const { assetId, visibleAt, visibleInMs, visibleAfterReads } = checkedOptions(delayRequestSchema, request, 'asset delay');
      const at = visibleAt ?? (visibleInMs === undefined ? undefined : clock.now() + visibleInMs);
      if (!service.delayAsset({ assetId, ...(at !== undefined && { visibleAt: at }), ...(visibleAfterReads !== undefined && { visibleAfterReads }) }))
        throw new InvalidInputError([{ field: 'assetId', message: `no table or task with id ${assetId}` }], 'asset delay');
    },
    revealAsset: (assetId) => service.revealAsset(assetId),
    delayedAssets: () => service.delayedAssets(),
  };
  const host = options.host ?? '127.0.0.1';
  const server = await serve(service, controls, host, options.port ?? 0);
  const running = runningStandIn(host, server, credentials);
  reportViolation.listening(running.url);
  return { ...controls, ...running };
}
