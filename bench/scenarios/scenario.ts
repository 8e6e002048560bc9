/**
 * What a benchmark scenario is (one module each, listed in `index.ts`, chosen with BENCH_SCENARIOS) and the
 * figures they share: the calls the emulator saw, split by budget, and each run's ratios to the minimum and to
 * the quota bound (the longer of reads ÷ read QPS and writes ÷ write QPS: no run at that quota can be faster).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CallStats } from '../../emulator';
import { budgetOf, type ActionName } from '../../shared/dataworks';

export interface BenchContext {
  /** BENCH_SCALE: every scenario's catalog size is multiplied by it (1 = the sizes the names say) */
  scale: number;
  /** BENCH_ASSETS: the in-process run's catalog size */
  assets: number;
  log(message: string): void;
}

export interface Scenario {
  name: string;
  description: string;
  /** part of a plain `npm run bench`; the others only when BENCH_SCENARIOS names them */
  byDefault: boolean;
  run(ctx: BenchContext): Promise<Record<string, unknown>>;
}

export const RULES = {
  plain: resolve(__dirname, '..', 'bench', 'rules.yaml'),
  owner: resolve(__dirname, '..', 'bench', 'rules-owner.yaml'),
} as const;

export const round = (n: number, digits = 2) => (Number.isFinite(n) ? +n.toFixed(digits) : null);
export const scratchDir = (what: string) => mkdtempSync(join(tmpdir(), `autotag-bench-${what}-`));

/** What the emulator answered, by budget: successful calls, and attempts throttled. */
export interface CallCounts {
  reads: number;
  writes: number;
  getTables: number;
  bindCalls: number;
  throttled: number;
  attempts: number;
}

export function countsOf(stats: CallStats): CallCounts {
  const succeeded = (budget: 'read' | 'write') =>
    Object.entries(stats.byAction)
      .filter(([action]) => budgetOf(action as ActionName) === budget)
      .reduce((n, [, s]) => n + s.succeeded, 0);
  return {
    reads: succeeded('read'),
    writes: succeeded('write'),
    getTables: stats.byAction.GetTable?.succeeded ?? 0,
    bindCalls: stats.byAction.TagDataAssets?.succeeded ?? 0,
    throttled: stats.throttled,
    attempts: stats.total,
  };
}

export const quotaBoundSeconds = (c: CallCounts, quota: { read: number; write: number }) => Math.max(c.reads / quota.read, c.writes / quota.write);

/** A run's figures as ratios to what no run can do without: the quota bound and the minimum calls (comparisons divide these). */
export function callRatios(seconds: number, c: CallCounts, quota: { read: number; write: number }, minimum: { reads: number; bindCalls?: number }) {
  return {
    seconds: round(seconds, 1),
    wallOverQuotaBound: round(seconds / quotaBoundSeconds(c, quota)),
    reads: c.reads,
    readsOverMinimum: round(c.reads / minimum.reads),
    getTables: c.getTables,
    bindCalls: c.bindCalls,
    bindCallsOverMinimum: minimum.bindCalls === undefined ? undefined : round(c.bindCalls / minimum.bindCalls),
    throttled: c.throttled,
    throttledShare: round(c.throttled / Math.max(1, c.attempts), 4),
  };
}
