/**
 * The text of `autotag explain` for what the emulator tests cannot easily bring about: an owner that could not
 * be read, rules that never settle, conditions nested through all-of, a detail not fetched, and names that
 * found nothing or could not be read.
 */
import { renderExplain, type ExplainDocument, type ExplainResult } from '../../../cli/render/explain';
import type { AssetView } from '../../../shared/discovery';
import { explainAsset } from '../../../shared/engine';
import type { Rule } from '../../../shared/rules';

const rule = (id: string, match: Rule['match'], tags: Record<string, string>, extra: Partial<Rule> = {}): Rule => ({ id, match, tags, onConflict: 'skip', priority: 0, ...extra });
const table: AssetView = { id: 'maxcompute-table:::sales_dw::dim_customer', kind: 'table', type: 'ACS::DataWorks::Table', name: 'dim_customer', projectId: 91234, envType: 'Prod', owner: null, tags: {} };

const doc = (assets: ExplainResult[]): ExplainDocument => ({ ruleSet: 'test', rules: ['r'], assets, api: { calls: { ListTables: 2 }, retries: 0, throttled: 0 } });
const explained = (rules: Rule[], asset: AssetView, detailsFetched = true): ExplainResult => ({ input: asset.id, outcome: 'explained', explanation: explainAsset(rules, asset, { detailsFetched }) });

describe('cli/render/explain', () => {
  it('shows an unreadable owner, and the owner rule it leaves unknown as no match', () => {
    const text = renderExplain(doc([explained([rule('mine', { owner: ['alice'] }, { team: 'growth' })], table)]));
    expect(text).toContain('  owner       unreadable: an owner condition never matches it');
    expect(text).toContain('  ? mine — unknown (a detail could not be read): no match\n      ? owner: alice · saw unreadable');
    expect(text).toContain('  A plan does nothing for it: no rule matches.');
  });

  it('indents a nested match of several conditions as "all of", and says what was not fetched', () => {
    const match: Rule['match'] = { any: [{ name: [{ glob: 'dim_*' }], owner: ['bob'] }, { env: 'Dev' }] };
    const text = renderExplain(doc([explained([rule('nested', match, { layer: 'dim' })], { ...table, owner: undefined, projectId: undefined, envType: undefined }, false)]));
    expect(text).toContain('  workspace   not fetched\n  env         not fetched\n  owner       not fetched\n  details     not fetched: no rule\'s outcome depended on them');
    expect(text).toContain(
      ['  ? nested — depends on details not fetched', '      ? any', '        ? all of:', '          ✓ name: dim_* · saw dim_customer', '          ? owner: bob · saw not fetched (no outcome depended on it)', '        ? env: Dev · saw not fetched (no outcome depended on it)'].join('\n'),
    );
  });

  it('says of a rule a plan settled without details that no answer would change what it writes', () => {
    const rs = [rule('mine', { owner: ['alice'] }, { team: 'growth' })];
    const asset = { ...table, owner: undefined, tags: { team: 'bi' } };
    const text = renderExplain(doc([{ input: asset.id, outcome: 'explained', explanation: explainAsset(rs, asset, { asPlanned: true }) }]));
    expect(text).toContain('  ? mine — depends on details not fetched: no answer would change what a plan writes');
    expect(text).toContain('  A plan does nothing for it: no rule matches.');
  });

  it('says which rules never settle, and that a plan leaves the asset alone', () => {
    const cycle = [rule('a', { tags: { lacks: [{ key: 'x' }] } }, { y: '1' }), rule('b', { tags: { has: [{ key: 'y' }] } }, { x: '1' })];
    expect(renderExplain(doc([explained(cycle, table)]))).toContain('  A plan leaves it alone: rules a, b never settle (their tag conditions feed each other in a cycle).');
  });

  it('says what found nothing, where no source would look, and what could not be read', () => {
    const text = renderExplain(
      doc([
        { input: 'nope', outcome: 'missing', lookedIn: ['tables of sales_dw', 'tagged assets'] },
        { input: 'mkt_dw.t', outcome: 'missing', lookedIn: [] },
        { input: 'x.t', outcome: 'unreadable', refusals: [{ where: 'tables of x', code: 'InvalidParameter.ParentMetaEntityId.NotFound', message: 'no such project' }] },
      ]),
    );
    expect(text).toBe(
      [
        '✗ "nope": not found in tables of sales_dw, tagged assets',
        '',
        '✗ "mkt_dw.t": no source of the rule set would read it (see sources in the rule file)',
        '',
        '✗ "x.t": could not be read:',
        '    tables of x: InvalidParameter.ParentMetaEntityId.NotFound: no such project',
        '',
        'Explained 0 of 3 assets named with 1 rule of test · API calls: 2 (ListTables 2)',
      ].join('\n'),
    );
  });
});
