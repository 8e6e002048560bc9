/**
 * Two runs at once against one emulator (issue 10, defect 5): rule sets that extend the same tag key with
 * different values and bind them on the same tables, both `onConflict: skip`. The emulator replaces a bound
 * value when asked (as a service may), recording it, and records a value an UpdateDataAssetTag drops. One run
 * is held after its plan, right before its first step towards a write, until the other has run to its end —
 * the plan-to-write window where the races happened — in both orders. (Before the fix this failed with a
 * `dropped-tag-value` and a `replaced-tag-value` violation per table.) Nothing may be dropped or replaced, the first writer's values
 * stay, and the second run reports what the first one changed.
 */
import type { DataWorksApi } from '../../shared/dataworks';
import { fakeClock } from '../../shared/clock';
import { silentLogger } from '../../shared/log';
import { parseRuleSet } from '../../shared/rules';
import { runRules, type RunReport } from '../../shared/engine';
import { startHarness, type Harness } from '../support/harness';

const rules = (value: string) => `
version: 1
name: writer-${value}
tagKeys:
  - key: classification
    values: [public, internal, confidential, restricted, ${value}]
sources:
  tables: { maxcomputeProjects: [sales_dw] }
rules:
  - id: dims-${value}
    match: { type: table, name: "dim_*" }
    tags: { classification: ${value} }
`;

/**
 * The API, held right before the run's first step towards a write (a key re-read, a key change or a bind,
 * whichever comes first) until `before` has run: after the plan, before anything is written.
 */
function heldBeforeWriting(api: DataWorksApi, before: () => Promise<unknown>): DataWorksApi {
  let held: Promise<unknown> | undefined;
  const hold = () => (held ??= before());
  return {
    ...api,
    listDataAssetTags: async (request) => {
      if (request.key !== undefined) await hold();
      return api.listDataAssetTags(request);
    },
    createDataAssetTag: async (request) => (await hold(), api.createDataAssetTag(request)),
    updateDataAssetTag: async (request) => (await hold(), api.updateDataAssetTag(request)),
    tagDataAssets: async (request) => (await hold(), api.tagDataAssets(request)),
    unTagDataAssets: async (request) => (await hold(), api.unTagDataAssets(request)),
  };
}

describe('engine: two runs at once', () => {
  let h: Harness;
  const client = () => h.client();
  const run = (value: string, api: DataWorksApi) => runRules({ ruleSet: parseRuleSet(rules(value), `${value}.yaml`), trigger: 'cli' }, { api, clock: fakeClock(Date.now()), logger: silentLogger });

  beforeEach(async () => {
    h = await startHarness({ assets: 1200, seed: 8, tagConflict: 'replace' });
  });
  afterEach(() => h.stop());

  it.each([
    ['alpha', 'beta'],
    ['beta', 'alpha'],
  ])('%s planned first and held, %s ran through: no value dropped or replaced, each run reports the other', async (held, through) => {
    const open = h.emulator
      .catalog()
      .tables.filter((t) => t.maxcomputeProject === 'sales_dw' && t.name.startsWith('dim_'))
      .filter((t) => !h.emulator.catalog().bindings.some((b) => b.assetId === t.id && b.key === 'classification'));
    expect(open.length).toBeGreaterThan(3);

    let first: RunReport | undefined;
    const second = await run(held, heldBeforeWriting(client(), async () => (first = await run(through, client()))));

    expect(h.emulator.violations()).toEqual([]);
    const key = h.emulator.catalog().tagKeys.find((k) => k.key === 'classification')!;
    expect(key.values).toEqual(expect.arrayContaining(['public', 'internal', 'confidential', 'restricted', held, through]));
    const state = new Map(h.emulator.catalog().bindings.filter((b) => b.key === 'classification').map((b) => [b.assetId, b.value]));
    for (const t of open) expect(state.get(t.id)).toBe(through);

    expect(first).toMatchObject({ status: 'ok', result: { applied: open.length, failed: 0 } });
    expect(second.status).toBe('ok');
    expect(second.result).toMatchObject({ applied: 0, failed: 0, notStarted: 0 });
    expect(second.concurrent.count).toBe(open.length);
    expect(second.concurrent.changes[0]).toMatchObject({ key: 'classification', planned: null, found: through, ruleId: `dims-${held}` });
    // the held run still extended the key with its value, from a fresh read, and said so
    expect(second.tagKeys).toEqual([expect.objectContaining({ key: 'classification', action: 'update', addedValues: [held] })]);
  });
});
