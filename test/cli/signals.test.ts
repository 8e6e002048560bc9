/**
 * SIGINT and SIGTERM to the built CLI in the middle of a run: it stops at a safe point (the call in flight
 * finishes, no new call starts), prints the report so far with the stop named as an interruption, and exits
 * 130 / 143; a second signal exits at once. A proxy in front of the emulator holds a call, so the signal comes
 * while that call is in flight, and records every call that arrives.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator';
import type { RunReport } from '../../shared/engine';
import { startHoldingProxy, type HoldingProxy } from '../support/holding-proxy';
import { credentialsEnv, finished, startCli, stderrSays } from './built-cli';

/** Two tag keys the emulator's catalog lacks: apply creates them one after the other, then binds. */
const RULES = `
version: 1
tagKeys:
  - key: stop-a
  - key: stop-b
sources:
  tables: { maxcomputeProjects: [sales_dw, user_dw] }
rules:
  - id: a
    match: { name: "ods_*" }
    tags: { stop-a: "yes" }
  - id: b
    match: { name: "dwd_*" }
    tags: { stop-b: "yes" }
`;

const FAST = ['--read-qps', '1000', '--write-qps', '500'];
const WRITES = new Set(['CreateDataAssetTag', 'UpdateDataAssetTag', 'TagDataAssets', 'UnTagDataAssets']);
const ACKNOWLEDGED = 'stopping at a safe point';

type InterruptedReport = RunReport & { stoppedBy: { code: string; reason: string; interruptedBy: string; message: string } };

describe('cli: SIGINT / SIGTERM during a run', () => {
  let emulator: Emulator;
  let proxy: HoldingProxy | undefined;
  let rules: string;
  beforeAll(async () => {
    emulator = await startEmulator({ assets: 400, seed: 13, readQps: 0, writeQps: 0 });
    rules = join(mkdtempSync(join(tmpdir(), 'autotag-signals-')), 'rules.yaml');
    writeFileSync(rules, RULES);
  });
  afterEach(async () => {
    proxy?.release();
    await proxy?.stop();
    proxy = undefined;
  });
  afterAll(() => emulator.stop());

  /** Runs the CLI through a proxy holding `held` calls, and sends `signal` once one is held; settles when the CLI says it is stopping. */
  async function interruptWhileHeld(held: string, args: string[], signal: NodeJS.Signals) {
    proxy = await startHoldingProxy(emulator.url, (action) => action === held);
    const child = startCli([...args, '--rules', rules, '--endpoint', proxy.url, ...FAST], credentialsEnv(emulator.credentials));
    const done = finished(child);
    await proxy.firstHeld;
    const acknowledged = stderrSays(child, ACKNOWLEDGED);
    child.kill(signal);
    await acknowledged;
    return { child, done, proxy };
  }

  it('SIGINT during apply: the write in flight finishes, no other call starts, the report says so, exit 130', async () => {
    const { done, proxy } = await interruptWhileHeld('CreateDataAssetTag', ['apply', '--json'], 'SIGINT');
    const arrivedBeforeRelease = proxy.arrived.length;
    proxy.release();
    const r = await done;

    expect(r.code).toBe(130);
    const report = JSON.parse(r.stdout) as InterruptedReport;
    expect(report.status).toBe('deadline');
    expect(report.stoppedBy).toMatchObject({ code: 'DEADLINE_EXCEEDED', reason: 'interrupted', interruptedBy: 'SIGINT' });
    expect(report.stoppedBy.message).toContain('interrupted by SIGINT');
    expect(report.result.applied).toBe(0);
    expect(report.result.notStarted).toBe(report.plan.plannedWrites);
    expect(report.plan.plannedWrites).toBeGreaterThan(0);
    // one write reached the API, the held one; nothing at all arrived after the signal
    expect(proxy.arrived.filter((a) => WRITES.has(a))).toEqual(['CreateDataAssetTag']);
    expect(proxy.arrived).toHaveLength(arrivedBeforeRelease);
    // the call in flight was finished, not abandoned: exactly one of the two keys exists
    const created = emulator.catalog().tagKeys.filter((k) => k.key === 'stop-a' || k.key === 'stop-b');
    expect(created).toHaveLength(1);
    expect(report.api.calls.CreateDataAssetTag).toBe(1);
  });

  it('SIGTERM during planning: the reads in flight finish, nothing is written, the partial report is printed, exit 143', async () => {
    const { done, proxy } = await interruptWhileHeld('ListTables', ['apply'], 'SIGTERM');
    proxy.release();
    const r = await done;

    expect(r.code).toBe(143);
    expect(r.stdout).toMatch(/^Interrupted: .*interrupted by SIGTERM: no further API call was started/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(proxy.arrived.filter((a) => WRITES.has(a))).toEqual([]);
  });

  it('a second signal while stopping exits at once, without waiting for the call in flight', async () => {
    const { child, done } = await interruptWhileHeld('CreateDataAssetTag', ['apply', '--json'], 'SIGINT');
    child.kill('SIGINT');
    const r = await done; // the held call is never released before the process ends
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('SIGINT again: exiting at once');
    expect(r.stdout).toBe('');
  });
});
