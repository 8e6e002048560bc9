import { evaluateMatch, parseRuleSet, pushdownHints } from '../../shared/rules';
import { matchableTable, ruleSet } from '../support/rule-sets';

/** Parsed rules, each setting team=x (no conflicts to trip over). */
const rules = (...matches: object[]) =>
  parseRuleSet(JSON.stringify(ruleSet({ rules: matches.map((match, i) => ({ id: `r${i}`, match, tags: { team: 'x' } })) }))).rules;

describe('rules/pushdown', () => {
  describe('pushdownHints', () => {
    it('offers every filter all rules of the kind require', () => {
      const rs = rules(
        { type: 'task', name: 'ods_user_*', owner: ['2001'], projects: [10001], env: 'Prod' },
        { type: 'task', name: { regex: '^ods_member_' }, owner: 2002, projects: [10002], env: 'Prod' },
      );
      expect(pushdownHints(rs, 'task')).toEqual({ names: ['ods_member_', 'ods_user_'], owners: ['2001', '2002'], projects: [10001, 10002], env: 'Prod' });
    });

    it('offers nothing a single rule of the kind does not require', () => {
      const rs = rules({ type: 'task', name: 'ods_*', owner: '1', projects: [1], env: 'Prod' }, { type: 'task' });
      expect(pushdownHints(rs, 'task')).toEqual({});
    });

    it('ignores rules of the other kind, and counts untyped rules for both', () => {
      const rs = rules({ type: 'table', projects: [1] }, { type: 'task', projects: [2] }, { projects: [3] });
      expect(pushdownHints(rs, 'table')).toEqual({ projects: [1, 3] });
      expect(pushdownHints(rs, 'task')).toEqual({ projects: [2, 3] });
    });

    it('offers no env when rules disagree on it', () => {
      expect(pushdownHints(rules({ env: 'Prod' }, { env: 'Dev' }), 'task')).toEqual({});
    });

    it('offers names only when every pattern has a literal prefix, keeping the shortest covering ones', () => {
      expect(pushdownHints(rules({ name: ['ods_user_*', 'dim_*'] }, { name: 'ods_*' }), 'table').names).toEqual(['dim_', 'ods_']);
      expect(pushdownHints(rules({ name: ['ods_*', '*_tmp'] }), 'table').names).toBeUndefined();
      expect(pushdownHints(rules({ name: { regex: 'user' } }), 'table').names).toBeUndefined();
    });

    it('reads requirements shared by every branch of an any, and none under a not', () => {
      const rs = rules({ any: [{ projects: [1], owner: 'a' }, { projects: [2], owner: 'b' }] }, { projects: [3], owner: 'c', not: { env: 'Dev' } });
      expect(pushdownHints(rs, 'task')).toEqual({ owners: ['a', 'b', 'c'], projects: [1, 2, 3] });
    });

    // found by the pushdown property (test/properties): the hint was env=Dev, excluding a table that matches
    it('offers no env from a negated env: an asset that reports none matches it too', () => {
      const rs = rules({ type: 'table', not: { env: 'Prod' } });
      expect(evaluateMatch(rs[0].match, matchableTable({ envType: undefined }), {})).toBe('match');
      expect(pushdownHints(rs, 'table')).toEqual({});
    });

    it('offers nothing when no rule can match the kind', () => {
      expect(pushdownHints(rules({ type: 'table', projects: [1] }), 'task')).toEqual({});
    });
  });
});
