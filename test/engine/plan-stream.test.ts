/**
 * The plan as a stream: every binding goes to the observer while the dry run's planDetail keeps a bounded
 * sample (the first in print order, per rule) beside exact counts; the records round-trip through JSON lines;
 * the asset observer sees every evaluated asset once with its tags after the run; the guard past its hold
 * writes window by window and never more than its limit; an asset named twice is evaluated once.
 */
import { parseRuleSet } from '../../shared/rules';
import { planRecordLine, printOrder, readPlanRecords, runRules, type PlannedBinding, type PlanRecord } from '../../shared/engine';
import type { AssetView } from '../../shared/discovery';
import { LAYER_AND_DIM_RULES, WAREHOUSE_KEYS } from '../support/engine-rules';
import { suiteHarness } from '../support/harness';

const rules = `
version: 1
${WAREHOUSE_KEYS}
sources:
  tagged: true
  tasks: { projects: [91234, 10001], env: [Prod, Dev] }
  tables: { maxcomputeProjects: [sales_dw, user_dw] }
settings: { maxBindings: 100000 }
${LAYER_AND_DIM_RULES}
`;

const isBinding = (r: PlanRecord): r is PlanRecord & PlannedBinding & { kind: 'binding' } => r.kind === 'binding';
const strip = ({ kind: _, ...b }: PlanRecord & { kind: 'binding' }): PlannedBinding => b;

describe('engine: the plan as a stream', () => {
  const h = suiteHarness({ assets: 3000, seed: 17 });
  const ruleSet = () => parseRuleSet(rules, 'stream.yaml');

  it('streams every binding while planDetail keeps per rule the first few in print order, with exact counts', async () => {
    const records: PlanRecord[] = [];
    const report = await runRules({ ruleSet: ruleSet(), trigger: 'cli', dryRun: true, planSample: 3 }, { ...h.deps(), observer: { plan: (r) => records.push(r) } });
    const bindings = records.filter(isBinding).map(strip);
    expect(records[0]).toMatchObject({ kind: 'plan', runId: report.runId, ruleSetHash: report.ruleSetHash, dryRun: true });
    expect(bindings).toHaveLength(report.plan.bind + report.plan.present + report.plan.conflict);
    const detail = report.planDetail!;
    const firstPerRule = ['layer-ods', 'public-dims'].flatMap((id) => bindings.filter((b) => b.ruleId === id).sort(printOrder).slice(0, 3));
    expect(detail.bindings).toEqual(firstPerRule);
    expect(detail.omitted).toBe(bindings.length - 6);
    for (const id of ['layer-ods', 'public-dims']) {
      const mine = bindings.filter((b) => b.ruleId === id);
      expect(report.plan.byRule[id]).toEqual({
        bind: mine.filter((b) => b.action === 'bind').length,
        present: mine.filter((b) => b.action === 'present').length,
        conflict: mine.filter((b) => b.action === 'conflict').length,
        overwrite: mine.filter((b) => b.resolution === 'overwrite').length,
      });
    }
  });

  it('reads its JSON lines back into the same records, and refuses a file that is not a plan', async () => {
    const records: PlanRecord[] = [];
    await runRules({ ruleSet: ruleSet(), trigger: 'cli', dryRun: true }, { ...h.deps(), observer: { plan: (r) => records.push(r) } });
    const lines = [...records.map(planRecordLine), `${JSON.stringify({ kind: 'report', report: {} })}\n`].join('').split('\n');
    const back: PlanRecord[] = [];
    for await (const r of readPlanRecords(lines)) back.push(r);
    expect(back).toEqual(records);
    await expect(readPlanRecords([planRecordLine(records[1])]).next()).rejects.toMatchObject({ code: 'INVALID_INPUT', issues: [expect.objectContaining({ field: 'line 1' })] });
    for (const bad of ['not json', '{"kind":"binding","assetId":"x"}']) {
      const reader = readPlanRecords([planRecordLine(records[0]), bad]);
      await reader.next();
      await expect(reader.next()).rejects.toMatchObject({ code: 'INVALID_INPUT', issues: expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(/^line 2/) })]) });
    }
  });

  it('shows every evaluated asset to the asset observer once, with its tags after the run', async () => {
    const seen = new Map<string, { view: AssetView; after: Record<string, string> }>();
    let twice = 0;
    const report = await runRules(
      { ruleSet: ruleSet(), trigger: 'cli' },
      { ...h.deps(), observer: { asset: (view, after) => (seen.has(view.id) ? twice++ : seen.set(view.id, { view, after: { ...after } })) } },
    );
    expect(report.status).toBe('ok');
    expect(twice).toBe(0);
    expect(seen.size).toBe(report.plan.assetsEvaluated);
    const now = new Map<string, Record<string, string>>();
    for (const b of h.emulator.catalog().bindings) now.set(b.assetId, { ...now.get(b.assetId), [b.key]: b.value });
    for (const [id, { after }] of seen) expect(after).toEqual(now.get(id) ?? {});
  });
});

describe('engine: the guard, by its limit', () => {
  const h = suiteHarness({ assets: 3000, seed: 19 });

  it('under a limit above the hold, writes window by window from the first and stops before the window that would pass it', async () => {
    const ruleSet = parseRuleSet(rules, 'guard.yaml');
    const planned = (await runRules({ ruleSet, trigger: 'cli', dryRun: true }, h.deps())).plan.plannedWrites;
    expect(planned).toBeGreaterThan(400);
    h.emulator.resetStats();
    const limit = Math.floor(planned * 0.6);
    const report = await runRules({ ruleSet, trigger: 'cli', maxBindings: limit }, { ...h.deps(), holdWrites: 50 });
    expect(report.status).toBe('blocked');
    expect(report.plan.plannedWrites).toBe(planned);
    expect(report.result.applied).toBeGreaterThan(0);
    expect(report.result.applied).toBeLessThanOrEqual(limit);
    expect(report.stoppedBy?.message).toContain(`the run would write ${planned} bindings, more than the limit of ${limit}; ${report.result.applied} were written before it stopped`);
    expect(report.result.notStarted).toBe(planned - report.result.applied);
  });

  it('under a limit up to the hold, writes nothing when the plan passes it', async () => {
    h.emulator.resetStats();
    const report = await runRules({ ruleSet: parseRuleSet(rules, 'guard.yaml'), trigger: 'cli', maxBindings: 40 }, { ...h.deps(), holdWrites: 50 });
    expect(report.status).toBe('blocked');
    expect(h.emulator.calls().writeCalls).toBe(0);
    expect(report.stoppedBy?.message).toContain('nothing was written');
  });
});

describe('engine: each asset evaluated once', () => {
  const h = suiteHarness({ assets: 400, seed: 2 });

  it('evaluates an asset two events name once', async () => {
    const task = h.emulator.catalog().tasks.find((t) => t.name.startsWith('ods_'))!;
    const ref = { kind: 'task' as const, taskId: task.id, projectId: task.projectId, env: task.projectEnv };
    const report = await runRules({ ruleSet: parseRuleSet(rules, 'once.yaml'), trigger: 'events', targets: [ref, ref], dryRun: true }, h.deps());
    expect(report.plan.assetsScanned.targets).toBe(2);
    expect(report.plan.assetsEvaluated).toBe(1);
  });
});
