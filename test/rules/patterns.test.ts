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
    it('accepts a plain glob and a regex', () => {
      expect(patternProblem(glob('ods_[a-z]*'))).toBeUndefined();
      expect(patternProblem(regex('^ods_(user|member)_'))).toBeUndefined();
    });
    it('rejects a regex that does not compile, saying it is RE2 syntax', () => {
      expect(patternProblem(regex('('))).toMatch(/^invalid regex: missing closing \): `\(`; regexes are RE2 syntax/);
      expect(patternProblem(regex('\\u4e2d'))).toContain('a code point "\\x{4e2d}"');
    });
    // nested repetition is safe on a linear-time engine: these were refused while matching could backtrack
    it.each(['^(a+)+$', '(x*)*y', '^(\\w+\\s?)*$', '^(\\w|\\d)+$'])('accepts %s: matching it cannot backtrack', (re) => {
      expect(patternProblem(regex(re))).toBeUndefined();
    });
    it.each([
      ['(?=ods_)\\w+', '(?='],
      ['^ods_(?!tmp)', '(?!'],
      ['(?<=ods_)user', '(?<='],
      ['(?<!tmp_)user$', '(?<!'],
    ])('rejects the lookaround in %s, saying why and how to rewrite it', (re, construct) => {
      expect(patternProblem(regex(re))).toBe(
        `regex uses lookaround ("${construct}"), which the linear-time engine (RE2) does not support: ` +
          'match the wanted names directly, or put what they must not be in a "not" condition, e.g. not: { name: { regex: "_tmp$" } }',
      );
    });
    it.each([
      ['^(ods|dwd)_\\1', '\\1'],
      ['^(?<layer>ods)_\\k<layer>', '\\k'],
    ])('rejects the backreference in %s, saying why and how to rewrite it', (re, construct) => {
      expect(patternProblem(regex(re))).toBe(
        `regex uses a backreference ("${construct}"), which the linear-time engine (RE2) does not support: ` +
          'spell the repeated part out, or list the alternatives with "|", e.g. "^(ods_ods|dwd_dwd)_"',
      );
    });
    it.each(['+(a|b)_x', '*(a|b)_x', 'ods_!(tmp)', '**', '[[:alpha:]]*'])('rejects the glob %s, whose translation needs lookaround', (g) => {
      expect(patternProblem(glob(g))).toMatch(/^glob uses syntax that picomatch translates with lookaround, which cannot be matched in linear time .*: use \*, \?, \[abc\], \{a,b\} and \\ escapes, or write it as a \{ regex \}$/);
    });
  });

  describe('nameTest on the linear-time engine', () => {
    it.each<[NamePattern, string, boolean]>([
      [glob('ods_*'), 'ods_user', true],
      [glob('!ods_*'), 'ods_user', false],
      [glob('!ods_*'), 'dim_user', true],
      [glob('ods_{user,member}_?'), 'ods_member_x', true],
      [glob('@(ods|dwd)_x'), 'dwd_x', true],
      [regex('user'), 'ods_user_info', true],
      [regex('^(?i)ODS_'), 'ods_user', true],
      [regex('^(?P<layer>ods|dwd)_'), 'dim_x', false],
    ])('%j on %j: %s', (p, name, expected) => {
      expect(nameTest(p)(name)).toBe(expected);
    });
  });
});
