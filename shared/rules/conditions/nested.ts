/** What the combinators over a list of nested Matches (`any`, `all`) share: all but how they combine. */
import { z } from 'zod';
import type { Condition } from './condition';

export const matchList: Pick<Condition<'any' | 'all'>, 'schema' | 'normalize' | 'reads' | 'children' | 'explain'> = {
  schema: (match) => z.array(match).min(1),
  normalize: (raw, ctx) => raw.map((m, i) => ctx.match(m, [...ctx.at, i])),
  reads: [],
  children: (subs) => subs.map((match, i) => ({ at: [i], match })),
  explain: (subs, _asset, _tags, sub) => ({ children: subs.map(sub) }),
};
