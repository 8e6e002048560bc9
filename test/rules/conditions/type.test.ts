import { ASSET_KIND_NAMES } from '../../../shared/dataworks';
import { pushdownHints, type Match } from '../../../shared/rules';
import { allBut } from '../../../shared/rules/conditions/facets';
import { disjoint, footprint, mayMatchKind } from '../../../shared/rules/footprint';
import type { Rule } from '../../../shared/rules/types';

const asRule = (match: Match): Rule => ({ id: 'r1', match, tags: { team: 'x' }, onConflict: 'skip', priority: 0 });

describe('rules/conditions/type', () => {
  describe('footprint: the kinds come from ASSET_KINDS, however many there are', () => {
    it.each(ASSET_KIND_NAMES)('"not: { type: %s }" excludes that kind and leaves every other one', (kind) => {
      const fp = footprint({ not: { type: kind } });
      expect(disjoint(fp, footprint({ type: kind }))).toBe(true);
      expect(ASSET_KIND_NAMES.filter((k) => mayMatchKind(fp, k))).toEqual(ASSET_KIND_NAMES.filter((k) => k !== kind));
    });

    it('an any over every kind constrains no kind', () => {
      const fp = footprint({ any: ASSET_KIND_NAMES.map((type) => ({ type })) });
      expect(fp.type).toBeUndefined();
      expect(ASSET_KIND_NAMES.every((k) => mayMatchKind(fp, k))).toBe(true);
    });

    it('a type and its negation match nothing', () => {
      expect(footprint({ type: ASSET_KIND_NAMES[0], not: { type: ASSET_KIND_NAMES[0] } }).never).toBe(true);
    });

    it('"all but one" of three values leaves the other two (not "the other one")', () => {
      expect(allBut(['table', 'task', 'node'], 'table')).toEqual(new Set(['task', 'node']));
    });
  });

  it('pushdown leaves out a rule whose negated type excludes the kind, and counts it for the others', () => {
    const [kind, other] = ASSET_KIND_NAMES;
    const rules = [asRule({ not: { type: kind }, projects: [1] })];
    expect(pushdownHints(rules, kind)).toEqual({});
    expect(pushdownHints(rules, other)).toEqual({ projects: [1] });
  });
});
