/**
 * `npm run bench` (build, then `node dist/bench.js`) as the README documents it, on a small catalog: it runs,
 * writes its JSON, and says what it met. The build is the suite's global setup.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '..', '..');

describe('bench', () => {
  it('the benchmark writes bench/results/latest.json with the run, the re-run, validate and the targets', async () => {
    const env = { ...process.env, BENCH_SCENARIOS: 'run', BENCH_ASSETS: '400', BENCH_VALIDATE_RULES: '500' };
    await promisify(execFile)(process.execPath, ['dist/bench.js'], { cwd: ROOT, env, timeout: 120_000 });
    const result = JSON.parse(readFileSync(resolve(ROOT, 'bench', 'results', 'latest.json'), 'utf8'));
    expect(result.catalogAssets).toBe(400);
    expect(result.firstRun.status).toBe('ok');
    expect(result.firstRun.bindingsApplied).toBeGreaterThan(0);
    expect(result.rerun.writeCalls).toBe(0);
    expect(result.met.rerunWritesNothing).toBe(true);
    expect(result.validate).toEqual({ rules: 500, seconds: expect.any(Number), warnings: 0 });
    expect(Object.keys(result.targets)).toEqual(expect.arrayContaining(['firstRunSeconds', 'peakRssMiB', 'validateSeconds']));
  });

  it('runs the scale scenarios with the emulator and autotag in processes of their own, as ratios measured in one run', async () => {
    const env = { ...process.env, BENCH_SCENARIOS: 'quota-10k,storm-10k-owner', BENCH_SCALE: '0.02' };
    await promisify(execFile)(process.execPath, ['dist/bench.js'], { cwd: ROOT, env, timeout: 120_000 });
    const { scenarios } = JSON.parse(readFileSync(resolve(ROOT, 'bench', 'results', 'latest.json'), 'utf8'));
    const quota = scenarios['quota-10k'];
    expect(quota).toMatchObject({ assets: 200, ok: true, firstRun: { status: 'ok', sourceErrors: 0 }, rerun: { writes: 0 } });
    for (const ratio of ['readsOverMinimum', 'bindCallsOverMinimum', 'wallOverQuotaBound']) expect(quota.firstRun[ratio]).toBeGreaterThanOrEqual(1);
    expect(quota.firstRun.peakRssMiB).toBeGreaterThan(0);
    expect(quota.rerun.readsOverFirst).toBeGreaterThan(0);
    const storm = scenarios['storm-10k-owner'];
    expect(storm).toMatchObject({ granted: { read: 50, write: 20 }, stateComplete: true, leftToWrite: 0, firstRun: { sourceErrors: 0 } });
    expect(storm.firstRun.getTables).toBeGreaterThan(0);
  });
});
