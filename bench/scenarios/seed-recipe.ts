/**
 * The seed's recipe (../baseline.ts) on the same 10,000-asset catalog at the real 50/20, measured as the autotag
 * scenarios are: wall time, bind calls and reads to their minimum, throttled share. `main.ts` divides the
 * matching autotag scenario's figures by these when both ran.
 */
import { readFileSync } from 'node:fs';
import { parseRuleSet } from '../../shared/rules';
import { runSeedRecipe, seedClient } from '../baseline';
import { startEmulatorProcess } from '../emulator-process';
import { minimumBindCalls, minimumGetTables, minimumListingPages } from '../minimums';
import { callRatios, countsOf, RULES, type Scenario } from './scenario';

export function seedRecipeScenario(name: string, rules: keyof typeof RULES): Scenario {
  return {
    name,
    description: `the seed's recipe (one call at a time, pages of 10, one bind call per asset and tag, doubling backoff) over 10,000 assets at 50/20, ${rules} rules`,
    byDefault: false,
    async run(ctx) {
      const assets = Math.max(50, Math.round(10_000 * ctx.scale));
      const quota = { read: 50, write: 20 };
      const emulator = await startEmulatorProcess({ assets, seed: 7, readQps: quota.read, writeQps: quota.write });
      try {
        const ruleSet = parseRuleSet(readFileSync(RULES[rules], 'utf8'), RULES[rules]);
        const before = await emulator.state();
        const minimumReads = minimumListingPages(before, ruleSet) + minimumGetTables(before, ruleSet);
        ctx.log(`${name}: the seed's recipe over ${assets} assets`);
        const started = process.hrtime.bigint();
        await runSeedRecipe(seedClient(emulator), ruleSet);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const c = countsOf(await emulator.calls());
        const minimumBinds = minimumBindCalls(before, await emulator.state());
        return {
          assets,
          quota,
          rules,
          ...callRatios(seconds, c, quota, { reads: minimumReads, bindCalls: minimumBinds }),
        };
      } finally {
        await emulator.stop();
      }
    },
  };
}
