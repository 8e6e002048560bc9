/**
 * A throttling storm end to end: the emulator grants a tenth of the budgets the client is configured with, and a
 * run with a table-owner rule (one GetTable per table) still reads every partition and writes everything; the
 * storm slows the run, it drops nothing. The emulator counts its quota in real time, so the client does too.
 */
import { systemClock } from '../../shared/clock';
import { runRules } from '../../shared/engine';
import { parseRuleSet } from '../../shared/rules';
import { suiteHarness } from '../support/harness';

const ruleSet = parseRuleSet(
  `
version: 1
name: storm
tagKeys:
  - key: steward
    values: [alice]
  - key: classification
    values: [internal]
sources:
  tasks: { projects: [91234, 10001, 10002, 10003], env: [Prod, Dev] }
  tables: { maxcomputeProjects: [sales_dw, sales_dw_dev, user_dw, user_dw_dev, trade_dw, trade_dw_dev, mkt_dw, mkt_dw_dev] }
rules:
  - id: alice-tables
    match: { type: table, owner: alice }
    tags: { steward: alice }
  - id: prod-tasks
    match: { type: task, env: Prod }
    tags: { classification: internal }
`,
  'storm.yaml',
);

describe('engine under a throttling storm', () => {
  const h = suiteHarness({ assets: 160, seed: 5 });
  const BUDGET = { readQps: 400, writeQps: 200 };

  it('reads every partition and every table owner with the service at a tenth of the budget, and leaves nothing to write', async () => {
    h.emulator.setQps(BUDGET.readQps / 10, BUDGET.writeQps / 10);
    const report = await runRules({ ruleSet, trigger: 'cli' }, h.deps({ clock: systemClock, limits: BUDGET }));
    expect(h.emulator.calls().throttled).toBeGreaterThan(0); // the storm happened
    expect(report.sourceErrors).toEqual([]);
    expect(report.status).toBe('ok');
    expect(report.plan.ownerUnreadable).toBe(h.emulator.catalog().tables.filter((t) => t.owner === null).length);
    const tables = h.emulator.catalog().tables;
    const steward = new Set(h.emulator.catalog().bindings.filter((b) => b.key === 'steward').map((b) => b.assetId));
    expect(tables.filter((t) => t.owner === 'alice').every((t) => steward.has(t.id))).toBe(true);

    h.emulator.setQps(0, 0);
    const again = await runRules({ ruleSet, trigger: 'cli', dryRun: true }, h.deps());
    expect(again.plan.plannedWrites).toBe(0);
    expect(again.sourceErrors).toEqual([]);
  });
});
