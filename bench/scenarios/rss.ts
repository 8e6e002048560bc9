/**
 * Peak memory of the autotag process on a dry run over a large catalog (`autotag plan`, text output, emulator
 * unlimited so the run is as fast as the machine allows): what the scheduled function's 512 MB must hold.
 */
import { runAutotag } from '../autotag-process';
import { startEmulatorProcess } from '../emulator-process';
import { round, RULES, type Scenario } from './scenario';

export function rssScenario(name: string, assets: number, byDefault: boolean): Scenario {
  return {
    name,
    description: `peak RSS of a dry run over ${assets.toLocaleString('en')} assets`,
    byDefault,
    async run(ctx) {
      const size = Math.max(50, Math.round(assets * ctx.scale));
      ctx.log(`${name}: generating ${size} assets`);
      const emulator = await startEmulatorProcess({ assets: size, seed: 7, readQps: 0, writeQps: 0 });
      try {
        ctx.log(`${name}: dry run`);
        const run = await runAutotag(emulator, ['plan', '--rules', RULES.plain, '--read-qps', '1000000', '--no-table-cache', '--lines', '1']);
        return { assets: size, exitCode: run.exitCode, seconds: round(run.processMs / 1000, 1), peakRssMiB: run.peakRssMiB, targetMiB: 256, met: (run.peakRssMiB ?? Infinity) < 256 };
      } finally {
        await emulator.stop();
      }
    },
  };
}
