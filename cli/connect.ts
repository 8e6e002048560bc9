/**
 * The DataWorks client a CLI command uses: endpoint from `--endpoint` or `--region` (or their environment
 * variables), credentials from the default chain, rate limits from `--read-qps/--write-qps` (else the
 * account quotas). Built once per command.
 */
import type { Clock } from '../shared/clock';
import { defaultChainCredentials } from '../shared/credentials';
import { createDataWorksClient, resolveEndpoint, type DataWorksClient, type ResolvedEndpoint } from '../shared/dataworks';
import type { Logger } from '../shared/log';
import type { BudgetFlags, TargetFlags } from './options';

/** The API `--endpoint` or `--region` (or their environment variables) name. */
export const endpointOf = (flags: TargetFlags): ResolvedEndpoint => resolveEndpoint({ regionId: flags.region, endpoint: flags.endpoint });

/** `deps.stop`: once it fires, no new call starts (the run ends as at a deadline). */
export function connect(flags: TargetFlags & BudgetFlags, deps: { clock: Clock; logger: Logger; stop?: AbortSignal }): DataWorksClient {
  return createDataWorksClient({
    credentials: defaultChainCredentials(),
    endpoint: endpointOf(flags),
    clock: deps.clock,
    logger: deps.logger,
    stop: deps.stop,
    limits: { readQps: flags.readQps, writeQps: flags.writeQps },
  });
}
