/**
 * The DataWorks client a CLI command uses: endpoint from `--endpoint` or `--region` (or their environment
 * variables), credentials from the default chain, rate limits from `--read-qps/--write-qps` (else the
 * account quotas). Built once per command.
 */
import type { Clock } from '../shared/clock';
import { defaultChainCredentials } from '../shared/credentials';
import { createDataWorksClient, resolveEndpoint, type DataWorksClient } from '../shared/dataworks';
import type { Logger } from '../shared/log';
import type { BudgetFlags, TargetFlags } from './options';

/** `deps.stop`: once it fires, no new call starts (the run ends as at a deadline). */
export function connect(flags: TargetFlags & BudgetFlags, deps: { clock: Clock; logger: Logger; stop?: AbortSignal }): DataWorksClient {
  const endpoint = resolveEndpoint({ regionId: flags.region, endpoint: flags.endpoint });
  return createDataWorksClient({
    credentials: defaultChainCredentials(),
    endpoint,
    clock: deps.clock,
    logger: deps.logger,
    stop: deps.stop,
    limits: { readQps: flags.readQps, writeQps: flags.writeQps },
  });
}
