/**
 * `not: <match>`: the nested match does not hold. Unknown stays unknown, so a negated owner condition on an
 * unreadable owner still ends as no match. Its footprint is what the negation of a SINGLE condition promises
 * (`not: { type: table }` = any other kind); of anything larger, nothing is known.
 */
import type { Condition } from './condition';
import { negated } from './kleene';

declare module './condition' {
  interface MatchFile {
    not?: MatchFile;
  }
  interface Match {
    not?: Match;
  }
}

export const not: Condition<'not'> = {
  description: 'a match that must not hold',
  schema: (match) => match,
  normalize: (raw, ctx) => ctx.match(raw, ctx.at),
  cost: 6,
  reads: [],
  children: (inner) => [{ at: [], match: inner }],
  compile: (inner, sub) => negated(sub(inner)),
  footprint: {
    of: (inner, ops) => ops.negation(inner),
    negation: (inner, ops) => ops.of(inner),
  },
  explain: (inner, _asset, _tags, sub) => ({ children: [sub(inner)] }),
};
