/**
 * Rules that would fight over one tag: two rules of equal priority that can match the same asset while setting
 * one key to different values. "Can match the same asset" is decided conservatively: reported unless their
 * footprints provably exclude each other (type, env, projects, literal owners, name prefixes/suffixes, tag tests).
 *
 * Near n log n, not pairwise: only rules of one priority that set one key can conflict, so each (priority, key)
 * keeps the rules setting it in an overlap index, and a rule is compared only with the earlier ones that index
 * cannot rule out (and only when some of them set another value). Issues come in the pairwise order: by the
 * later rule, then the earlier one, then the later rule's keys.
 */
import type { InputIssue } from '../errors';
import { disjoint, footprint } from './footprint';
import { issueAt } from './issues';
import { overlapIndex, type OverlapIndex } from './overlaps';
import type { IndexedRule } from './types';

/** The earlier rules of one priority that set one key. */
interface Setters {
  overlaps: OverlapIndex;
  /** value -> how many of them set it */
  values: Map<string, number>;
  size: number;
}

export function conflictIssues(rules: IndexedRule[]): InputIssue[] {
  const fps = rules.map((r) => footprint(r.rule.match));
  const setters = new Map<number, Map<string, Setters>>();
  const issues: InputIssue[] = [];
  rules.forEach(({ rule: b }, j) => {
    if (fps[j].never) return; // matches nothing, so conflicts with nothing
    const byKey = setters.get(b.priority) ?? new Map<string, Setters>();
    setters.set(b.priority, byKey);
    const earlier = new Set<number>();
    for (const [key, value] of Object.entries(b.tags)) {
      const s = byKey.get(key);
      if (!s || s.values.get(value) === s.size) continue; // none, or all of them set the same value
      for (const i of s.overlaps.candidates(fps[j])) if (rules[i].rule.tags[key] !== value) earlier.add(i);
    }
    for (const i of [...earlier].sort((x, y) => x - y)) {
      if (!disjoint(fps[i], fps[j])) issues.push(...pairIssues(rules[i], rules[j]));
    }
    for (const [key, value] of Object.entries(b.tags)) {
      const s = byKey.get(key) ?? { overlaps: overlapIndex(), values: new Map<string, number>(), size: 0 };
      byKey.set(key, s);
      s.overlaps.add(j, fps[j]);
      s.values.set(value, (s.values.get(value) ?? 0) + 1);
      s.size++;
    }
  });
  return issues;
}

/** One issue per key the two rules set to different values, in the later rule's key order. */
function pairIssues({ rule: a }: IndexedRule, { index, rule: b }: IndexedRule): InputIssue[] {
  const keys = Object.keys(b.tags).filter((k) => Object.hasOwn(a.tags, k) && a.tags[k] !== b.tags[k]);
  return keys.map((key) =>
    issueAt(
      ['rules', index, 'tags', key],
      `rules "${a.id}" and "${b.id}" can match the same asset and set "${key}" to "${a.tags[key]}" and "${b.tags[key]}" ` +
        `with the same priority (${a.priority}): give them different priorities (the higher wins), or make their matches ` +
        'disjoint (different type, env, projects, owner or name prefix/suffix, or contradictory tag conditions)',
      b.id,
    ),
  );
}
