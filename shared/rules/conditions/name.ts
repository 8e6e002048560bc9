/**
 * `name: <glob> | { glob } | { regex } | [...]`: the asset's name matches any of the patterns (see
 * `../patterns.ts` for what globs and regexes mean). Patterns are checked before any API call.
 */
import { z } from 'zod';
import { closed } from '../../json';
import { patternLengthProblem } from '../pattern-length';
import { literalPrefix, nameTest, patternListsDisjoint, patternProblem, type NamePattern } from '../patterns';
import { prefixTrie } from '../prefix-trie';
import type { Condition } from './condition';

const pattern = z.union(
  [
    z.string().min(1),
    closed({ glob: z.string().min(1) }),
    closed({ regex: z.string().min(1).meta({ description: 'RE2 regular expression (no lookaround or backreferences), searched in the name (anchor it with ^ and $)' }) }),
  ],
  { error: 'expected a glob string, { glob: "..." } or { regex: "..." }' },
);
const schema = z.union([pattern, z.array(pattern).min(1)], {
  error: 'expected a glob string, { glob: "..." }, { regex: "..." } or a list of those',
});

declare module './condition' {
  interface MatchFile {
    name?: z.output<typeof schema>;
  }
  interface Match {
    /** any of the patterns matches the asset name */
    name?: NamePattern[];
  }
  interface Facets {
    /** the name matches one pattern of EACH list */
    name: readonly (readonly NamePattern[])[];
  }
}

export const name: Condition<'name'> = {
  description: 'glob (whole name, case-sensitive), { regex }, or a list: any of them',
  schema: () => schema,
  normalize: (raw) => (Array.isArray(raw) ? raw : [raw]).map((p) => (typeof p === 'string' ? { glob: p } : { ...p })),
  cost: 3,
  reads: [],
  compile: (patterns) => {
    const tests = patterns.map(nameTest);
    return (a) => tests.some((t) => t(a.name));
  },
  footprint: {
    facet: {
      both: (a, b) => [...a, ...b],
      // only the first list of each: enough for prefixes, and it stays one list
      either: (a, b) => [[...a[0], ...b[0]]],
      impossible: (lists) => lists.some((l, i) => lists.slice(i + 1).some((m) => patternListsDisjoint(l, m))),
      // two lists whose literal prefixes are pairwise incomparable are disjoint, so only comparable ones may meet
      index: () => {
        const trie = prefixTrie();
        return {
          add: (id, lists) => indexedPrefixes(lists).forEach((p) => trie.add(p, id)),
          count: (lists) => indexedPrefixes(lists).reduce((n, p) => n + trie.count(p), 0),
          near: (lists) => indexedPrefixes(lists).flatMap((p) => trie.comparable(p)),
        };
      },
    },
    of: (patterns) => [patterns],
  },
  pushdown: (facets) => {
    // per rule, the first of its lists whose patterns all have a literal prefix
    const prefixes = facets.map((lists) => lists?.map((list) => list.map(literalPrefix)).find((ps) => ps.every((p) => p.length > 0)));
    return prefixes.every((ps): ps is string[] => ps !== undefined) ? { names: shortestCovering(prefixes.flat()) } : {};
  },
  issues: (patterns) =>
    patterns.flatMap((p, j) => {
      // the length first: a pattern of kilobytes is refused before it is compiled or analysed
      const problem = patternLengthProblem(p) ?? patternProblem(p);
      return problem ? [{ at: patterns.length > 1 ? [j] : [], message: problem }] : [];
    }),
  explain: (patterns, asset) => ({ expected: patterns, actual: asset.name }),
};

/** The literal prefixes of the list that narrows most (its shortest prefix the longest); the name meets every list. */
function indexedPrefixes(lists: readonly (readonly NamePattern[])[]): string[] {
  const shortest = (ps: string[]) => Math.min(...ps.map((p) => p.length));
  return lists.map((list) => list.map(literalPrefix)).reduce((best, ps) => (shortest(ps) > shortest(best) ? ps : best));
}

/** The prefixes without those another one already covers ("ods_" covers "ods_user_"): fewer server calls. */
function shortestCovering(prefixes: string[]): string[] {
  const sorted = [...new Set(prefixes)].sort();
  return sorted.filter((p, i) => !sorted.slice(0, i).some((q) => p.startsWith(q)));
}
