/**
 * The benchmark's scenarios, in the order they run. `byDefault` ones make a plain `npm run bench` (a few minutes
 * on the 2-core reference machine); the large ones run only when BENCH_SCENARIOS names them.
 */
import { continuationScenario, functionRssScenario } from './continuation';
import { inProcess } from './in-process';
import { quotaScenario } from './quota';
import { rssScenario } from './rss';
import type { Scenario } from './scenario';
import { seedRecipeScenario } from './seed-recipe';
import { tableCacheScenario } from './table-cache';

const ENTERPRISE = { read: 50, write: 20 };
/** both sides scaled alike, so 100,000 assets take about as long as 10,000 at the real quota */
const SCALED = { read: 500, write: 200 };

export const SCENARIOS: readonly Scenario[] = [
  inProcess,
  quotaScenario({ name: 'quota-10k', description: '10,000 assets at the real 50/20', byDefault: true, assets: 10_000, quota: ENTERPRISE, rules: 'plain' }),
  quotaScenario({ name: 'quota-10k-owner', description: '10,000 assets at 50/20 with a table-owner rule', byDefault: true, assets: 10_000, quota: ENTERPRISE, rules: 'owner' }),
  quotaScenario({ name: 'latency-10k', description: '10,000 assets at 50/20, 100 ms of latency per call', byDefault: true, assets: 10_000, quota: ENTERPRISE, rules: 'plain', latencyMs: 100 }),
  quotaScenario({ name: 'storm-10k-owner', description: '10,000 assets with a table-owner rule, the service granting a tenth of a 500/200 budget', byDefault: true, assets: 10_000, quota: SCALED, rules: 'owner', storm: 0.1 }),
  rssScenario('rss-100k', 100_000, 'plan', true),
  rssScenario('rss-apply-100k', 100_000, 'apply', true),
  {
    name: 'function-rss-100k',
    description: 'peak RSS of the scheduled function applying 100,000 assets in one invocation (local FC, 512 MB)',
    byDefault: true,
    run: (ctx) => functionRssScenario(Math.round(100_000 * ctx.scale)),
  },
  quotaScenario({ name: 'scaled-100k', description: '100,000 assets at a scaled 500/200', byDefault: false, assets: 100_000, quota: SCALED, rules: 'plain' }),
  quotaScenario({ name: 'scaled-100k-owner', description: '100,000 assets at a scaled 500/200 with a table-owner rule', byDefault: false, assets: 100_000, quota: SCALED, rules: 'owner' }),
  quotaScenario({ name: 'latency-10k-owner', description: '10,000 assets at 50/20 with a table-owner rule, 100 ms of latency per call', byDefault: false, assets: 10_000, quota: ENTERPRISE, rules: 'owner', latencyMs: 100 }),
  rssScenario('rss-1m', 1_000_000, 'plan', false),
  rssScenario('rss-apply-1m', 1_000_000, 'apply', false),
  tableCacheScenario,
  seedRecipeScenario('seed-10k', 'plain'),
  seedRecipeScenario('seed-10k-owner', 'owner'),
  {
    name: 'continuation-200k',
    description: '200,000 assets through timer → shards → continuations on the local FC (2 s timeout, a fifth delivered twice)',
    byDefault: false,
    run: (ctx) => continuationScenario({ assets: Math.round(200_000 * ctx.scale) }),
  },
];

/** seed-recipe scenario → the autotag scenario it is compared with */
export const COMPARED: Readonly<Record<string, string>> = { 'seed-10k': 'quota-10k', 'seed-10k-owner': 'quota-10k-owner' };
