/**
 * Rules that would fight over one tag: two rules of equal priority that can match the same asset while setting
 * one key to different values. "Can match the same asset" is decided conservatively: reported unless their
 * footprints provably exclude each other (type, env, projects, literal owners, name prefixes/suffixes, tag tests).
 */
import type { InputIssue } from '../errors';
import { disjoint, footprint } from './footprint';
import { issueAt } from './issues';
import type { IndexedRule } from './types';

export function conflictIssues(rules: IndexedRule[]): InputIssue[] {
  const fps = rules.map((r) => footprint(r.rule.match));
  const issues: InputIssue[] = [];
  for (let j = 0; j < rules.length; j++) {
    for (let i = 0; i < j; i++) {
      const [a, b] = [rules[i].rule, rules[j].rule];
      if (a.priority !== b.priority) continue;
      const keys = Object.keys(b.tags).filter((k) => Object.hasOwn(a.tags, k) && a.tags[k] !== b.tags[k]);
      if (keys.length === 0 || disjoint(fps[i], fps[j])) continue;
      for (const key of keys) {
        issues.push(
          issueAt(
            ['rules', rules[j].index, 'tags', key],
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
