/**
 * Finding the assets a person names, against the emulator: where the rule set's sources would find them and
 * nowhere else, the calls that costs, and names that find several assets, none, or cannot be read.
 */
import { FIXED_TASK } from '../../emulator';
import { findNamedAssets, parseAssetNames, type Sources } from '../../shared/discovery';
import { DIM_CUSTOMER, explainCatalog, TASK_TWIN } from '../support/explain-catalog';
import { suiteHarness } from '../support/harness';

const SOURCES: Sources = {
  tasks: { projects: [91234], env: ['Prod'] },
  tables: { maxcomputeProjects: ['sales_dw', 'user_dw'], assetIdFormat: 'metaEntityId' },
  tagged: { projects: [91234, 10003] },
};

describe('discovery: findNamedAssets', () => {
  const h = suiteHarness({ catalog: explainCatalog() });
  const calls = () => Object.fromEntries(Object.entries(h.emulator.calls().byAction).map(([action, s]) => [action, s.calls]));
  const find = async (texts: string[], sources: Sources = SOURCES) => {
    h.emulator.resetStats();
    return findNamedAssets(h.client(), sources, parseAssetNames(texts, 'metaEntityId'));
  };
  /** a tagged task of a workspace */
  const taggedTask = (projectId: number) => {
    const { tasks, bindings } = h.emulator.catalog();
    return tasks.find((t) => t.projectId === projectId && bindings.some((b) => b.assetId === String(t.id)))!;
  };

  it('reads task ids of a workspace in one ListTasks, and looks among the tagged assets for the ones it lacks', async () => {
    const tagged = taggedTask(10003);
    const found = await find([String(FIXED_TASK.id), String(tagged.id)]);
    expect(found.map((f) => f.outcome)).toEqual(['found', 'found']);
    expect(found[0]).toMatchObject({ asset: { id: String(FIXED_TASK.id), kind: 'task', owner: FIXED_TASK.owner, projectId: 91234, envType: 'Prod' } });
    // the tagged source's view: workspace and env from ListDataAssets, owner not fetched
    expect(found[1]).toMatchObject({ asset: { id: String(tagged.id), projectId: 10003, envType: tagged.projectEnv, owner: undefined } });
    expect(calls()).toEqual({ ListTasks: 1, ListDataAssets: 2 });
  });

  it('does not find a tagged asset outside the tagged source reach, and says where it looked', async () => {
    const outside = taggedTask(10002);
    const [f] = await find([String(outside.id)]);
    expect(f).toEqual({ named: expect.anything(), outcome: 'missing', lookedIn: ['tasks of workspace 91234 Prod', 'tagged assets of workspace 91234, 10003'] });
  });

  it('lists every asset with a name two assets have, of either kind', async () => {
    const [f] = await find([FIXED_TASK.name]);
    expect(f.outcome).toBe('ambiguous');
    if (f.outcome !== 'ambiguous') return;
    expect(f.candidates.map((a) => [a.kind, a.id])).toEqual([
      ['table', TASK_TWIN.id],
      ['task', String(FIXED_TASK.id)],
    ]);
    // ListTables Name per project, ListTasks Name per workspace and env, the tags of what they found, the tagged source by Name
    expect(calls()).toEqual({ ListTables: 2, ListTasks: 1, ListDataAssets: 3 });
  });

  it('finds a table by project.table only where the sources would: a listed project, or a tagged asset within reach', async () => {
    const [listed] = await find([`sales_dw.${DIM_CUSTOMER.name}`]);
    expect(listed).toMatchObject({ outcome: 'found', asset: { id: DIM_CUSTOMER.id, tags: { classification: 'confidential', team: 'bi' } } });
    expect(calls()).toEqual({ ListTables: 1, ListDataAssets: 1 });

    const { tables, bindings } = h.emulator.catalog();
    const tagged = (project: string) => tables.find((t) => t.maxcomputeProject === project && bindings.some((b) => b.assetId === t.id))!;
    const [inReach, outOfReach] = await find([tagged('mkt_dw').id, tagged('trade_dw').id]);
    expect(inReach).toMatchObject({ outcome: 'found', asset: { id: tagged('mkt_dw').id, projectId: 10003 } });
    expect(outOfReach).toMatchObject({ outcome: 'missing', lookedIn: ['tagged assets of workspace 91234, 10003'] });
    expect(calls()).toEqual({ ListDataAssets: 1 });

    const [nowhere] = await find([tagged('mkt_dw').id], { tables: SOURCES.tables });
    expect(nowhere).toMatchObject({ outcome: 'missing', lookedIn: [] });
    expect(calls()).toEqual({});
  });

  it('says a name could not be read where the API refused to look, and finds it elsewhere when it can', async () => {
    const sources: Sources = { tables: { maxcomputeProjects: ['no_such_dw', 'sales_dw'], assetIdFormat: 'metaEntityId' } };
    const [refused, found] = await find(['no_such_dw.t', DIM_CUSTOMER.name], sources);
    expect(refused).toMatchObject({ outcome: 'unreadable', refusals: [{ where: 'tables of no_such_dw', code: 'InvalidParameter.ParentMetaEntityId.NotFound' }] });
    expect(found).toMatchObject({ outcome: 'found', asset: { id: DIM_CUSTOMER.id } });
  });
});
