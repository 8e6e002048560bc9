/**
 * The local Function Compute: our picture of FC 3.0 for tests and benchmarks, on loopback only.
 * - api-server.ts, api-fc3.ts, api-fc2.ts: the invoke API of both versions (ACS3 V3 / `FC <id>:<sig>`
 *   signatures verified), Sync and Async, 128 KB / 32 MB payload limits, async task ids (409 on a repeat).
 * - gateway.ts, http-event.ts: an HTTP trigger (`authType: function` or `anonymous`) in front of a
 *   function, mapping requests to the FC 3.0 HTTP event and results back to responses.
 * - runtime.ts, pool.ts, instance.ts, instance-main.js: functions registered by bundle path (functions.ts)
 *   run in child Node processes, one invocation per instance at a time, instances started up to a cap,
 *   killed on timeout; async invocations queued, retried up to maxAsyncRetryAttempts, optionally (seeded)
 *   delivered twice.
 * - invocations.ts: the invocation log and waits (the control surface); timers.ts: real or manual timers.
 * Not modelled: versions and aliases (only LATEST), throttling and concurrency quotas (429), async
 * destinations, maxAsyncEventAgeInSeconds, instance recycling while idle, the 2.0 `/proxy/` trigger path,
 * trigger `methods`, JWT triggers, provisioned instances and initializer hooks.
 */
import { z } from 'zod';
import { InvalidInputError } from '../../shared/errors';
import { credentialSchema, type AccessKeyCredential } from '../auth';
import { endpointOf } from '../http';
import { accountOf, accountOptionShape, checkedOptions, standInOptionShape, type CloudAccount, type StandInOptions } from '../options';
import { fc2Route } from './api-fc2';
import { fc3Route } from './api-fc3';
import { serveApi } from './api-server';
import { FunctionRegistry, type FunctionSpecInput } from './functions';
import { newTriggerId, serveGateway, type AuthType } from './gateway';
import { checkInstanceRunner } from './instance';
import type { InvocationRecord } from './invocations';
import { FcRuntime, type DuplicateDelivery } from './runtime';
import { realTimers, type Timers } from './timers';

export { manualTimers, realTimers, type ManualTimers, type Timers } from './timers';
export { HTTP_TRIGGER_RULES, type AuthType } from './gateway';
export { fc2Signature, fc2StringToSign, type Fc2SignedRequest } from './fc2-signature';
export { goCanonicalHeaderKey } from './http-event';
export { ASYNC_PAYLOAD_LIMIT, SYNC_PAYLOAD_LIMIT } from './invoke-request';
export type { FunctionSpecInput } from './functions';
export type { FunctionError } from './instance';
export type { AttemptRecord, InvocationRecord, InvocationType, InvocationVia } from './invocations';
export type { DuplicateDelivery } from './runtime';

/**
 * `host` and `port` of the API endpoint as every stand-in takes them (each HTTP trigger gets a free port of
 * its own); `accountId` and `region` default to options.ts's account, the EventBridge fake's too.
 */
export interface LocalFcOptions extends Pick<StandInOptions, 'host' | 'port'>, Partial<CloudAccount> {
  /** the identities allowed to invoke (AccessKey pairs and STS triples); a function's role is not one unless listed */
  callers: AccessKeyCredential[];
  functions?: FunctionSpecInput[];
  duplicates?: DuplicateDelivery;
  /** default real timers */
  timers?: Timers;
  /** the clock signatures are checked against and durations measured with, default Date.now */
  now?: () => number;
}

export interface HttpTrigger {
  /** 'http://127.0.0.1:<port>' */
  url: string;
  /** '<trigger>.<region>.fcapp.run', as the event's requestContext says */
  domainName: string;
  stop(): Promise<void>;
}

export interface LocalFc extends CloudAccount {
  /** 'http://127.0.0.1:<port>': AUTOTAG_FC_ENDPOINT */
  url: string;
  /** the invokers' `endpoint` option */
  endpoint: { endpoint: string; protocol: 'HTTP' };
  register(spec: FunctionSpecInput): void;
  startHttpTrigger(functionName: string, options?: { authType?: AuthType }): Promise<HttpTrigger>;
  /** a copy of the invocation log, in the order invocations arrived */
  invocations(): InvocationRecord[];
  /** Resolves when nothing is queued, delayed or running; rejects after `boundMs` (default 30 s). */
  waitIdle(boundMs?: number): Promise<void>;
  /** Resolves once `condition()` holds, checked at every change of the log; rejects after `boundMs`. */
  waitUntil(condition: () => boolean, boundMs?: number): Promise<void>;
  /** Ends every instance and server. */
  stop(): Promise<void>;
}

const optionsSchema = z
  .object({
    ...accountOptionShape,
    callers: z.array(credentialSchema).min(1),
    functions: z.array(z.unknown()).optional(),
    duplicates: z.object({ rate: z.number().min(0).max(1), seed: z.number().int() }).strict().optional(),
    timers: z.custom<Timers>((v) => typeof (v as Timers | undefined)?.start === 'function', 'must be Timers').optional(),
    now: z.custom<() => number>((v) => typeof v === 'function', 'must be a function').optional(),
    host: standInOptionShape.host,
    port: standInOptionShape.port,
  })
  .strict();

const DEFAULT_BOUND_MS = 30_000;

export async function startLocalFc(options: LocalFcOptions): Promise<LocalFc> {
  checkedOptions(optionsSchema, options, 'local FC options');
  checkInstanceRunner();
  const account = accountOf(options);
  const now = options.now ?? Date.now;
  const host = options.host ?? '127.0.0.1';
  const registry = new FunctionRegistry();
  for (const spec of options.functions ?? []) registry.register(spec);
  const runtime = new FcRuntime(account, options.timers ?? realTimers, now, options.duplicates);
  const routes = [fc3Route(options.callers, now), fc2Route(options.callers, now)];
  const api = await serveApi({ registry, runtime, routes, now }, host, options.port ?? 0);
  const triggers = new Set<() => Promise<void>>();
  const endpoint = endpointOf(host, api.port);

  return {
    url: `http://${endpoint}`,
    endpoint: { endpoint, protocol: 'HTTP' },
    ...account,
    register: (spec) => void registry.register(spec),
    async startHttpTrigger(functionName, triggerOptions = {}) {
      const spec = registry.get(functionName);
      if (!spec) throw new InvalidInputError([{ field: 'functionName', message: `no function "${functionName}" is registered` }], 'HTTP trigger');
      const triggerId = newTriggerId(functionName);
      const deps = { spec, runtime, callers: options.callers, account, now, authType: triggerOptions.authType ?? 'function', triggerId };
      const server = await serveGateway(deps, host, 0);
      triggers.add(server.stop);
      const stop = () => (triggers.delete(server.stop) ? server.stop() : Promise.resolve());
      return { url: `http://${endpointOf(host, server.port)}`, domainName: `${triggerId}.${account.region}.fcapp.run`, stop };
    },
    invocations: () => runtime.log.snapshot(),
    waitIdle: (boundMs = DEFAULT_BOUND_MS) => runtime.log.waitUntil(() => runtime.idle(), boundMs, () => runtime.describe()),
    waitUntil: (condition, boundMs = DEFAULT_BOUND_MS) => runtime.log.waitUntil(condition, boundMs, () => runtime.describe()),
    async stop() {
      await runtime.stop();
      await Promise.all([api.stop(), ...[...triggers].map((stop) => stop())]);
      triggers.clear();
    },
  };
}
