/**
 * Deadline accounting (issue 10, defect 9): a run cut by its deadline says what it never read (partitions, and
 * the assets the API said the cut ones still held: for an event run, the named assets never read) apart from
 * the bindings it planned but did not write, and no count is negative, in the report or in its log. The clock
 * is fake: the test moves it past the deadline after a number of pages.
 */
import { parseRuleSet } from '../../shared/rules';
import { fakeClock } from '../../shared/clock';
import { createLogger } from '../../shared/log';
import { runRules, type ProgressEvent, type RunReport } from '../../shared/engine';
import type { AssetRef } from '../../shared/discovery';
import { suiteHarness } from '../support/harness';

const rules = `
version: 1
tagKeys: [{ key: layer, values: [ods, dwd, dws, ads, dim] }]
sources:
  tagged: true
  tasks: { projects: [91234, 10001, 10002, 10003], env: [Prod, Dev] }
  tables: { maxcomputeProjects: [sales_dw, user_dw, trade_dw, mkt_dw] }
rules:
  - id: layer-ods
    match: { name: "ods_*" }
    tags: { layer: ods }
  - id: layer-dim
    match: { name: "dim_*" }
    tags: { layer: dim }
`;

const nonNegative = (r: RunReport) => Object.values(r.result).every((n) => n >= 0);

describe('engine: deadline accounting', () => {
  const h = suiteHarness({ assets: 6000, seed: 12 });

  /** A run whose deadline passes once `pages` pages were read. */
  async function cutAfter(pages: number, request: Partial<Parameters<typeof runRules>[0]> = {}) {
    const clock = fakeClock(Date.now());
    const lines: string[] = [];
    let seen = 0;
    const deadline = clock.now() + 60_000;
    const onProgress = (p: ProgressEvent) => {
      if (p.phase === 'discover' && ++seen === pages) clock.advance(120_000);
    };
    const report = await runRules(
      { ruleSet: parseRuleSet(rules, 'deadline.yaml'), trigger: 'cli', ...request },
      { ...h.deps({ clock, deadline }), onProgress, logger: createLogger({ write: (l) => lines.push(l) }) },
    );
    return { report, log: lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
  }

  it('during planning: what was not read is reported apart from what was planned and not written, nothing negative', async () => {
    const { report, log } = await cutAfter(6);
    expect(report.status).toBe('deadline');
    expect(report.stoppedBy?.code).toBe('DEADLINE_EXCEEDED');
    // the partitions never read to their end, and what the cut ones still held
    expect(report.unread!.partitions).toBeGreaterThan(report.unread!.cut);
    expect(report.unread!.cut).toBeGreaterThan(0);
    expect(report.unread!.assetsLeft).toBeGreaterThan(report.plan.assetsEvaluated);
    // what was planned: none of it written (writes wait for the plan), all of it not started
    expect(report.plan.plannedWrites).toBeGreaterThan(0);
    expect(report.result).toEqual({ applied: 0, skipped: 0, failed: 0, notStarted: report.plan.plannedWrites });
    expect(nonNegative(report)).toBe(true);
    const finished = log.find((l) => l.msg === 'run finished')!;
    expect(finished).toMatchObject({ skipped: 0, notStarted: report.plan.plannedWrites, unread: report.unread!.partitions });
    expect(report.next).toBeDefined();
  });

  it('out of time before the first call: every partition is reported not read, and nothing as not started', async () => {
    h.emulator.resetStats();
    const report = await runRules({ ruleSet: parseRuleSet(rules, 'deadline.yaml'), trigger: 'cli' }, h.deps({ deadline: Date.now() - 1 }));
    expect(h.emulator.calls().total).toBe(0);
    expect(report.status).toBe('deadline');
    expect(report.unread).toEqual(expect.objectContaining({ partitions: 1 + 8 + 4, cut: 0 }));
    expect(report.result).toEqual({ applied: 0, skipped: 0, failed: 0, notStarted: 0 });
  });

  it('an event run cut after 5 of 300 named assets reports the 295 never read', async () => {
    const targets: AssetRef[] = h.emulator
      .catalog()
      .tasks.slice(0, 300)
      .map((t) => ({ kind: 'task', taskId: t.id, projectId: t.projectId, env: t.projectEnv }));
    const { report } = await cutAfter(5, { targets });
    expect(report.plan.assetsScanned.targets).toBe(5);
    expect(report.unread).toEqual({ partitions: 1, cut: 1, assetsLeft: 295, labels: ['targets (300)'] });
    expect(report.result.notStarted).toBe(report.plan.plannedWrites);
    expect(nonNegative(report)).toBe(true);
  });
});
