/**
 * DataWorks' two QPS budgets (reference README, decision 3): reads (List*, Get*) and writes (Create*,
 * Update*, Tag*, UnTag*) are counted apart, 50/s and 20/s on Enterprise Edition, per account and region for
 * every caller together; each entry of the action table (actions/) says which one it counts against. One
 * rate limiter per budget; concurrent shards of one run each take their share.
 */
import type { Clock } from '../clock';
import { createRateLimiter, type RateLimiter } from '../retry';

export type Budget = 'read' | 'write';

export const DEFAULT_QPS: Readonly<Record<Budget, number>> = { read: 50, write: 20 };

export interface BudgetOptions {
  readQps?: number;
  writeQps?: number;
  /** concurrent shards of one run sharing the account's budgets (default 1) */
  shards?: number;
}

export type ApiLimiters = Record<Budget, RateLimiter>;

export function createApiLimiters(clock: Clock, options: BudgetOptions = {}): ApiLimiters {
  const shards = options.shards ?? 1;
  return {
    read: createRateLimiter({ ratePerSecond: options.readQps ?? DEFAULT_QPS.read, shards, clock }),
    write: createRateLimiter({ ratePerSecond: options.writeQps ?? DEFAULT_QPS.write, shards, clock }),
  };
}
