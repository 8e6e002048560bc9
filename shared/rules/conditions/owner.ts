/**
 * `owner: <value> | [values]`: the asset's own owner is one of these, compared exactly: an account id for tasks,
 * an engine-side name for tables. The owner is a detail (tables never list it), so this runs last; an owner
 * that could not be read (null) stays unknown and ends as no match: never matched on a guess, even negated.
 */
import type { z } from 'zod';
import { textOrList } from '../format';
import type { Condition } from './condition';
import { setFacet, unionOfAll } from './facets';

declare module './condition' {
  interface MatchFile {
    owner?: z.output<typeof textOrList>;
  }
  interface Match {
    /** any of these owner values, compared exactly with the asset's own owner */
    owner?: string[];
  }
  interface Facets {
    /** the owners a matching asset may have */
    owner: ReadonlySet<string>;
  }
}

export const owner: Condition<'owner'> = {
  description: "the asset's own owner: account ids for tasks, engine-side names for tables",
  schema: () => textOrList,
  normalize: (raw, { texts, at }) => texts(raw, at),
  cost: 9,
  reads: ['owner'],
  compile: (owners) => {
    const set = new Set(owners);
    return (a) => (typeof a.owner === 'string' ? set.has(a.owner) : undefined);
  },
  footprint: { facet: setFacet<string>(), of: (owners) => new Set(owners) },
  pushdown: (facets) => {
    const owners = unionOfAll(facets);
    return owners ? { owners: owners.sort() } : {};
  },
  lint: (owners, { kind }) => {
    const nonAccountIds = kind === 'task' ? owners.filter((o) => !/^\d+$/.test(o)) : [];
    return nonAccountIds.length > 0
      ? [{ at: [], message: `task owners are account ids (digits, e.g. "1000"), so ${nonAccountIds.map((o) => `"${o}"`).join(', ')} can never match: use the owner's account id` }]
      : [];
  },
  meaningVariesByKind:
    'owner values are compared with the asset\'s own owner: an account id for tasks, an engine-side name for tables; add "type: task" or "type: table", or split the rule in two',
  explain: (owners, asset) => ({ expected: owners, actual: asset.owner }),
};
