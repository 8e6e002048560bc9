import { parseRuleSet } from '../../shared/rules';
import { FILE, issuesOf, ruleSet } from '../support/rule-sets';

/** Two rules setting classification to "internal" and "public", with the given matches. */
const pair = (a: object, b: object, extra: { a?: object; b?: object } = {}) =>
  ruleSet({
    rules: [
      { id: 'first', match: a, tags: { classification: 'internal' }, ...extra.a },
      { id: 'second', match: b, tags: { classification: 'public' }, ...extra.b },
    ],
  });

const parses = (rs: Record<string, unknown>) => () => parseRuleSet(JSON.stringify(rs), FILE);

describe('rules/conflicts', () => {
  describe('conflictIssues (through parseRuleSet)', () => {
    it('rejects two rules that can match one asset and set one key differently, naming both, the key, both values and the fix', () => {
      expect(issuesOf(pair({ type: 'table' }, { name: 'ods_*' }))).toEqual([
        {
          file: FILE,
          ruleId: 'second',
          field: 'rules[1].tags.classification',
          message:
            'rules "first" and "second" can match the same asset and set "classification" to "internal" and "public" with the same priority (0): ' +
            'give them different priorities (the higher wins), or make their matches disjoint (different type, env, projects, owner or name prefix/suffix, or contradictory tag conditions)',
        },
      ]);
    });

    it.each<[string, object, object]>([
      ['nested prefixes', { name: 'ods_*' }, { name: 'ods_user_*' }],
      ['nested prefixes, the longer first', { name: 'ods_user_*' }, { name: 'ods_*' }],
      ['a glob and a literal name it matches', { name: 'ods_*' }, { name: 'ods_user' }],
      ['a prefix and a suffix', { name: 'ods_*' }, { name: '*_tmp' }],
      ['an unanchored regex', { name: 'ods_*' }, { name: { regex: 'dim' } }],
      ['overlapping workspaces', { projects: [1, 2] }, { projects: [2, 3] }],
      ['overlapping owners', { owner: ['alice', 'bob'] }, { owner: ['bob'] }],
      ['tests on different tag keys', { tags: { has: ['pii'] } }, { tags: { lacks: ['team'] } }],
      ['a not it cannot see through', { not: { name: 'ods_*' } }, { name: 'ods_*' }],
      ['an any whose branches differ in type', { any: [{ type: 'table' }, { type: 'task' }] }, { type: 'task' }],
    ])('rejects a pair that may overlap: %s', (_, a, b) => {
      expect(issuesOf(pair(a, b)).map((i) => i.field)).toEqual(['rules[1].tags.classification']);
    });

    it.each<[string, object, object]>([
      ['type', { type: 'table' }, { type: 'task' }],
      ['env', { env: 'Prod' }, { env: 'Dev' }],
      ['disjoint workspaces', { projects: [1, 2] }, { projects: [3] }],
      ['disjoint literal owners', { owner: ['alice'] }, { owner: ['bob', 'carol'] }],
      ['glob prefixes', { name: 'ods_*' }, { name: 'dim_*' }],
      ['glob suffixes', { name: '*_di' }, { name: '*_df' }],
      ['every pair of two name lists', { name: ['ods_*', 'dwd_*'] }, { name: ['dim_*', { regex: '^ads_' }] }],
      ['regex prefixes', { name: { regex: '^ods_' } }, { name: { regex: '^dim_(a|b)' } }],
      ['a literal name the other glob does not match', { name: 'ods_users' }, { name: 'dim_*' }],
      ['two literal names', { name: { regex: '^orders$' } }, { name: 'order_items' }],
      ['has and lacks on one key', { tags: { has: ['pii'] } }, { tags: { lacks: ['pii'] } }],
      ['has with disjoint values', { tags: { has: { team: 'a' } } }, { tags: { has: { team: ['b', 'c'] } } }],
      ['has a value the other lacks', { tags: { has: { team: 'a' } } }, { tags: { lacks: { team: ['a'] } } }],
      ['not of the other type', { not: { type: 'table' } }, { type: 'table' }],
      ['not of a tag test', { not: { tags: { has: ['pii'] } } }, { tags: { has: { pii: 'true' } } }],
      ['conditions combined through all', { all: [{ type: 'table' }, { env: 'Dev' }] }, { env: 'Prod' }],
      ['every any branch disjoint from the other', { any: [{ name: 'ods_*' }, { name: 'dwd_*' }] }, { name: 'dim_*' }],
      ['any branches sharing a workspace set', { any: [{ projects: [1] }, { projects: [2], env: 'Dev' }] }, { projects: [3] }],
    ])('accepts a pair that is provably disjoint by %s', (_, a, b) => {
      expect(parses(pair(a, b))).not.toThrow();
    });

    it('accepts overlapping rules with different priorities', () => {
      expect(parses(pair({ type: 'table' }, { type: 'table' }, { b: { priority: 5 } }))).not.toThrow();
    });

    it('accepts overlapping rules that agree on the value', () => {
      const rs = ruleSet({
        rules: [
          { id: 'first', match: { type: 'table' }, tags: { classification: 'internal', pii: 'true' } },
          { id: 'second', match: { name: 'ods_*' }, tags: { classification: 'internal' } },
        ],
      });
      expect(parses(rs)).not.toThrow();
    });

    it('reports each disagreeing key of a pair', () => {
      const rs = ruleSet({
        rules: [
          { id: 'first', match: {}, tags: { classification: 'internal', team: 'a' } },
          { id: 'second', match: {}, tags: { classification: 'public', team: 'b' } },
        ],
      });
      expect(issuesOf(rs).map((i) => i.field)).toEqual(['rules[1].tags.classification', 'rules[1].tags.team']);
    });
  });
});
