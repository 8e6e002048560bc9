/**
 * Full runs at a quota, the emulator in its own process and autotag in another (`apply --json`): the first run
 * and a re-run over the unchanged catalog, each as ratios measured in that run — bind calls and reads to their
 * minimum (../minimums.ts), wall time to the quota bound, the share of calls throttled, the re-run's reads and
 * GetTable calls to the first run's. Variants: a quota scaled for large catalogs (both sides alike), 100 ms of
 * latency per call, and a throttling storm (the emulator granting a tenth of the client's budget), after which
 * a dry run at full speed must find nothing left to write and every partition read.
 */
import { readFileSync } from 'node:fs';
import type { Catalog } from '../../emulator';
import { parseRuleSet } from '../../shared/rules';
import { runAutotag, type AutotagRun } from '../autotag-process';
import { startEmulatorProcess, type EmulatorProcess } from '../emulator-process';
import { minimumBindCalls, minimumGetTables, minimumListingPages } from '../minimums';
import { callRatios, countsOf, quotaBoundSeconds, round, RULES, scratchDir, type BenchContext, type CallCounts, type Scenario } from './scenario';

export interface QuotaSpec {
  name: string;
  description: string;
  byDefault: boolean;
  assets: number;
  /** the client's budgets, and the emulator's unless `storm` */
  quota: { read: number; write: number };
  rules: keyof typeof RULES;
  /** the emulator grants this share of the quota */
  storm?: number;
  /** added to every call by the emulator */
  latencyMs?: number;
  seed?: number;
}

function figures(run: AutotagRun, c: CallCounts, quota: QuotaSpec['quota'], minimum: { reads: number; bindCalls?: number }) {
  return {
    status: run.report?.status ?? `exit ${run.exitCode}`,
    sourceErrors: run.report?.sourceErrors.length,
    quotaBoundSeconds: round(quotaBoundSeconds(c, quota), 1),
    ...callRatios((run.report?.durationMs ?? NaN) / 1000, c, quota, minimum),
    writes: c.writes,
    peakRssMiB: run.peakRssMiB,
  };
}

async function measured(emulator: EmulatorProcess, args: string[]): Promise<{ run: AutotagRun; calls: CallCounts }> {
  await emulator.reset();
  const run = await runAutotag(emulator, args);
  if (!run.report) throw new Error(`autotag exited ${run.exitCode}: ${run.stderrTail}`);
  return { run, calls: countsOf(await emulator.calls()) };
}

export function quotaScenario(spec: QuotaSpec): Scenario {
  return {
    name: spec.name,
    description: spec.description,
    byDefault: spec.byDefault,
    async run(ctx: BenchContext) {
      const assets = Math.max(50, Math.round(spec.assets * ctx.scale));
      const share = spec.storm ?? 1;
      // what the emulator grants: the whole budget, or in a storm a share of it
      const granted = { read: Math.round(spec.quota.read * share), write: Math.round(spec.quota.write * share) };
      const emulator = await startEmulatorProcess({ assets, seed: spec.seed ?? 7, readQps: granted.read, writeQps: granted.write });
      try {
        if (spec.latencyMs) await emulator.setFaults({ latencyMs: spec.latencyMs });
        const ruleSet = parseRuleSet(readFileSync(RULES[spec.rules], 'utf8'), RULES[spec.rules]);
        const before: Catalog = await emulator.state();
        const listingPages = minimumListingPages(before, ruleSet);
        const minimumReads = listingPages + minimumGetTables(before, ruleSet);
        const cache = scratchDir('table-cache');
        const apply = ['apply', '--rules', RULES[spec.rules], '--json', '--read-qps', String(spec.quota.read), '--write-qps', String(spec.quota.write), '--max-bindings', '100000000', '--table-cache', cache];
        ctx.log(`${spec.name}: first run over ${assets} assets`);
        const first = await measured(emulator, apply);
        const minimumBinds = minimumBindCalls(before, await emulator.state());
        const out: Record<string, unknown> = {
          assets,
          quota: spec.quota,
          granted: spec.storm ? granted : undefined,
          latencyMs: spec.latencyMs,
          rules: spec.rules,
          minimum: { reads: minimumReads, listingPages, bindCalls: minimumBinds },
          firstRun: figures(first.run, first.calls, spec.quota, { reads: minimumReads, bindCalls: minimumBinds }),
        };
        if (spec.storm) {
          out.wallOverGrantedBound = round((first.run.report!.durationMs / 1000) / quotaBoundSeconds(first.calls, { read: spec.quota.read * share, write: spec.quota.write * share }));
          // the storm is over: does a dry run at full speed find anything left?
          await emulator.setQps(0, 0);
          const check = await measured(emulator, ['plan', '--rules', RULES[spec.rules], '--json', '--read-qps', '100000', '--no-table-cache']);
          out.stateComplete = check.run.report!.plan.plannedWrites === 0 && check.run.report!.sourceErrors.length === 0;
          out.leftToWrite = check.run.report!.plan.plannedWrites;
          out.ok = first.run.report!.status === 'ok' && out.stateComplete;
          return out;
        }
        ctx.log(`${spec.name}: re-run`);
        const again = await measured(emulator, apply);
        out.rerun = {
          // with the table details cached, a re-run's minimum is the listing alone
          ...figures(again.run, again.calls, spec.quota, { reads: listingPages }),
          readsOverFirst: round(again.calls.reads / first.calls.reads, 3),
          getTablesOverFirst: first.calls.getTables ? round(again.calls.getTables / first.calls.getTables, 3) : undefined,
        };
        out.ok = first.run.report!.status === 'ok' && again.calls.writes === 0;
        return out;
      } finally {
        await emulator.stop();
      }
    },
  };
}
