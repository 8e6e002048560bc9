/**
 * Property: the indexed overlap check reports exactly what comparing every pair reported. For random rule
 * sets (nested matches with nesting name prefixes, literal names, globs and regexes, workspaces, owners,
 * types, envs and tag tests; two priorities; two keys with three values), `conflictIssues` gives the same
 * issues, with the same messages, in the same order, as the pairwise check it replaced (kept below as the
 * reference).
 */
import fc from 'fast-check';
import type { InputIssue } from '../../shared/errors';
import { conflictIssues } from '../../shared/rules/conflicts';
import { disjoint, footprint } from '../../shared/rules/footprint';
import { issueAt } from '../../shared/rules/issues';
import type { IndexedRule } from '../../shared/rules';
import { rules } from './arbitraries';

/** The check before issue 10: every pair of rules, later rule first, then earlier, then the later rule's keys. */
function pairwise(rs: IndexedRule[]): InputIssue[] {
  const fps = rs.map((r) => footprint(r.rule.match));
  const issues: InputIssue[] = [];
  for (let j = 0; j < rs.length; j++) {
    for (let i = 0; i < j; i++) {
      const [a, b] = [rs[i].rule, rs[j].rule];
      if (a.priority !== b.priority) continue;
      const keys = Object.keys(b.tags).filter((k) => Object.hasOwn(a.tags, k) && a.tags[k] !== b.tags[k]);
      if (keys.length === 0 || disjoint(fps[i], fps[j])) continue;
      for (const key of keys) {
        issues.push(
          issueAt(
            ['rules', rs[j].index, 'tags', key],
            `rules "${a.id}" and "${b.id}" can match the same asset and set "${key}" to "${a.tags[key]}" and "${b.tags[key]}" ` +
              `with the same priority (${a.priority}): give them different priorities (the higher wins), or make their matches ` +
              'disjoint (different type, env, projects, owner or name prefix/suffix, or contradictory tag conditions)',
            b.id,
          ),
        );
      }
    }
  }
  return issues;
}

describe('property: the indexed overlap check', () => {
  it('reports the same issues in the same order as comparing every pair', () => {
    let reported = 0; // rule sets with some issue and some pair left out: the ones that can fail
    fc.assert(
      fc.property(rules(0, 30), (rs) => {
        const expected = pairwise(rs);
        if (expected.length > 0) reported++;
        expect(conflictIssues(rs)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    expect(reported).toBeGreaterThan(100);
  });
});
