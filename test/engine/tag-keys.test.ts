/**
 * Tag keys a run changes (issue 10, defect 11): a key is extended only with values the run binds, a declared
 * key no binding needs is not created, and a key the run does need is created with every value the rule set
 * declares. Every change is audited.
 */
import { parseRuleSet } from '../../shared/rules';
import { runRules, type AuditRecord } from '../../shared/engine';
import { suiteHarness } from '../support/harness';

const rules = `
version: 1
tagKeys:
  - key: layer
    values: [ods, dwd, dws, ads, dim, raw, staging]
  - key: lifecycle
    values: [active, deprecated]
  - key: owner-team
    values: [data, platform]
sources:
  tables: { maxcomputeProjects: [trade_dw] }
rules:
  - id: layer-ods
    match: { type: table, name: "ods_*" }
    tags: { layer: ods }
`;

describe('engine: tag keys', () => {
  const h = suiteHarness({ assets: 1500, seed: 14 });
  const keys = () => new Map(h.emulator.catalog().tagKeys.map((k) => [k.key, k.values]));

  it('extends no key with values the run does not bind, and creates no key no binding needs', async () => {
    const before = keys();
    expect(before.get('layer')).not.toContain('raw');
    expect(before.has('lifecycle')).toBe(false);
    h.emulator.resetStats();
    const audit: AuditRecord[] = [];
    const report = await runRules({ ruleSet: parseRuleSet(rules, 'keys.yaml'), trigger: 'cli' }, { ...h.deps(), audit: (r) => audit.push(r) });
    expect(report.result.applied).toBeGreaterThan(0);
    expect(report.tagKeys).toEqual([]);
    const calls = h.emulator.calls().byAction;
    expect(calls.UpdateDataAssetTag?.calls ?? 0).toBe(0);
    expect(calls.CreateDataAssetTag?.calls ?? 0).toBe(0);
    expect(keys()).toEqual(before);
    expect(audit.filter((r) => r.kind === 'tag-key')).toEqual([]);
  });

  it('plans no key change on a dry run that binds nothing new', async () => {
    const report = await runRules({ ruleSet: parseRuleSet(rules, 'keys.yaml'), trigger: 'cli', dryRun: true }, h.deps());
    expect(report.plan.plannedWrites).toBe(0);
    expect(report.tagKeys).toEqual([]);
  });

  it('creates a key a binding needs with every value the rule set declares, and audits it', async () => {
    const withTeam = rules.replace('tags: { layer: ods }', 'tags: { layer: ods, owner-team: data }');
    const audit: AuditRecord[] = [];
    const report = await runRules({ ruleSet: parseRuleSet(withTeam, 'keys.yaml'), trigger: 'cli', actor: 'acs:ram::1:role/autotag' }, { ...h.deps(), audit: (r) => audit.push(r) });
    expect(report.result.failed).toBe(0);
    expect(keys().get('owner-team')).toEqual(['data', 'platform']);
    expect(keys().has('lifecycle')).toBe(false);
    expect(audit.filter((r) => r.kind === 'tag-key')).toEqual([
      expect.objectContaining({ key: 'owner-team', action: 'create', values: ['data', 'platform'], actor: 'acs:ram::1:role/autotag', ruleSetHash: report.ruleSetHash }),
    ]);
  });
});

describe('engine: tag keys under concurrent updates', () => {
  // the stale writer below drops values on purpose: its drops are the violations these tests provoke
  const h = suiteHarness({ assets: 1500, seed: 15, expectViolations: ['dropped-tag-value'] });
  const valuesOf = (key: string) => h.emulator.catalog().tagKeys.find((k) => k.key === key)?.values ?? [];
  const ruleSet = (value: string, project: string) =>
    parseRuleSet(
      `
version: 1
tagKeys: [{ key: layer, values: [ods, dwd, dws, ads, dim, ${value}] }]
sources:
  tables: { maxcomputeProjects: [${project}] }
rules:
  - id: raw-tables
    match: { type: table, name: "ods_*" }
    tags: { layer: ${value} }
`,
      `${value}.yaml`,
    );
  /** another writer that sends the key's values as it read them long ago: whatever was added since is dropped */
  const stale = async (values: string[]) => {
    await h.deps().api.updateDataAssetTag({ key: 'layer', values });
  };

  it('reads the key again after its update and merges back a value a concurrent update dropped', async () => {
    const before = valuesOf('layer');
    const deps = h.deps();
    let raced = false;
    const api = {
      ...deps.api,
      updateDataAssetTag: async (request: Parameters<typeof deps.api.updateDataAssetTag>[0]) => {
        const answer = await deps.api.updateDataAssetTag(request);
        if (!raced) (raced = true), await stale([...before, 'rival']);
        return answer;
      },
    };
    const report = await runRules({ ruleSet: ruleSet('raw', 'mkt_dw'), trigger: 'cli' }, { ...deps, api });
    expect(raced).toBe(true);
    expect(valuesOf('layer')).toEqual(expect.arrayContaining([...before, 'rival', 'raw']));
    expect(report.result.failed).toBe(0);
    expect(report.result.applied).toBeGreaterThan(0);
    // the stale writer's drop is on record; the run's own update dropped nothing
    expect(h.emulator.violations().map((v) => v.kind)).toEqual(['dropped-tag-value']);
  });

  it('restores a value dropped between the key update and a bind, and binds', async () => {
    const before = valuesOf('layer');
    const deps = h.deps();
    let raced = false;
    const api = {
      ...deps.api,
      tagDataAssets: async (request: Parameters<typeof deps.api.tagDataAssets>[0]) => {
        if (!raced) (raced = true), await stale(before);
        return deps.api.tagDataAssets(request);
      },
    };
    const report = await runRules({ ruleSet: ruleSet('staging', 'trade_dw'), trigger: 'cli' }, { ...deps, api });
    expect(raced).toBe(true);
    expect(valuesOf('layer')).toContain('staging');
    expect(report.result.failed).toBe(0);
    expect(report.result.applied).toBe(report.plan.plannedWrites);
  });
});
