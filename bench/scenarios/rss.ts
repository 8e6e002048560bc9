/**
 * Peak memory of the autotag process over a large catalog (emulator unlimited so the run is as fast as the
 * machine allows), as the CLI runs by default: a dry run (`autotag plan`, text output) or an apply (`autotag
 * apply`, the blast-radius limit lifted to the catalog's size so the whole plan is written). What the scheduled
 * function's 512 MB must hold; the target is 256 MB either way.
 */
import { runAutotag } from '../autotag-process';
import { startEmulatorProcess } from '../emulator-process';
import { round, RULES, type Scenario } from './scenario';

const ARGS = {
  plan: ['plan', '--rules', RULES.plain, '--read-qps', '1000000', '--no-table-cache', '--lines', '1'],
  apply: ['apply', '--rules', RULES.plain, '--read-qps', '1000000', '--write-qps', '1000000', '--no-table-cache'],
} as const;

export function rssScenario(name: string, assets: number, command: keyof typeof ARGS, byDefault: boolean): Scenario {
  return {
    name,
    description: `peak RSS of ${command === 'plan' ? 'a dry run' : 'an apply'} over ${assets.toLocaleString('en')} assets`,
    byDefault,
    async run(ctx) {
      const size = Math.max(50, Math.round(assets * ctx.scale));
      ctx.log(`${name}: generating ${size} assets`);
      const emulator = await startEmulatorProcess({ assets: size, seed: 7, readQps: 0, writeQps: 0 });
      try {
        ctx.log(`${name}: ${command}`);
        const args = command === 'apply' ? [...ARGS.apply, '--max-bindings', String(size), '--json'] : ARGS.plan;
        const run = await runAutotag(emulator, [...args]);
        const applied = run.report?.totals.applied;
        return { assets: size, exitCode: run.exitCode, seconds: round(run.processMs / 1000, 1), applied, peakRssMiB: run.peakRssMiB, targetMiB: 256, met: run.exitCode === 0 && (run.peakRssMiB ?? Infinity) < 256 };
      } finally {
        await emulator.stop();
      }
    },
  };
}
