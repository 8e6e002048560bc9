/**
 * `apply --audit-log` through the built CLI, as a process (issue 10, defects 2 and 3). A log file that fills up
 * mid-run (a real size limit: RLIMIT_FSIZE, which holds for root too) stops every further write at once:
 * exit 5, the report says what was applied, the lines written stay whole, and each change the file lacks is in
 * the report; a re-run finishes the job. A run SIGKILLed between an overwrite's unbind and its bind (a proxy
 * holds the bind) leaves the old value in the log as the overwrite's intent; the next run binds the new value,
 * and its binding record (old value null) pairs with that intent. Paths the log cannot use at all are refused
 * before any call: the CLI-flag rows of the bad-input corpus (test/corpus/cli-flags.ts).
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Catalog, type Emulator } from '../../emulator';
import type { AuditRecord, IntentAuditRecord, RunReport } from '../../shared/engine';
import { parseRuleSet } from '../../shared/rules';
import { cleanRun, gained, stateOf } from '../support/expected-state';
import { startHoldingProxy } from '../support/holding-proxy';
import { overwritesUnderSkip } from '../support/overwrites';
import { WRITE_KINDS_RULES } from '../support/write-kinds-rules';
import { credentialsEnv, finished, killOnceHeld, runCli, startCliWithFileLimit } from './built-cli';

const CATALOG = { assets: 600, seed: 3 };
const FAST = ['--read-qps', '1000', '--write-qps', '500'];
/** the log's size limit: a few calls' worth of audit lines, far less than the whole run's */
const LOG_LIMIT_KIB = 40;

const readLog = (path: string): AuditRecord[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditRecord);
/** the values records say were bound (`assetId|key|value`), as gained() names bindings */
const boundBy = (records: readonly AuditRecord[]) => records.flatMap((r) => (r.kind === 'binding' && r.newValue !== null ? [`${r.assetId}|${r.key}|${r.newValue}`] : [])).sort();
const valueIn = (c: Catalog, assetId: string, key: string) => c.bindings.find((b) => b.assetId === assetId && b.key === key)?.value ?? null;
const idsOf = (url: string): string[] => JSON.parse(new URL(url, 'http://proxy').searchParams.get('DataAssetIds') ?? '[]') as string[];

describe('cli: apply --audit-log', () => {
  let emulator: Emulator;
  let dir: string;
  let rules: string;
  let env: Record<string, string>;
  const apply = (log: string, endpoint = emulator.url) => ['apply', '--rules', rules, '--endpoint', endpoint, '--audit-log', log, '--json', ...FAST];
  beforeEach(async () => {
    emulator = await startEmulator({ ...CATALOG, readQps: 0, writeQps: 0 });
    env = credentialsEnv(emulator.credentials);
    dir = mkdtempSync(join(tmpdir(), 'autotag-audit-'));
    rules = join(dir, 'rules.yaml');
    writeFileSync(rules, WRITE_KINDS_RULES);
  });
  afterEach(() => emulator.stop());

  it('a log that fills up mid-run stops every write at once (exit 5), reports what was applied, and a re-run finishes', async () => {
    const log = join(dir, 'audit.jsonl');
    const before = emulator.catalog();
    const r = await finished(startCliWithFileLimit(apply(log), env, LOG_LIMIT_KIB));

    expect(r.code).toBe(5);
    const report = JSON.parse(r.stdout) as RunReport;
    expect(report.status).toBe('partial');
    expect(report.stoppedBy).toMatchObject({ code: 'AUDIT_LOG_FAILED', message: expect.stringMatching(/cannot append to .*audit\.jsonl: EFBIG/) });
    expect(report.result.notStarted).toBeGreaterThan(0);
    expect(report.result.applied).toBeGreaterThan(0);
    // the lines written stay, each whole (a line cut short by the limit is cut back off)
    expect(readFileSync(log, 'utf8').endsWith('\n')).toBe(true);
    expect(statSync(log).size).toBeLessThanOrEqual(LOG_LIMIT_KIB * 1024);
    const logged = readLog(log);
    // every change is on record, in the file or in the report: exactly what the catalog gained
    const unwritten = report.auditFailure!.records;
    expect(report.auditFailure!.unwritten).toBe(unwritten.length);
    expect([...logged, ...unwritten].filter((a) => a.kind === 'binding')).toHaveLength(report.result.applied);
    expect(boundBy([...logged, ...unwritten])).toEqual(gained(before, emulator.catalog()));

    const again = await runCli(apply(log), env);
    expect(again.code).toBe(0);
    expect(stateOf(emulator.catalog())).toEqual((await cleanRun(CATALOG, WRITE_KINDS_RULES)).state);
    expect(boundBy([...readLog(log), ...unwritten])).toEqual(gained(before, emulator.catalog()));
  });

  it('a run killed between an overwrite\'s unbind and its bind leaves the old value on record; the next run binds the new one', async () => {
    const log = join(dir, 'audit.jsonl');
    const before = emulator.catalog();
    const unbound = new Set<string>();
    let held: string[] = [];
    // hold the first bind naming an asset whose unbind has passed (its answer came back: the bind follows it), and every call after it
    const proxy = await startHoldingProxy(emulator.url, (action, url) => {
      if (held.length) return true;
      if (action === 'UnTagDataAssets') idsOf(url).forEach((id) => unbound.add(id));
      if (action !== 'TagDataAssets' || !idsOf(url).some((id) => unbound.has(id))) return false;
      held = idsOf(url).filter((id) => unbound.has(id));
      return true;
    });
    expect((await killOnceHeld(apply(log, proxy.url), env, proxy)).code).toBeNull();
    // the kill cost the old value: unbound, not yet replaced
    const killedAt = emulator.catalog();
    const victim = held[0];
    const oldValue = valueIn(before, victim, 'classification');
    expect(oldValue).not.toBeNull();
    expect(valueIn(killedAt, victim, 'classification')).toBeNull();
    const killedRun = readLog(log);
    const intent = killedRun.find((a): a is IntentAuditRecord => a.kind === 'intent' && a.assetId === victim);
    expect(intent).toMatchObject({ key: 'classification', oldValue, newValue: 'confidential', ruleId: 'personal-confidential', runId: expect.any(String), time: expect.any(String) });
    expect(killedRun.filter((a) => a.kind === 'binding' && a.assetId === victim && a.key === 'classification')).toEqual([]);

    const again = await runCli(apply(log), env);
    expect(again.code).toBe(0);
    expect(stateOf(emulator.catalog())).toEqual((await cleanRun(CATALOG, WRITE_KINDS_RULES)).state);
    const trail = readLog(log);
    const next = (JSON.parse(again.stdout) as RunReport).runId;
    // how a reader pairs them (README, "Audit"): an intent with no binding of its own run is a change the run did not
    // finish; the value bound after it says how far it got: the new value (its bind landed, the answer was lost to
    // the kill), none (the next run's binding from null finishes it, as for the victim), or still the old one (the
    // unbind never left: the next run overwrites it, with its own intent)
    const unfinished = trail.filter((a): a is IntentAuditRecord => a.kind === 'intent' && !trail.some((b) => b.kind === 'binding' && b.runId === a.runId && b.assetId === a.assetId && b.key === a.key));
    expect(unfinished.map((a) => a.assetId)).toContain(victim);
    for (const a of unfinished) {
      const finishedBy = trail.filter((b) => b.kind === 'binding' && b.runId === next && b.assetId === a.assetId && b.key === a.key);
      if (valueIn(killedAt, a.assetId, a.key) === a.newValue) expect(finishedBy).toEqual([]);
      else expect(finishedBy).toEqual([expect.objectContaining({ oldValue: valueIn(killedAt, a.assetId, a.key), newValue: a.newValue, ruleId: a.ruleId })]);
    }
    expect(overwritesUnderSkip(parseRuleSet(WRITE_KINDS_RULES, 'rules.yaml'), before, emulator.catalog(), trail)).toEqual([]);
  });
});
