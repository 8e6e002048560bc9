/** `any: [matches]`: at least one nested match holds (true OR unknown = true). */
import type { Condition } from './condition';
import { anyOf } from './kleene';
import { matchList } from './nested';

declare module './condition' {
  interface MatchFile {
    any?: MatchFile[];
  }
  interface Match {
    any?: Match[];
  }
}

export const any: Condition<'any'> = {
  ...matchList,
  description: 'matches of which at least one must hold',
  cost: 5,
  compile: (subs, sub) => anyOf(subs.map(sub)),
  footprint: { of: (subs, ops) => ops.any(subs.map(ops.of)) },
};
