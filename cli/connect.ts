/**
 * The clients a CLI command uses: DataWorks at `--endpoint` or `--region` (or their environment variables), and
 * STS where a run asks who it acts as, both signed with one default credential chain per process; rate limits
 * from `--read-qps/--write-qps` (else the account quotas). Built once per command.
 */
import type { Clock } from '../shared/clock';
import { defaultChainCredentials, type Credentials } from '../shared/credentials';
import { createDataWorksClient, resolveEndpoint, type DataWorksClient, type ResolvedEndpoint } from '../shared/dataworks';
import { createActorResolver, stsEndpoint } from '../shared/identity';
import type { Logger } from '../shared/log';
import type { BudgetFlags, TargetFlags } from './options';

let chain: (() => Promise<Credentials>) | undefined;
/** the process's one default chain: a provider that fetches (an ECS role) fetches for every client alike */
const credentials = () => (chain ??= defaultChainCredentials());

/** The API `--endpoint` or `--region` (or their environment variables) name. */
export const endpointOf = (flags: TargetFlags): ResolvedEndpoint => resolveEndpoint({ regionId: flags.region, endpoint: flags.endpoint });

/** `deps.stop`: once it fires, no new call starts (the run ends as at a deadline). */
export function connect(flags: TargetFlags & BudgetFlags, deps: { clock: Clock; logger: Logger; stop?: AbortSignal }): DataWorksClient {
  return createDataWorksClient({
    credentials: credentials(),
    endpoint: endpointOf(flags),
    clock: deps.clock,
    logger: deps.logger,
    stop: deps.stop,
    limits: { readQps: flags.readQps, writeQps: flags.writeQps },
  });
}

/**
 * The ARN of the identity a run of this process acts as, asked of STS (AUTOTAG_STS_ENDPOINT, else beside a
 * loopback endpoint, else the region's) at the first call; `onFailure` is told when it cannot be read.
 */
export function connectActor(flags: TargetFlags & { stsEndpoint?: ResolvedEndpoint }, deps: { logger: Logger; onFailure: (message: string) => void }): () => Promise<string | undefined> {
  const endpoint = stsEndpoint({ explicit: flags.stsEndpoint, dataworks: endpointOf(flags) });
  return createActorResolver({ credentials: credentials(), endpoint, logger: deps.logger, onFailure: deps.onFailure });
}
