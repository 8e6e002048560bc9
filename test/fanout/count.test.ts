import { countCatalog } from '../../shared/fanout/count';
import type { Sources } from '../../shared/discovery';
import type { RuleSet } from '../../shared/rules/types';
import { suiteHarness } from '../support/harness';

function ruleSet(sources: Sources): RuleSet {
  return { version: 1, tagKeys: [], sources, rules: [], settings: { maxBindings: 100 } };
}

describe('fanout/count', () => {
  const h = suiteHarness({ assets: 600, seed: 11 });

  describe('countCatalog', () => {
    it("adds up the TotalCount of each slice's first page, one list call per slice", async () => {
      const catalog = h.emulator.catalog();
      const api = h.client();
      const sources: Sources = {
        tasks: { projects: [91234], env: ['Prod', 'Dev'] },
        tables: { maxcomputeProjects: ['sales_dw', 'user_dw'], assetIdFormat: 'metaEntityId' },
        tagged: {},
      };
      const expected =
        catalog.tasks.filter((t) => t.projectId === 91234).length +
        catalog.tables.filter((t) => ['sales_dw', 'user_dw'].includes(t.maxcomputeProject)).length +
        new Set(catalog.bindings.map((b) => b.assetId)).size;
      h.emulator.resetStats();
      expect(await countCatalog(api, ruleSet(sources))).toBe(expected);
      const calls = h.emulator.calls();
      expect(calls).toMatchObject({ byAction: { ListTasks: { calls: 2 }, ListTables: { calls: 2 }, ListDataAssets: { calls: 1 } } });
    });

    it('counts only the workspaces a run is narrowed to', async () => {
      const catalog = h.emulator.catalog();
      const n = await countCatalog(h.client(), ruleSet({ tasks: { projects: [91234, 10001], env: ['Prod'] } }), [10001]);
      expect(n).toBe(catalog.tasks.filter((t) => t.projectId === 10001 && t.projectEnv === 'Prod').length);
    });
  });
});
