/** The tagged source against the emulator: the name keyword the rules agree on is pushed to ListDataAssets. */
import { parseRuleSet } from '../../shared/rules';
import { runRules } from '../../shared/engine';
import { suiteHarness } from '../support/harness';

describe('discovery/tagged', () => {
  const h = suiteHarness({ assets: 3000, seed: 21 });

  it('pushes the one name keyword every rule requires to ListDataAssets, and still checks each name', async () => {
    const rules = `
version: 1
tagKeys: [{ key: layer, values: [dim] }]
sources: { tagged: true }
rules:
  - id: dims
    match: { name: "dim_*" }
    tags: { layer: dim }
`;
    const catalog = h.emulator.catalog();
    const tagged = new Set(catalog.bindings.map((b) => b.assetId));
    const names = [...catalog.tables.map((t) => [t.id, t.name]), ...catalog.tasks.map((t) => [String(t.id), t.name])].filter(([id]) => tagged.has(id));
    const report = await runRules({ ruleSet: parseRuleSet(rules, 'tagged.yaml'), trigger: 'cli', dryRun: true }, h.deps());
    // the emulator's Name filter is a case-insensitive "contains": what it returns, and no more, is scanned
    expect(report.plan.assetsScanned.tagged).toBe(names.filter(([, n]) => n.toLowerCase().includes('dim_')).length);
    expect(report.plan.assetsScanned.tagged).toBeLessThan(names.length / 2);
    expect(report.planDetail!.bindings.every((b) => b.assetName.startsWith('dim_'))).toBe(true);
  });
});
