/**
 * Re-reading the assets events name, together, against the emulator: how many calls a batch costs, which
 * env a task is looked for in, and which list each asset ends in (found, missing, invalid, unreadable).
 */
import { lookUpTargets, type AssetRef } from '../../shared/discovery';
import { suiteHarness } from '../support/harness';

describe('discovery: lookUpTargets', () => {
  const h = suiteHarness({ assets: 3000, seed: 21 });
  const calls = () => Object.fromEntries(Object.entries(h.emulator.calls().byAction).map(([action, s]) => [action, s.calls]));

  it('reads 250 tasks of a workspace in 3 ListTasks of at most 100 ids, and their tags in 3 ListDataAssets', async () => {
    const tasks = h.emulator.catalog().tasks.filter((t) => t.projectId === 10001 && t.projectEnv === 'Prod').slice(0, 250);
    expect(tasks).toHaveLength(250);
    h.emulator.resetStats();
    const refs: AssetRef[] = tasks.map((t) => ({ kind: 'task', taskId: t.id, projectId: t.projectId }));
    const lookup = await lookUpTargets(h.client(), refs, 'metaEntityId');
    expect(lookup.found.map((f) => f.asset.id)).toEqual(tasks.map((t) => String(t.id)));
    expect(lookup.found.every((f) => f.asset.envType === 'Prod')).toBe(true);
    expect(calls()).toEqual({ ListTasks: 3, ListDataAssets: 3 });
    expect(h.emulator.calls().maxDataAssetIds).toBeLessThanOrEqual(100);
  });

  it('looks in Dev only for the tasks Prod does not have, and in the env an event names, only', async () => {
    const dev = h.emulator.catalog().tasks.find((t) => t.projectEnv === 'Dev')!;
    const prod = h.emulator.catalog().tasks.find((t) => t.projectEnv === 'Prod' && t.projectId === dev.projectId)!;
    h.emulator.resetStats();
    const lookup = await lookUpTargets(h.client(), [{ kind: 'task', taskId: dev.id, projectId: dev.projectId }, { kind: 'task', taskId: prod.id, projectId: prod.projectId }], 'metaEntityId');
    expect(lookup.found.map((f) => [f.asset.id, f.asset.envType])).toEqual([
      [String(dev.id), 'Dev'],
      [String(prod.id), 'Prod'],
    ]);
    expect(calls().ListTasks).toBe(2);
    const named = await lookUpTargets(h.client(), [{ kind: 'task', taskId: dev.id, projectId: dev.projectId, env: 'Prod' }], 'metaEntityId');
    expect(named).toMatchObject({ found: [], missing: [{ taskId: dev.id }] });
  });

  it('sorts each asset into found, missing or invalid, in the order the events named them', async () => {
    const table = h.emulator.catalog().tables.find((t) => t.maxcomputeProject === 'sales_dw')!;
    const refs: AssetRef[] = [
      { kind: 'table', maxcomputeProject: 'no_such_project', tableName: 'x' },
      { kind: 'task', taskId: 1, projectId: 91234 },
      { kind: 'table', maxcomputeProject: 'sales_dw', tableName: table.name },
      { kind: 'task', taskId: 2 },
      { kind: 'table', maxcomputeProject: 'sales_dw', tableName: 'no_such_table' },
    ];
    const lookup = await lookUpTargets(h.client(), refs, 'metaEntityId');
    expect(lookup.found).toEqual([{ ref: refs[2], asset: expect.objectContaining({ id: table.id, name: table.name, kind: 'table' }) }]);
    expect(lookup.missing).toEqual([refs[1], refs[4]]);
    expect(lookup.invalid).toEqual([
      { ref: refs[0], code: 'InvalidParameter.ParentMetaEntityId.NotFound', message: expect.stringContaining('ListTables') },
      { ref: refs[3], code: 'NO_WORKSPACE', message: expect.stringContaining('names no workspace') },
    ]);
    expect(lookup.unreadable).toEqual([]);
  });

  it('puts assets whose reads keep failing (after the client retried) in unreadable, to be looked for again', async () => {
    h.emulator.setFaults({ failRate: 1, kinds: ['5xx'] });
    try {
      const refs: AssetRef[] = [{ kind: 'table', maxcomputeProject: 'sales_dw', tableName: 'dim_customer' }, { kind: 'task', taskId: 700000000003, projectId: 91234 }];
      const lookup = await lookUpTargets(h.client({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } }), refs, 'metaEntityId');
      expect(lookup).toMatchObject({ found: [], missing: [], invalid: [] });
      expect(lookup.unreadable.map((u) => [u.ref, u.code])).toEqual([
        [refs[0], expect.stringMatching(/^(ServiceUnavailable|InternalError)$/)],
        [refs[1], expect.stringMatching(/^(ServiceUnavailable|InternalError)$/)],
      ]);
    } finally {
      h.emulator.setFaults(undefined);
    }
  });
});
