import { evaluateMatch, explainMatch, parseRuleSet, type Explanation, type Match, type MatchableAsset } from '../../shared/rules';
import { matchableTable as table, rule, ruleSet } from '../support/rule-sets';

/** The match of a rule parsed from its file form, so the explanation shows the normalized model. */
const parsed = (match: object): Match => parseRuleSet(JSON.stringify(ruleSet({ rules: [rule({ match })] }))).rules[0].match;

describe('rules/explain', () => {
  describe('explainMatch', () => {
    it('gives each condition its verdict, what it expected and what it saw', () => {
      const match = parsed({ type: 'table', name: 'ods_*', projects: [1], env: 'Prod', owner: ['bob', 'alice'], tags: { has: ['pii'], lacks: { c: 'public' } } });
      expect(explainMatch(match, table(), { pii: 'true', c: 'internal', team: 'x' })).toEqual({
        condition: 'match',
        verdict: 'no-match',
        children: [
          { condition: 'type', verdict: 'match', expected: 'table', actual: 'table' },
          { condition: 'name', verdict: 'match', expected: [{ glob: 'ods_*' }], actual: 'ods_user_info' },
          { condition: 'projects', verdict: 'no-match', expected: [1], actual: 10001 },
          { condition: 'env', verdict: 'match', expected: 'Prod', actual: 'Prod' },
          { condition: 'owner', verdict: 'match', expected: ['bob', 'alice'], actual: 'alice' },
          { condition: 'tags', verdict: 'match', expected: { has: [{ key: 'pii' }], lacks: [{ key: 'c', values: ['public'] }] }, actual: { pii: 'true', c: 'internal' } },
        ],
      });
    });

    it('explains nested matches as children, and leaves a detail not fetched yet unknown', () => {
      const match = parsed({ any: [{ owner: 'bob' }, { env: 'Dev' }], not: { name: '*_tmp' } });
      expect(explainMatch(match, table({ owner: undefined }), {})).toEqual({
        condition: 'match',
        verdict: 'unknown',
        children: [
          {
            condition: 'not',
            verdict: 'match',
            children: [{ condition: 'match', verdict: 'no-match', children: [{ condition: 'name', verdict: 'no-match', expected: [{ glob: '*_tmp' }], actual: 'ods_user_info' }] }],
          },
          {
            condition: 'any',
            verdict: 'unknown',
            children: [
              { condition: 'match', verdict: 'unknown', children: [{ condition: 'owner', verdict: 'unknown', expected: ['bob'], actual: undefined }] },
              { condition: 'match', verdict: 'no-match', children: [{ condition: 'env', verdict: 'no-match', expected: 'Dev', actual: 'Prod' }] },
            ],
          },
        ],
      });
    });

    it('explains every condition, even after one has settled the outcome', () => {
      const tree = explainMatch(parsed({ type: 'task', name: 'dim_*', owner: 'bob' }), table(), {});
      expect(tree.children?.map((c) => [c.condition, c.verdict])).toEqual([
        ['type', 'no-match'],
        ['name', 'no-match'],
        ['owner', 'no-match'],
      ]);
    });

    it('an empty match matches, with nothing to explain', () => {
      expect(explainMatch({}, table(), {})).toEqual({ condition: 'match', verdict: 'match', children: [] });
    });

    // the verdict at the top agrees with evaluateMatch: unknown is needs-details before details are fetched,
    // and no-match once they were (an unreadable owner or an unreported workspace never matches)
    it.each<[string, object, Partial<MatchableAsset>, string, Explanation['verdict']]>([
      ['owner known', { owner: 'alice' }, {}, 'match', 'match'],
      ['owner not fetched', { owner: 'alice' }, { owner: undefined }, 'needs-details', 'unknown'],
      ['owner unreadable, negated', { not: { owner: 'bob' } }, { owner: null }, 'no-match', 'unknown'],
      ['workspace not reported yet', { projects: [10001] }, { projectId: undefined, owner: undefined }, 'needs-details', 'unknown'],
      ['workspace never reported', { projects: [10001] }, { projectId: undefined }, 'no-match', 'no-match'],
      ['false AND unknown', { all: [{ owner: 'alice' }, { env: 'Dev' }] }, { owner: undefined }, 'no-match', 'no-match'],
      ['true OR unknown', { any: [{ owner: 'alice' }, { env: 'Prod' }] }, { owner: undefined }, 'match', 'match'],
      ['tags and a nested not', { tags: { lacks: ['classification'] }, not: { any: [{ env: 'Dev' }, { projects: [2] }] } }, {}, 'match', 'match'],
    ])('agrees with evaluateMatch: %s', (_, file, over, outcome, verdict) => {
      const match = parsed(file);
      expect(evaluateMatch(match, table(over), {})).toBe(outcome);
      expect(explainMatch(match, table(over), {}).verdict).toBe(verdict);
    });
  });
});
