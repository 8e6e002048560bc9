/**
 * No overwrite under skip, as a property of real runs: random rule sets (each rule `skip` or `overwrite`,
 * on keys the catalog's assets already carry) applied by the engine to a seeded emulator catalog, some runs
 * under injected faults (lost answers, 5xx). Every value a run changed is an audited change of an overwrite
 * rule that sets that key (test/support/overwrites.ts); a rule set with no overwrite rule sends no
 * UnTagDataAssets at all; and the emulator saw no Tag over a bound value (its `silent-overwrite` violation).
 */
import fc from 'fast-check';
import type { FaultOptions } from '../../emulator';
import { runRules, type AuditRecord } from '../../shared/engine';
import { parseRuleSet } from '../../shared/rules';
import { startHarness } from '../support/harness';
import { overwritesUnderSkip } from '../support/overwrites';

const VALUES = { classification: ['public', 'internal', 'confidential', 'restricted'], layer: ['ods', 'dwd', 'dws', 'ads', 'dim'] };
type Key = keyof typeof VALUES;
const NAMES = ['ods_*', 'dim_*', 'dwd_*', 'dws_*', '*_di', '*'];

const rule = fc.record({
  name: fc.constantFrom(...NAMES),
  type: fc.constantFrom('table', 'task', undefined),
  key: fc.constantFrom<Key>('classification', 'layer'),
  pick: fc.nat(),
  onConflict: fc.constantFrom('skip', 'overwrite'),
});

/** Rules in priority order (no two of equal priority, so none are refused as fighting over a key). */
type DrawnRule = typeof rule extends fc.Arbitrary<infer R> ? R : never;
const ruleSetText = (rules: DrawnRule[]) => `
version: 1
tagKeys:
  - { key: classification, values: [${VALUES.classification.join(', ')}] }
  - { key: layer, values: [${VALUES.layer.join(', ')}] }
sources:
  tagged: true
  tables: { maxcomputeProjects: [sales_dw, user_dw, trade_dw] }
  tasks: { projects: [91234, 10001], env: [Prod, Dev] }
rules:
${rules
  .map(
    (r, i) => `  - id: r${i}
    match: { name: "${r.name}"${r.type ? `, type: ${r.type}` : ''} }
    tags: { ${r.key}: ${VALUES[r.key][r.pick % VALUES[r.key].length]} }
    priority: ${i}
    onConflict: ${r.onConflict}`,
  )
  .join('\n')}
`;

const faults = fc.option(
  fc.record({ failRate: fc.constantFrom(0.05, 0.15), kinds: fc.constant<FaultOptions['kinds']>(['lostResponse', '5xx']), seed: fc.nat() }),
  { nil: undefined },
);

describe('invariant: no overwrite under onConflict: skip', () => {
  it('changes a bound value only by an audited overwrite rule, and sends no UnTag without one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rule, { minLength: 1, maxLength: 4 }), fc.nat({ max: 1000 }), faults, async (rules, seed, faultOptions) => {
        const h = await startHarness({ assets: 150, seed, faults: faultOptions });
        try {
          const ruleSet = parseRuleSet(ruleSetText(rules), 'property.yaml');
          const before = h.emulator.catalog();
          const audit: AuditRecord[] = [];
          await runRules({ ruleSet, trigger: 'cli', maxBindings: 1e6 }, { ...h.deps(), audit: (r) => audit.push(r) });
          expect(overwritesUnderSkip(ruleSet, before, h.emulator.catalog(), audit)).toEqual([]);
          if (rules.every((r) => r.onConflict === 'skip')) expect(h.emulator.calls().byAction.UnTagDataAssets).toBeUndefined();
          expect(h.emulator.violations()).toEqual([]);
        } finally {
          await h.stop();
        }
      }),
      { numRuns: 25 },
    );
  });
});
