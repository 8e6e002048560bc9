/**
 * A saved plan, as the engine checks and applies it: checkSavedPlan passes the JSON lines of a whole dry run
 * and refuses, each with its reason, one made with another rule set, against another API, by a run that wrote,
 * one of a newer format, and one that is not whole (no report line, a line after it, a report of another run,
 * partitions unread, sources unreadable, bindings cut away). A dry run asked to explain assets streams an
 * explanation of each from its own evaluation, which the reader skips; the engine refuses records without
 * their header.
 */
import { checkSavedPlan, explainAsset, planRecordLine, readPlanRecords, runRules, selectRules, type PlanRecord, type RunReport } from '../../shared/engine';
import { parseRuleSet } from '../../shared/rules';
import { LAYER_AND_DIM_RULES, WAREHOUSE_KEYS } from '../support/engine-rules';
import { suiteHarness } from '../support/harness';

const rules = (extra = '') => `
version: 1
${WAREHOUSE_KEYS}
sources:
  tables: { maxcomputeProjects: [sales_dw, user_dw${extra}] }
${LAYER_AND_DIM_RULES}
`;

const ENDPOINT = 'http://127.0.0.1:1';

describe('engine: saved plans', () => {
  const h = suiteHarness({ assets: 600, seed: 23 });
  const ruleSet = parseRuleSet(rules(), 'saved.yaml');

  /** A dry run's records and report, and its JSON lines as the CLI saves them (the header naming ENDPOINT). */
  async function dryRun(explain?: string[], rs = ruleSet) {
    const records: PlanRecord[] = [];
    const report = await runRules({ ruleSet: rs, trigger: 'cli', dryRun: true, explain }, { ...h.deps(), observer: { plan: (r) => records.push(r.kind === 'plan' ? { ...r, endpoint: ENDPOINT } : r) } });
    const lines = (r: RunReport = report) => [...records.map(planRecordLine), `${JSON.stringify({ kind: 'report', report: r })}\n`].join('').split('\n');
    return { records, report, lines };
  }
  const expected = { ruleSetHash: '', endpoint: ENDPOINT };
  const refusal = (field: string, message: RegExp) => ({ code: 'INVALID_INPUT', issues: expect.arrayContaining([expect.objectContaining({ field, message: expect.stringMatching(message) })]) });

  it('passes a whole plan and says how many bindings and writes it holds', async () => {
    const { lines, report } = await dryRun();
    const summary = await checkSavedPlan(lines(), { ...expected, ruleSetHash: report.ruleSetHash });
    expect(summary.header).toMatchObject({ kind: 'plan', runId: report.runId, endpoint: ENDPOINT });
    expect(summary.bindings).toBe(report.plan.bind + report.plan.present + report.plan.conflict);
    expect(summary.writes).toBe(report.plan.plannedWrites);
    expect(summary.writes).toBeGreaterThan(0);
  });

  it('refuses a plan made with another version of the rule set, or against another API, naming the fix', async () => {
    const { lines, report } = await dryRun();
    await expect(checkSavedPlan(lines(), { ...expected, ruleSetHash: 'f'.repeat(64) })).rejects.toMatchObject(refusal('plan.ruleSetHash', /rule set changed.*plan again/));
    await expect(checkSavedPlan(lines(), { ruleSetHash: report.ruleSetHash, endpoint: 'https://dataworks.cn-hangzhou.aliyuncs.com' })).rejects.toMatchObject(
      refusal('plan.endpoint', /made against http:\/\/127\.0\.0\.1:1, not https:\/\/dataworks\.cn-hangzhou\.aliyuncs\.com/),
    );
  });

  it('refuses a plan that is not whole: no report line, a line after it, a report of another run, bindings cut away', async () => {
    const { lines, report } = await dryRun();
    const ok = { ...expected, ruleSetHash: report.ruleSetHash };
    const all = lines();
    const reportAt = all.findIndex((l) => l.startsWith('{"kind":"report"'));
    await expect(checkSavedPlan(all.slice(0, reportAt), ok)).rejects.toMatchObject(refusal('report', /no report line/));
    await expect(checkSavedPlan([...all.slice(0, reportAt + 1), planRecordLine(dryRunBinding(all))], ok)).rejects.toMatchObject(refusal(`line ${reportAt + 2}`, /follows the report line/));
    await expect(checkSavedPlan(lines({ ...report, runId: 'another' }), ok)).rejects.toMatchObject(refusal('report.runId', /mixes two runs/));
    const cut = all.filter((_, i) => i !== 1);
    await expect(checkSavedPlan(cut, ok)).rejects.toMatchObject(refusal('report.plan', /cut or edited/));
  });

  it('refuses a plan whose report says it missed partitions or sources, or that a run that wrote made', async () => {
    const { lines, report, records } = await dryRun();
    const ok = { ...expected, ruleSetHash: report.ruleSetHash };
    await expect(checkSavedPlan(lines({ ...report, status: 'deadline', unread: { partitions: 2, cut: 1, assetsLeft: 40, labels: ['tables user_dw'] } }), ok)).rejects.toMatchObject(
      refusal('report.unread', /incomplete: 2 partition/),
    );
    await expect(checkSavedPlan(lines({ ...report, sourceErrors: [{ source: 'tables', partition: 'tables x', code: 'C', message: 'm' }] }), ok)).rejects.toMatchObject(
      refusal('report.sourceErrors', /1 source\(s\) could not be read/),
    );
    await expect(checkSavedPlan(lines({ ...report, status: 'deadline' }), ok)).rejects.toMatchObject(refusal('report.status', /is "deadline": only a plan that ran to its end/));
    const wrote = [planRecordLine({ ...records[0], dryRun: false } as PlanRecord), ...lines().slice(1)];
    await expect(checkSavedPlan(wrote, ok)).rejects.toMatchObject(refusal('plan.dryRun', /not a plan/));
  });

  it('refuses a plan of a newer format by name, and a file that is no plan', async () => {
    const { lines, report } = await dryRun();
    const ok = { ...expected, ruleSetHash: report.ruleSetHash };
    const [header, ...rest] = lines();
    const newer = [header.replace('"formatVersion":1', '"formatVersion":2'), ...rest];
    await expect(checkSavedPlan(newer, ok)).rejects.toMatchObject(refusal('line 1', /format 2, written by a newer autotag/));
    await expect(checkSavedPlan(['version: 1', 'rules: []'], ok)).rejects.toMatchObject(refusal('line 1', /is not JSON/));
    await expect(checkSavedPlan([], ok)).rejects.toMatchObject(refusal('line 1', /empty/));
  });

  it('explains the assets a dry run is asked about from its own evaluation, says which it never saw, and the reader skips them', async () => {
    const plain = await dryRun();
    const name = plain.records.find((r) => r.kind === 'binding')!.assetName;
    h.emulator.resetStats();
    const { records, lines, report } = await dryRun([name, 'no_such_table']);
    // no asset was read again to explain it
    expect(report.api.calls).toEqual(plain.report.api.calls);
    const explanations = records.filter((r): r is PlanRecord & { kind: 'explanation' } => r.kind === 'explanation');
    const explained = explanations.filter((x) => x.outcome === 'explained');
    expect(explained.length).toBeGreaterThan(0);
    for (const x of explained) {
      if (x.outcome !== 'explained') continue;
      expect(x).toMatchObject({ input: name, explanation: { asset: { name } } });
      // the same explanation explainAsset gives of the view the plan evaluated
      expect(x.explanation).toEqual(explainAsset(selectRules(ruleSet), x.explanation.asset, { detailsFetched: x.explanation.details === 'fetched', asPlanned: true }));
      const planned = records.filter((r) => r.kind === 'binding' && r.assetId === x.explanation.asset.id);
      expect(x.explanation.result.map((b) => `${b.key}=${b.value}`).sort()).toEqual(planned.map((b) => (b.kind === 'binding' ? `${b.key}=${b.value}` : '')).sort());
    }
    expect(explanations.filter((x) => x.outcome === 'not-in-plan')).toEqual([{ kind: 'explanation', input: 'no_such_table', outcome: 'not-in-plan' }]);
    const back: PlanRecord[] = [];
    for await (const r of readPlanRecords(lines())) back.push(r);
    expect(back).toEqual(records.filter((r) => r.kind !== 'explanation'));
    await expect(checkSavedPlan(lines(), { ...expected, ruleSetHash: report.ruleSetHash })).resolves.toMatchObject({ writes: report.plan.plannedWrites });
  });

  it('refuses to apply records that do not start with their header, before any write', async () => {
    const { records } = await dryRun();
    h.emulator.resetStats();
    await expect(runRules({ ruleSet, trigger: 'cli', plan: records.slice(1) }, h.deps())).rejects.toMatchObject({ code: 'INVALID_INPUT', issues: [expect.objectContaining({ message: expect.stringContaining('starts with its "plan" header') })] });
    expect(h.emulator.calls().writeCalls).toBe(0);
  });
});

/** Any binding record of the plan's lines. */
function dryRunBinding(lines: string[]): PlanRecord {
  return JSON.parse(lines.find((l) => l.startsWith('{"kind":"binding"'))!) as PlanRecord;
}
