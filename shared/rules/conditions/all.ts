/** `all: [matches]`: every nested match holds (false AND unknown = false). */
import type { Condition } from './condition';
import { allOf } from './kleene';
import { matchList } from './nested';

declare module './condition' {
  interface MatchFile {
    all?: MatchFile[];
  }
  interface Match {
    all?: Match[];
  }
}

export const all: Condition<'all'> = {
  ...matchList,
  description: 'matches that must all hold',
  cost: 4,
  compile: (subs, sub) => allOf(subs.map(sub)),
  footprint: { of: (subs, ops) => ops.all(subs.map(ops.of)) },
};
