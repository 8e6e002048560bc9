/**
 * Whether reading an asset's details (a table's owner or workspace: one GetTable each) could change what the
 * run writes. The rules waiting on details are tried both ways, every combination of them (at most 3 rules,
 * 8 evaluations; more and the details are read): when every combination makes the same writes — say the
 * table already carries every tag the owner rule could set, with its value or a conflict the rule skips —
 * the answer cannot matter and the details are not read. The evaluation kept is the one where those rules do
 * not match, so the plan claims no match it did not check.
 */
import type { MatchableAsset, Rule } from '../rules';
import { evaluateAsset, type Evaluation } from './evaluate';

const MAX_UNDECIDED = 3;

/** What an evaluation writes on an asset carrying `current`: what apply would send, in a comparable form. */
function writes(e: Evaluation, current: Readonly<Record<string, string>>): string {
  if (e.kind !== 'settled') return e.kind;
  return [...e.wanted.values()]
    .filter((w) => current[w.key] === undefined || (current[w.key] !== w.value && w.rule.onConflict === 'overwrite'))
    .map((w) => `${w.key}=${w.value}`)
    .sort()
    .join('\n');
}

/** The evaluation to use without the details when they could not change the writes; undefined: read them. */
export function decidedWithoutDetails(rules: readonly Rule[], asset: MatchableAsset, current: Readonly<Record<string, string>>): Evaluation | undefined {
  let undecided: Rule[] = [];
  for (;;) {
    const asked = new Set<Rule>();
    let kept: Evaluation | undefined;
    let written: string | undefined;
    for (let mask = 0; mask < 1 << undecided.length; mask++) {
      const e = evaluateAsset(rules, asset, current, (rule) => {
        const i = undecided.indexOf(rule);
        if (i < 0) asked.add(rule);
        return i >= 0 && ((mask >> i) & 1) === 1;
      });
      const w = writes(e, current);
      if (kept === undefined) [kept, written] = [e, w];
      else if (w !== written) return undefined;
    }
    const fresh = [...asked].filter((r) => !undecided.includes(r));
    if (!fresh.length) return kept;
    undecided = [...undecided, ...fresh];
    if (undecided.length > MAX_UNDECIDED) return undefined;
  }
}
