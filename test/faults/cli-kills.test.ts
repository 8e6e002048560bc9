/**
 * The kill scenarios (scenarios.ts): the built CLI's `apply --audit-log` SIGKILLed at a seeded random write
 * call — a proxy holds that call and every one after it, so the kill lands with the calls before it answered or
 * in flight, wherever it falls (a key change, an unbind, a bind) — then run again. The re-run must end ok in
 * exactly the state a clean run reaches, report every binding it wrote (the catalog gained exactly what it
 * says it applied), and the audit file of both runs must explain every value changed since the start (an
 * overwrite the kill cut short by its intent record); no emulator violation.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../../emulator/prng';
import { startEmulator, type Emulator } from '../../emulator';
import type { AuditRecord, RunReport } from '../../shared/engine';
import { parseRuleSet } from '../../shared/rules';
import { cleanRun, gained, stateOf } from '../support/expected-state';
import { startHoldingProxy } from '../support/holding-proxy';
import { overwritesUnderSkip } from '../support/overwrites';
import { WRITE_KINDS_RULES } from '../support/write-kinds-rules';
import { credentialsEnv, killOnceHeld, runCli } from '../cli/built-cli';
import { expectCountsAddUp } from './checks';
import { KILL_SCENARIOS } from './scenarios';

const FAST = ['--read-qps', '1000', '--write-qps', '500'];
const WRITES = new Set(['CreateDataAssetTag', 'UpdateDataAssetTag', 'TagDataAssets', 'UnTagDataAssets']);

describe.each(KILL_SCENARIOS.map((s) => [s.id, s] as const))('fault scenario: %s', (_id, s) => {
  let emulator: Emulator;
  let log: string;
  let rules: string;
  beforeAll(async () => {
    emulator = await startEmulator({ ...s.catalog, readQps: 0, writeQps: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'autotag-kill-'));
    [log, rules] = [join(dir, 'audit.jsonl'), join(dir, 'rules.yaml')];
    writeFileSync(rules, WRITE_KINDS_RULES);
  });
  afterAll(() => emulator.stop());
  const apply = (endpoint: string) => ['apply', '--rules', rules, '--endpoint', endpoint, '--audit-log', log, '--json', ...FAST];

  it('killed at a random write call and run again: the expected state, every binding reported, every change audited', async () => {
    const clean = await cleanRun(s.catalog, WRITE_KINDS_RULES);
    const killAt = 1 + Math.floor(seededRandom(s.seed)() * clean.writeCalls);
    const initial = emulator.catalog();
    let writes = 0;
    const proxy = await startHoldingProxy(emulator.url, (action) => (writes += WRITES.has(action) ? 1 : 0) >= killAt);
    expect((await killOnceHeld(apply(proxy.url), credentialsEnv(emulator.credentials), proxy)).code).toBeNull();
    const killedAt = emulator.catalog();
    expect(stateOf(killedAt)).not.toEqual(clean.state);

    const again = await runCli(apply(emulator.url), credentialsEnv(emulator.credentials));
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout) as RunReport;
    expect(report.status).toBe('ok');
    expectCountsAddUp({ report, before: killedAt, after: emulator.catalog() });
    expect(gained(killedAt, emulator.catalog())).toHaveLength(report.result.applied);
    expect(stateOf(emulator.catalog())).toEqual(clean.state);
    const trail = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditRecord);
    expect(overwritesUnderSkip(parseRuleSet(WRITE_KINDS_RULES, 'rules.yaml'), initial, emulator.catalog(), trail)).toEqual([]);
    expect(emulator.violations()).toEqual([]);
  });
});
