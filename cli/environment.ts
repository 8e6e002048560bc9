/**
 * The AUTOTAG_* variables the CLI shares with the functions (the region, the blast-radius limit, the QPS
 * budgets, the log level, the STS endpoint, the notifications), read and checked by the functions' own configuration
 * (shared/runtime), as defaults of the flags of the same meaning: a flag wins over its variable. A bad value,
 * or an AUTOTAG_* name autotag does not read, is an input error naming the variable, before any API call.
 */
import type { ResolvedEndpoint } from '../shared/dataworks';
import type { LogLevel } from '../shared/log';
import type { NotifyConfig } from '../shared/notify';
import { readSharedSettings } from '../shared/runtime';
import type { BudgetFlags, TargetFlags } from './options';

/** The flags a shared variable is the default of (plan, apply, coverage). */
type SharedFlags = TargetFlags & BudgetFlags & { maxBindings?: number; logLevel?: LogLevel };

export type Environment = Readonly<Record<string, string | undefined>>;

export interface EnvironmentFlags {
  /** AUTOTAG_NOTIFY_*: where `apply` notifies when the rule set has no `notify:` section */
  notify?: NotifyConfig;
  /** the environment itself: a rule set's `notify:` section may name variables to read */
  env: Environment;
  /** AUTOTAG_STS_ENDPOINT: where `apply` asks who it acts as */
  stsEndpoint?: ResolvedEndpoint;
}

export function withEnvironment<F extends SharedFlags>(flags: F, env: Environment): F & EnvironmentFlags {
  const shared = readSharedSettings(env);
  return {
    ...flags,
    region: flags.region ?? shared.region,
    readQps: flags.readQps ?? shared.readQps,
    writeQps: flags.writeQps ?? shared.writeQps,
    maxBindings: flags.maxBindings ?? shared.maxBindings,
    logLevel: flags.logLevel ?? shared.logLevel,
    notify: shared.notify,
    stsEndpoint: shared.stsEndpoint,
    env,
  };
}
