/**
 * Property: moving name patterns to RE2 kept what they mean. For random globs of the documented syntax (`*`,
 * `?`, `[ab]`, `[a-c]`, `{a,b}`, `\` escapes, a leading `!`; those validation accepts) and random names,
 * `nameTest` agrees with picomatch's own matcher, what globs ran on before; for random regexes of the syntax
 * RE2 and JavaScript share (classes, `\d \w`, groups, alternation, greedy and lazy quantifiers, anchors), it
 * agrees with JavaScript's RegExp.
 */
import fc from 'fast-check';
import picomatch from 'picomatch';
import { nameTest, patternProblem } from '../../shared/rules/patterns';

const GLOB_OPTIONS: picomatch.PicomatchOptions = { bash: true, dot: true, nocase: false, windows: false };

/**
 * Names over a small alphabet holding every character the patterns give a meaning to. Never empty, "." or
 * "..": picomatch's fast path keeps a leading "*" from matching those two (path segments to it), its full
 * translation, which RE2 runs, does not; no asset is named so.
 */
const name = fc
  .string({ unit: fc.constantFrom('a', 'b', 'c', '_', '-', '1', '.', '*', '?'), minLength: 1, maxLength: 8 })
  .filter((n) => n !== '.' && n !== '..');

const globToken = fc.constantFrom('a', 'b', '_', '-', '.', '1', '*', '?', '[ab]', '[a-c]', '{a,b_}', '{1,c*}', '\\*', '\\?');
const glob = fc
  .tuple(fc.boolean(), fc.array(globToken, { minLength: 1, maxLength: 5 }))
  .map(([negated, tokens]) => `${negated ? '!' : ''}${tokens.join('')}`)
  .filter((g) => g !== '!' && patternProblem({ glob: g }) === undefined); // a lone "!" is no glob; some "**" are refused

const atom = fc.constantFrom('a', 'b', '_', '-', '1', '.', '\\.', '\\d', '\\w', '[ab]', '[^a]', '(a|b_)', '(?:ab)', '\\*');
const quantifier = fc.constantFrom('', '', '*', '+', '?', '{1,2}', '*?', '+?');
const regex = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(atom, quantifier), { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([start, pieces, end]) => `${start ? '^' : ''}${pieces.map(([a, q]) => a + q).join('')}${end ? '$' : ''}`);

describe('property: name patterns mean what they meant on the engines before', () => {
  it('a glob matches what picomatch matches', () => {
    fc.assert(
      fc.property(glob, name, (g, n) => {
        expect(nameTest({ glob: g })(n)).toBe(picomatch(g, GLOB_OPTIONS)(n));
      }),
      { numRuns: 3000 },
    );
  });

  it('a regex matches what a JavaScript RegExp matches', () => {
    fc.assert(
      fc.property(regex, name, (r, n) => {
        expect(nameTest({ regex: r })(n)).toBe(new RegExp(r).test(n));
      }),
      { numRuns: 3000 },
    );
  });
});
