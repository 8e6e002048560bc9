/**
 * What a handler works with, split by lifetime. Built once per cold start (`coldStart`): the configuration,
 * the bundled rule sets, the base logger — safe to keep, the bundle and environment cannot change under an
 * instance. Built per invocation (`openInvocation`): the FC context (request id, deadline) and everything
 * signed with its STS credentials, which FC hands over per invocation and may rotate.
 */
import { systemClock, type Clock } from '../clock';
import { defaultChainCredentials, type CredentialsSource } from '../credentials';
import { createDataWorksClient, resolveEndpoint, type DataWorksClient, type ResolvedEndpoint } from '../dataworks';
import { createTableDetailsCache, directoryStore, type TableDetailsCache } from '../discovery';
import type { RunCause, RunDeps, RunRequest } from '../engine';
import { createActorResolver, stsEndpoint } from '../identity';
import { createLogger, type Logger } from '../log';
import { boundHeapGrowth } from './heap';
import { loadConfig, type LoadConfigOptions, type RuntimeConfig } from './config';
import { deadlineMarginMs, readInvocationContext, type InvocationContext } from './context';
import { runNotifier, type RunNotifier } from './notifications';
import { createRuleSetCatalog, type RuleSetCatalog } from './rule-sets';
import { ConfigurationError, InvalidInputError } from '../errors';
import type { NotifyEvent } from '../notify';
import type { RuleSet } from '../rules';

type Env = Record<string, string | undefined>;

export interface ColdStart {
  config: RuntimeConfig;
  ruleSets: RuleSetCatalog;
  logger: Logger;
  clock: Clock;
  env: Env;
}

export interface ColdStartOptions extends LoadConfigOptions {
  env: Env;
  /** where log lines go (default stdout, which FC ships to the function's logstore) */
  write?: (line: string) => void;
  clock?: Clock;
}

export function coldStart(options: ColdStartOptions): ColdStart {
  boundHeapGrowth();
  const config = loadConfig(options.env, options);
  return {
    config,
    ruleSets: createRuleSetCatalog(config.rulesPath),
    logger: createLogger({ level: config.logLevel, write: options.write }),
    clock: options.clock ?? systemClock,
    env: options.env,
  };
}

/** `build` runs on first use and its result is kept for the instance's life; a build that throws runs again next time. */
export function perColdStart<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

/** The engine's dependencies for one run, with the DataWorks client they use. */
export type EngineDeps = RunDeps & { api: DataWorksClient };

export interface Invocation extends ColdStart {
  context: InvocationContext;
  /** the trigger's name (shared/triggers), the label its runs carry in reports, logs and audit records */
  trigger: string;
  /** bound to the request id, function name and trigger */
  logger: Logger;
  /** this invocation's credentials: FC's STS triple, else the default chain (local runs) */
  credentials: CredentialsSource;
  /** a DataWorks client for one run, signed with this invocation's credentials and stopping at its deadline */
  engineDeps(options?: { shards?: number }): EngineDeps;
  /**
   * Where a run of `ruleSet` tells how it ended (its `notify:` section, else AUTOTAG_NOTIFY_*), sending within the
   * function's timeout; undefined when nothing is configured. A shard tells only what went wrong with it.
   */
  notifier(ruleSet: RuleSet, options?: { shard?: boolean }): RunNotifier | undefined;
  /**
   * `request` with what its audit records name: this invocation's request id and the trigger's `cause`, and, for
   * a run that writes, the actor (the RAM identity of this invocation's credentials, asked of STS once per
   * invocation; left out, with a warning, when STS cannot say)
   */
  audited(request: RunRequest, cause?: Omit<RunCause, 'requestId'>): Promise<RunRequest>;
}

/** What a shard notifies: its failures. Tags bound and conflicts are the whole run's news, not one slice's. */
const SHARD_EVENTS: readonly NotifyEvent[] = ['failed', 'partial'];
/** kept back from the function's timeout for returning the result once a notification is sent */
const RETURN_MS = 500;

function dataworksEndpoint(config: RuntimeConfig, context: InvocationContext): ResolvedEndpoint {
  const regionId = config.region ?? context.region;
  if (config.dataworksEndpoint) return { ...config.dataworksEndpoint, regionId };
  if (!regionId) throw new ConfigurationError([{ field: 'AUTOTAG_REGION', message: 'no region: set AUTOTAG_REGION (inside FC, FC_REGION is set for you)' }]);
  try {
    return resolveEndpoint({ regionId, env: {} });
  } catch (e) {
    // a region no DataWorks endpoint is known for is the deployment's to fix, in the variable that named it
    if (!(e instanceof InvalidInputError)) throw e;
    const field = config.region ? 'AUTOTAG_REGION' : 'FC_REGION';
    throw new ConfigurationError(e.issues.map((i) => ({ field, message: i.message })));
  }
}

/** The table-details cache on the folder AUTOTAG_TABLE_CACHE names (the mount of s.yaml), one namespace per DataWorks endpoint. */
function tableDetails(cold: ColdStart, endpoint: ResolvedEndpoint, logger: Logger): TableDetailsCache | undefined {
  const { tableCacheDir, tableCacheTtlMs } = cold.config;
  if (!tableCacheDir) return undefined;
  return createTableDetailsCache({ store: directoryStore(tableCacheDir), clock: cold.clock, scope: endpoint.endpoint, ttlMs: tableCacheTtlMs, logger });
}

/** `startedAt`: epoch ms when the handler was entered (the deadline counts from it). */
export function openInvocation(cold: ColdStart, fcContext: unknown, trigger: string, startedAt: number): Invocation {
  const context = readInvocationContext(fcContext, startedAt, cold.env);
  const logger = cold.logger.child({ requestId: context.requestId, function: context.functionName, trigger });
  const credentials = context.credentials ?? defaultChainCredentials();
  const endpoint = dataworksEndpoint(cold.config, context);
  const { readQps, writeQps } = cold.config;
  const actor = createActorResolver({ credentials, endpoint: stsEndpoint({ explicit: cold.config.stsEndpoint, dataworks: endpoint }), logger });
  return {
    ...cold,
    context,
    trigger,
    logger,
    credentials,
    engineDeps(options = {}) {
      const api = createDataWorksClient({
        credentials,
        endpoint,
        clock: cold.clock,
        logger,
        deadline: context.deadline,
        limits: { readQps, writeQps, shards: options.shards },
      });
      return { api, clock: cold.clock, logger, deadline: context.deadline, metrics: () => api.metrics(), tableDetails: tableDetails(cold, endpoint, logger) };
    },
    notifier(ruleSet, options = {}) {
      // the deadline stops new API calls a margin before FC's timeout; a notification may use that margin
      const sendBy = context.deadline + deadlineMarginMs(context.timeoutSeconds * 1000) - RETURN_MS;
      return runNotifier(ruleSet, { fallback: cold.config.notify, env: cold.env, clock: cold.clock, logger, only: options.shard ? SHARD_EVENTS : undefined, sendBy });
    },
    async audited(request, cause = {}) {
      const actorArn = request.dryRun ? undefined : await actor();
      return { ...request, ...(actorArn && { actor: actorArn }), cause: { requestId: context.requestId, ...cause } };
    },
  };
}
