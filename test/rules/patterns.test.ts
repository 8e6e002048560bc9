import { literalName, literalPrefix, literalSuffix, nameTest, patternProblem, patternsDisjoint } from '../../shared/rules/patterns';
import type { NamePattern } from '../../shared/rules';

const glob = (g: string): NamePattern => ({ glob: g });
const regex = (r: string): NamePattern => ({ regex: r });

describe('rules/patterns', () => {
  describe('nameTest', () => {
    it('compiles a pattern once and reuses it', () => {
      const p = regex('^ods_');
      expect(nameTest(p)).toBe(nameTest(p));
      expect(nameTest(p)('ods_x')).toBe(true);
    });
  });

  describe('literalPrefix / literalSuffix / literalName', () => {
    it.each<[NamePattern, string, string, string | undefined]>([
      [glob('ods_user_*'), 'ods_user_', '', undefined],
      [glob('*_tmp'), '', '_tmp', undefined],
      [glob('ods_*_di'), 'ods_', '_di', undefined],
      [glob('ods_{a,b}_x'), 'ods_', '_x', undefined],
      [glob('orders'), 'orders', 'orders', 'orders'],
      [glob('!ods_*'), '', '', undefined],
      [regex('^ods_(user|member)_'), 'ods_', '', undefined],
      [regex('^ods_user_?'), 'ods_user', '', undefined],
      [regex('^ods_us{2}'), 'ods_u', '', undefined],
      [regex('_di$'), '', '_di', undefined],
      [regex('\\d_di$'), '', '_di', undefined],
      [regex('x\\d$'), '', '', undefined],
      [regex('^ods_a|dim_$'), '', '', undefined],
      [regex('^orders$'), 'orders', 'orders', 'orders'],
      [regex('ods_'), '', '', undefined],
    ])('%j: prefix %j, suffix %j, literal %j', (p, prefix, suffix, literal) => {
      expect([literalPrefix(p), literalSuffix(p), literalName(p)]).toEqual([prefix, suffix, literal]);
    });
  });

  describe('patternsDisjoint', () => {
    it.each<[NamePattern, NamePattern, boolean]>([
      [glob('ods_*'), glob('dim_*'), true],
      [glob('ods_*'), glob('ods_user_*'), false],
      [glob('*_di'), glob('*_df'), true],
      [glob('ods_*'), glob('*_di'), false],
      [glob('ods_a'), glob('ods_*'), false],
      [glob('ods_a'), glob('dim_*'), true],
      [regex('^ods_'), glob('ods_x*'), false],
      [regex('user'), glob('ods_*'), false],
    ])('%j and %j: %s', (a, b, expected) => {
      expect(patternsDisjoint(a, b)).toBe(expected);
      expect(patternsDisjoint(b, a)).toBe(expected);
    });
  });

  describe('patternProblem', () => {
    it('accepts a plain glob and a safe regex', () => {
      expect(patternProblem(glob('ods_[a-z]*'))).toBeUndefined();
      expect(patternProblem(regex('^ods_(user|member)_'))).toBeUndefined();
    });
    it('rejects a regex that does not compile', () => {
      expect(patternProblem(regex('('))).toMatch(/^invalid regex: /);
    });
    it.each(['^(a+)+$', '(x*)*y', '^(\\w+\\s?)*$'])('rejects %s as open to catastrophic backtracking', (re) => {
      expect(patternProblem(regex(re))).toContain('catastrophic backtracking');
    });
  });
});
