/**
 * `npm run bench`: runs the chosen scenarios (scenarios/; BENCH_SCENARIOS=a,b,... or `all`, default: those marked
 * byDefault), writes one JSON file to bench/results/ and prints it. Targets are checked here, never in tests: a
 * test asserts behaviour, a benchmark speed. BENCH_SCALE multiplies every scenario's catalog (e.g. 0.1 for a quick
 * look); BENCH_ASSETS sets the in-process run's. The in-process run's figures stay at the top of the file, as
 * before; the others go under `scenarios`, and each seed-recipe scenario is compared with its autotag twin.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { COMPARED, SCENARIOS } from './scenarios';
import type { BenchContext } from './scenarios/scenario';

type Figures = Record<string, unknown>;

function chosen(): typeof SCENARIOS {
  const asked = process.env.BENCH_SCENARIOS?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!asked?.length) return SCENARIOS.filter((s) => s.byDefault);
  if (asked.includes('all')) return SCENARIOS;
  const unknown = asked.filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length) throw new Error(`unknown BENCH_SCENARIOS ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}, all`);
  return SCENARIOS.filter((s) => asked.includes(s.name));
}

/** How many times the seed's recipe is slower, and makes more bind calls, than autotag on the same catalog. */
function comparisons(results: Record<string, Figures>): Figures {
  const out: Figures = {};
  for (const [seed, autotag] of Object.entries(COMPARED)) {
    const s = results[seed];
    const a = results[autotag]?.firstRun as Figures | undefined;
    if (!s || !a) continue;
    out[`${seed} vs ${autotag}`] = {
      slower: +((s.seconds as number) / (a.seconds as number)).toFixed(1),
      bindCalls: +((s.bindCalls as number) / (a.bindCalls as number)).toFixed(1),
      throttledShare: { seed: s.throttledShare, autotag: a.throttledShare },
    };
  }
  return out;
}

async function main() {
  const ctx: BenchContext = {
    scale: Number(process.env.BENCH_SCALE ?? 1),
    assets: Number(process.env.BENCH_ASSETS ?? 20000),
    log: (m) => process.stderr.write(`[bench] ${m}\n`),
  };
  const results: Record<string, Figures> = {};
  for (const scenario of chosen()) {
    const t = process.hrtime.bigint();
    results[scenario.name] = { ...(await scenario.run(ctx)), benchSeconds: Math.round(Number(process.hrtime.bigint() - t) / 1e9) };
  }
  const { run, ...scenarios } = results;
  const result = {
    benchmark: 'autotag',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version },
    command: `BENCH_SCENARIOS=${Object.keys(results).join(',')}${ctx.scale !== 1 ? ` BENCH_SCALE=${ctx.scale}` : ''} npm run bench`,
    ...run,
    scenarios,
    comparisons: comparisons(results),
  };
  const dir = resolve(__dirname, '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${result.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(JSON.stringify(result, null, 2) + `\nwritten to ${file}\n`);
  // Speed targets are reported, not enforced by the exit code: a loaded machine must not turn a measurement into
  // a failure. A scenario that says it went wrong (a run that did not finish, a re-run that wrote) fails it.
  if (Object.values(results).some((r) => r.ok === false)) process.exitCode = 1;
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
