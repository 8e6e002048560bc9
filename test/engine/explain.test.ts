/**
 * The explanation of one asset's evaluation: it agrees with evaluateAsset for random rules and assets (the
 * rules it calls matching are those that matched, its result is the wanted set, its lost bindings are the
 * overridden ones), it shows the fixpoint's pending tags to the rules that read tags, explainAssets
 * fetches details only for the assets whose outcome depends on them, and an asset a plan settled without its
 * details is explained as settled.
 */
import fc from 'fast-check';
import { ASSET_KINDS } from '../../shared/dataworks';
import type { AssetView, DetailResolver } from '../../shared/discovery';
import { evaluateAsset, explainAsset, explainAssets } from '../../shared/engine';
import type { MatchableAsset, Rule } from '../../shared/rules';
import { assetWithTags, rules } from '../properties/arbitraries';

const view = (asset: MatchableAsset, tags: Record<string, string>, id = 'a1'): AssetView => ({ ...asset, id, type: ASSET_KINDS[asset.kind].assetType, tags });
const rule = (id: string, match: Rule['match'], tags: Record<string, string>, extra: Partial<Rule> = {}): Rule => ({ id, match, tags, onConflict: 'skip', priority: 0, ...extra });
const table = view({ kind: 'table', name: 'dim_customer', projectId: 91234, envType: 'Prod', owner: 'alice' }, { classification: 'confidential', team: 'bi' });

/** Random rules, each skipping or overwriting conflicts. */
const ruleList = fc
  .tuple(rules(1, 5), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }))
  .map(([indexed, overwrite]) => indexed.map(({ rule: r }, i): Rule => ({ ...r, onConflict: overwrite[i] ? 'overwrite' : 'skip' })));

describe('engine/explain', () => {
  describe('property: it agrees with evaluateAsset', () => {
    it('matched rules, the result and the lost bindings are those of the evaluation', () => {
      const seen = { settled: 0, unsettled: 0, overridden: 0, pending: 0 };
      fc.assert(
        fc.property(ruleList, assetWithTags, (rs, { asset, tags }) => {
          const a = view(asset, tags);
          const evaluation = evaluateAsset(rs.filter((r) => (r.match.type ?? a.kind) === a.kind), a, tags);
          const e = explainAsset(rs, a, { detailsFetched: true });
          expect(e.rules.map((r) => r.ruleId)).toEqual(rs.map((r) => r.id));
          if (evaluation.kind === 'unsettled') {
            seen.unsettled++;
            expect(e).toMatchObject({ outcome: 'unsettled', unsettledRuleIds: evaluation.ruleIds, result: [] });
            return;
          }
          expect(evaluation.kind).toBe('settled');
          if (evaluation.kind !== 'settled') return;
          seen.settled++;
          expect(e.outcome).toBe('settled');
          // the verdicts come from explainMatch on each rule's fixpoint view: they must name the rules that matched
          expect(e.rules.filter((r) => r.verdict === 'match').map((r) => r.ruleId)).toEqual(evaluation.matchedRuleIds);
          expect(e.result.map((b) => [b.key, b.value, b.ruleId])).toEqual([...evaluation.wanted.values()].map((w) => [w.key, w.value, w.rule.id]));
          const lost = e.rules.flatMap((r) => r.tags.flatMap((d) => (d.fate === 'overridden' ? [{ key: d.key, value: d.value, ruleId: r.ruleId, winningRuleId: d.winningRuleId }] : [])));
          expect(new Set(lost.map((l) => JSON.stringify(l)))).toEqual(new Set(evaluation.overridden.map((o) => JSON.stringify(o))));
          seen.overridden += lost.length ? 1 : 0;
          seen.pending += e.rules.some((r) => r.pending?.length) ? 1 : 0;
          for (const b of e.result) {
            const now = tags[b.key];
            expect(b.fate).toBe(now === undefined ? 'bind' : now === b.value ? 'present' : 'conflict');
          }
        }),
        { numRuns: 800 },
      );
      // the cases that can fail came up
      expect(seen.settled).toBeGreaterThan(500);
      expect(seen.overridden).toBeGreaterThan(20);
      expect(seen.pending).toBeGreaterThan(20);
    });
  });

  it('shows a rule that builds on another rule the tag it is about to bind, and the priority that decides a key', () => {
    const rs = [
      rule('dim-pii', { name: [{ glob: 'dim_*' }] }, { pii: 'true' }),
      rule('restricted', { tags: { has: [{ key: 'pii', values: ['true'] }] } }, { classification: 'restricted' }, { priority: 20, onConflict: 'overwrite' }),
      rule('internal', { type: 'table' }, { classification: 'internal' }, { priority: 5 }),
      rule('open-unless-pii', { tags: { lacks: [{ key: 'pii' }] } }, { classification: 'public' }, { priority: 10 }),
      rule('team', { owner: ['alice'] }, { team: 'growth' }),
    ];
    const e = explainAsset(rs, table, { detailsFetched: true });
    const byId = Object.fromEntries(e.rules.map((r) => [r.ruleId, r]));
    expect(byId.restricted).toMatchObject({ verdict: 'match', pending: [{ key: 'pii', value: 'true', ruleId: 'dim-pii' }] });
    expect(byId.restricted.match.children).toEqual([
      { condition: 'tags', verdict: 'match', expected: { has: [{ key: 'pii', values: ['true'] }] }, actual: { pii: 'true' } },
    ]);
    expect(byId.restricted.tags).toEqual([{ key: 'classification', value: 'restricted', fate: 'conflict', currentValue: 'confidential', resolution: 'overwrite' }]);
    // it sees the pending pii too, so it does not match
    expect(byId['open-unless-pii']).toMatchObject({ verdict: 'no-match', tags: [] });
    expect(byId.internal.tags).toEqual([{ key: 'classification', value: 'internal', fate: 'overridden', winningRuleId: 'restricted', winningValue: 'restricted' }]);
    expect(byId.team.tags).toEqual([{ key: 'team', value: 'growth', fate: 'conflict', currentValue: 'bi', resolution: 'skip' }]);
    expect(byId['dim-pii']).not.toHaveProperty('pending');
    expect(e.result).toEqual([
      { key: 'classification', value: 'restricted', ruleId: 'restricted', fate: 'conflict', currentValue: 'confidential', resolution: 'overwrite' },
      { key: 'pii', value: 'true', ruleId: 'dim-pii', fate: 'bind' },
      { key: 'team', value: 'growth', ruleId: 'team', fate: 'conflict', currentValue: 'bi', resolution: 'skip' },
    ]);
  });

  it('says when another rule sets the same value and takes the binding', () => {
    const e = explainAsset([rule('first', { type: 'table' }, { layer: 'dim' }), rule('second', { name: [{ glob: 'dim_*' }] }, { layer: 'dim' })], table);
    expect(e.rules.map((r) => r.tags)).toEqual([[{ key: 'layer', value: 'dim', fate: 'bind' }], [{ key: 'layer', value: 'dim', fate: 'shared', winningRuleId: 'first' }]]);
  });

  it('explains a rule of another kind with its type condition, and an unsettled asset without bindings', () => {
    const cycle = [rule('a', { tags: { lacks: [{ key: 'x' }] } }, { y: '1' }), rule('b', { tags: { has: [{ key: 'y' }] } }, { x: '1' })];
    const e = explainAsset([...cycle, rule('tasks', { type: 'task' }, { layer: 'ods' })], { ...table, tags: {} });
    expect(e).toMatchObject({ outcome: 'unsettled', unsettledRuleIds: ['a', 'b'], result: [] });
    expect(e.rules[2].match.children).toEqual([{ condition: 'type', verdict: 'no-match', expected: 'task', actual: 'table' }]);
  });

  describe('explainAssets', () => {
    /** A resolver over fixed details, counting the assets it was asked for. */
    function resolver(owner: string | null): DetailResolver & { asked: string[] } {
      const asked: string[] = [];
      return {
        asked,
        resolve: async (assets) => {
          asked.push(...assets.map((a) => a.id));
          return assets.map((a) => ({ ...a, owner, projectId: a.projectId ?? 91234, envType: a.envType ?? 'Prod' }));
        },
        takeFailures: () => [],
        flush: async () => undefined,
      };
    }
    const listedTable = { ...table, owner: undefined, projectId: undefined, envType: undefined };

    it('fetches details only for the assets whose outcome depends on them', async () => {
      const rs = [rule('by-owner', { type: 'table', owner: ['alice'] }, { team: 'growth' }), rule('by-name', { name: [{ glob: 'ods_*' }] }, { layer: 'ods' })];
      const r = resolver('alice');
      const task = view({ kind: 'task', name: 'ods_customer_di', projectId: 91234, envType: 'Prod', owner: '190000000000735' }, {}, '700000000003');
      const [t, k] = await explainAssets(rs, [listedTable, task], r);
      expect(r.asked).toEqual([table.id]);
      expect(t).toMatchObject({ details: 'fetched', asset: { owner: 'alice', projectId: 91234 }, result: [{ key: 'team', fate: 'conflict', currentValue: 'bi' }] });
      expect(k).toMatchObject({ details: 'listed', result: [{ key: 'layer', ruleId: 'by-name', fate: 'bind' }] });
      const [untouched] = await explainAssets([rs[1]], [listedTable], r);
      expect(untouched.details).toBe('not-needed');
      expect(r.asked).toHaveLength(1);
    });

    it('explains an unreadable owner as an unknown verdict that does not match', async () => {
      const [e] = await explainAssets([rule('by-owner', { owner: ['alice'] }, { team: 'growth' })], [listedTable], resolver(null));
      expect(e).toMatchObject({ details: 'fetched', outcome: 'settled', result: [], rules: [{ verdict: 'unknown', tags: [] }] });
    });

    it('explains before details were fetched as needing them, when asked to', () => {
      const e = explainAsset([rule('by-owner', { owner: ['alice'] }, { team: 'growth' })], listedTable);
      expect(e).toMatchObject({ details: 'not-needed', outcome: 'needs-details', result: [], rules: [{ verdict: 'unknown' }] });
    });

    it('explains as a plan that did not read the details settled, when no answer could change what it writes', () => {
      // team is bound already: whoever the owner is, the rule's binding would be a conflict it skips
      const rs = [rule('by-owner', { owner: ['alice'] }, { team: 'growth' }), rule('by-name', { name: [{ glob: 'dim_*' }] }, { layer: 'dim' })];
      const e = explainAsset(rs, listedTable, { asPlanned: true });
      expect(e).toMatchObject({ details: 'not-needed', outcome: 'settled', rules: [{ verdict: 'unknown', tags: [] }, { verdict: 'match' }], result: [{ key: 'layer', value: 'dim', fate: 'bind' }] });
      // where the answer matters, it still needs the details
      const open = explainAsset(rs, { ...listedTable, tags: {} }, { asPlanned: true });
      expect(open.outcome).toBe('needs-details');
    });
  });
});
