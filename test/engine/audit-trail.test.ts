/**
 * The audit trail of a run that writes (issue 10, defects 2 and 3), with the audit sink in the test: an
 * overwrite's `intent` (old → new) reaches the sink while the old value is still bound, and its `binding`
 * once the new one is; a sink that throws stops every write at once (one write call at a time here, so "no
 * call started after it" is exact), the run reports what it applied, and each change the sink did not take
 * is in the report. The emulator's catalog is the judge of what was written.
 */
import type { Catalog } from '../../emulator';
import { AuditLogError } from '../../shared/errors';
import { createLogger } from '../../shared/log';
import { runRules, type AuditRecord, type BindingAuditRecord, type IntentAuditRecord, type RunDeps } from '../../shared/engine';
import { parseRuleSet } from '../../shared/rules';
import { gained } from '../support/expected-state';
import { startHarness, type Harness } from '../support/harness';
import { WRITE_KINDS_RULES } from '../support/write-kinds-rules';

const ruleSet = () => parseRuleSet(WRITE_KINDS_RULES, 'write-kinds.yaml');
const valueIn = (c: Catalog, assetId: string, key: string) => c.bindings.find((b) => b.assetId === assetId && b.key === key)?.value ?? null;
const boundBy = (records: readonly AuditRecord[]) =>
  records.flatMap((r) => (r.kind === 'binding' && r.newValue !== null ? [`${r.assetId}|${r.key}|${r.newValue}`] : [])).sort();

/** A sink that takes `take` records (of those `counts` picks), then throws as a full disk would; it notes the write calls made by then. */
function failingSink(h: Harness, take: number, counts: (r: AuditRecord) => boolean = () => true) {
  const taken: AuditRecord[] = [];
  let seen = 0;
  const state = { writeCallsAtFailure: -1 };
  const audit: RunDeps['audit'] = (record) => {
    if (counts(record) && ++seen > take) {
      if (state.writeCallsAtFailure < 0) state.writeCallsAtFailure = h.emulator.calls().writeCalls;
      throw new AuditLogError('cannot append to audit.jsonl: ENOSPC: no space left on device, write', 'ENOSPC');
    }
    taken.push(record);
  };
  return { audit, taken, state };
}

describe('engine: the audit trail', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ assets: 600, seed: 3 });
  });
  afterEach(() => h.stop());

  it("records an overwrite's intent while the old value is bound, and its binding once the new one is", async () => {
    // each record of an overwrite, with the value the asset had when the sink got it
    const seen: { record: IntentAuditRecord | BindingAuditRecord; bound: string | null }[] = [];
    const audit = (record: AuditRecord) => {
      if (record.kind === 'intent' || (record.kind === 'binding' && record.oldValue !== null)) seen.push({ record, bound: valueIn(h.emulator.catalog(), record.assetId, record.key) });
    };
    const report = await runRules({ ruleSet: ruleSet(), trigger: 'cli' }, { ...h.deps(), audit });
    expect(report.status).toBe('ok');
    const intents = seen.filter((s): s is { record: IntentAuditRecord; bound: string | null } => s.record.kind === 'intent');
    expect(report.plan.overwrite).toBeGreaterThan(0);
    expect(intents).toHaveLength(report.plan.overwrite);
    for (const { record: intent, bound } of intents) {
      expect(bound).toBe(intent.oldValue);
      const done = seen.filter((s) => s.record.kind === 'binding' && s.record.assetId === intent.assetId && s.record.key === intent.key);
      expect(done.map((s) => s.record)).toEqual([expect.objectContaining({ runId: intent.runId, ruleId: intent.ruleId, oldValue: intent.oldValue, newValue: intent.newValue })]);
      expect(done[0].bound).toBe(intent.newValue);
      expect(seen.indexOf(done[0])).toBeGreaterThan(seen.findIndex((s) => s.record === intent));
    }
  });

  it('without a sink of its own (the functions), the intent is a log line before the change it announces', async () => {
    const lines: { msg: string; audit?: AuditRecord }[] = [];
    const logger = createLogger({ write: (line) => lines.push(JSON.parse(line) as { msg: string; audit?: AuditRecord }) });
    await runRules({ ruleSet: ruleSet(), trigger: 'timer' }, { ...h.deps(), logger });
    const intended = lines.filter((l) => l.msg === 'tag change intended');
    expect(intended.length).toBeGreaterThan(0);
    for (const l of intended) {
      const intent = l.audit as IntentAuditRecord;
      const changed = lines.findIndex((c) => c.msg === 'tag changed' && c.audit?.kind === 'binding' && c.audit.assetId === intent.assetId && c.audit.key === intent.key && c.audit.oldValue === intent.oldValue);
      expect(changed).toBeGreaterThan(lines.indexOf(l));
    }
  });

  it('a sink that fails stops every write at once: no call starts after it, and each change it did not take is reported', async () => {
    const before = h.emulator.catalog();
    const sink = failingSink(h, 150, (r) => r.kind === 'binding');
    const report = await runRules({ ruleSet: ruleSet(), trigger: 'cli' }, { ...h.deps(), writeConcurrency: 1, audit: sink.audit });

    expect(report.status).toBe('partial');
    expect(report.stoppedBy).toMatchObject({ code: 'AUDIT_LOG_FAILED', message: expect.stringContaining('ENOSPC') });
    // the write call whose answer hit the failure was the last one
    expect(h.emulator.calls().writeCalls).toBe(sink.state.writeCallsAtFailure);
    expect(report.result.notStarted).toBeGreaterThan(0);
    expect(report.result.applied + report.result.notStarted + report.result.failed).toBe(report.plan.plannedWrites);
    // what the sink took plus what the report lists is exactly what was applied, and what the catalog gained
    const unwritten = report.auditFailure!.records;
    expect(report.auditFailure!.unwritten).toBe(unwritten.length);
    expect(unwritten.length).toBeGreaterThan(0);
    const recorded = [...sink.taken, ...unwritten];
    expect(recorded.filter((r) => r.kind === 'binding')).toHaveLength(report.result.applied);
    expect(boundBy(recorded)).toEqual(gained(before, h.emulator.catalog()));
  });

  it('a sink that cannot take an intent stops before that unbind: the old value stays, nothing is lost', async () => {
    const before = h.emulator.catalog();
    const sink = failingSink(h, 0, (r) => r.kind === 'intent');
    const report = await runRules({ ruleSet: ruleSet(), trigger: 'cli' }, { ...h.deps(), writeConcurrency: 1, audit: sink.audit });

    expect(report.stoppedBy?.code).toBe('AUDIT_LOG_FAILED');
    expect(h.emulator.calls().byAction.UnTagDataAssets).toBeUndefined();
    expect(h.emulator.calls().writeCalls).toBe(sink.state.writeCallsAtFailure);
    // no value was removed; the intent that failed changed nothing, so the report lists no intent
    const removed = before.bindings.filter((b) => valueIn(h.emulator.catalog(), b.assetId, b.key) !== b.value);
    expect(removed).toEqual([]);
    expect(report.auditFailure!.records.filter((r) => r.kind === 'intent')).toEqual([]);
  });
});
