/**
 * The targets source against the emulator: the assets an event names are re-read and evaluated alone, a
 * task is found in Dev when the event names no env, and assets the API does not know are reported.
 */
import { parseRuleSet } from '../../shared/rules';
import { runRules } from '../../shared/engine';
import { createLogger } from '../../shared/log';
import { suiteHarness } from '../support/harness';

describe('discovery: the targets source', () => {
  const h = suiteHarness({ assets: 3000, seed: 21 });

  describe('event targets', () => {
    it('re-reads the named task and evaluates only it', async () => {
      const rules = `
version: 1
tagKeys: [{ key: classification, values: [internal] }]
sources:
  tasks: { projects: [91234] }
rules:
  - id: prod-tasks
    match: { type: task, env: Prod }
    tags: { classification: internal }
`;
      const lines: string[] = [];
      const logger = createLogger({ write: (l) => lines.push(l) });
      const report = await runRules(
        { ruleSet: parseRuleSet(rules, 'events.yaml'), trigger: 'event', targets: [{ kind: 'task', taskId: 700000000003, projectId: 91234 }] },
        h.deps({ logger }),
      );
      // without an audit sink, each change is a log line (in FC: the function's log store)
      const audit = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'tag changed');
      expect(audit).toEqual([expect.objectContaining({ audit: expect.objectContaining({ assetId: '700000000003', key: 'classification', oldValue: null, newValue: 'internal', ruleId: 'prod-tasks', trigger: 'event' }) })]);
      expect(report.plan.assetsScanned).toEqual({ targets: 1 });
      expect(report.result.applied).toBe(1);
      const bound = h.emulator.catalog().bindings.filter((b) => b.assetId === '700000000003');
      expect(bound).toEqual([expect.objectContaining({ key: 'classification', value: 'internal' })]);
    });
  });

  describe('event targets not in Prod, or not at all', () => {
    const devRules = `
version: 1
tagKeys: [{ key: lifecycle, values: [draft] }]
sources:
  tasks: { projects: [91234, 10001, 10002, 10003], env: [Dev] }
rules:
  - id: dev-tasks
    match: { type: task, env: Dev }
    tags: { lifecycle: draft }
`;
    it('finds a task that only exists in Dev (the event names no env)', async () => {
      const dev = h.emulator.catalog().tasks.find((t) => t.projectEnv === 'Dev')!;
      const report = await runRules({ ruleSet: parseRuleSet(devRules, 'dev.yaml'), trigger: 'event', dryRun: true, targets: [{ kind: 'task', taskId: dev.id, projectId: dev.projectId }] }, h.deps());
      expect(report.planDetail!.bindings).toEqual([expect.objectContaining({ assetId: String(dev.id), envType: 'Dev', action: 'bind' })]);
      expect(report.status).toBe('ok');
      expect(report.sourceErrors).toEqual([]);
    });

    it('reports the assets an event names that the API does not know, and still runs the others', async () => {
      const dev = h.emulator.catalog().tasks.find((t) => t.projectEnv === 'Dev')!;
      const report = await runRules(
        {
          ruleSet: parseRuleSet(devRules, 'dev.yaml'),
          trigger: 'event',
          dryRun: true,
          targets: [
            { kind: 'task', taskId: 1, projectId: 91234 },
            { kind: 'table', maxcomputeProject: 'sales_dw', tableName: 'no_such_table' },
            { kind: 'task', taskId: dev.id, projectId: dev.projectId },
          ],
        },
        h.deps(),
      );
      expect(report.plan.assetsScanned.targets).toBe(1);
      expect(report.status).toBe('partial');
      expect(report.sourceErrors).toEqual([expect.objectContaining({ code: 'ASSET_NOT_FOUND', message: expect.stringContaining('task 1 in workspace 91234, table sales_dw.no_such_table') })]);
    });
  });
});
