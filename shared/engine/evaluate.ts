/**
 * Decides, for one asset, which tags its rules want bound. Rules that build on each other settle here:
 * each rule sees the asset's current tags plus what the OTHER matching rules are about to bind, and the
 * evaluation repeats until the wanted set stops changing, so an immediate re-run finds nothing to do.
 * A rule never sees its own pending bindings (a `lacks: [k]` rule that sets k would otherwise undo
 * itself). A set of rules that keeps changing its mind is reported as unsettled, never guessed. A caller may
 * say what to assume of a rule whose outcome waits on details (details-needed.ts asks whether they matter).
 */
import { evaluateMatch, type MatchableAsset, type Rule } from '../rules';

export interface Wanted {
  key: string;
  value: string;
  rule: Rule;
}

export type Evaluation =
  | { kind: 'needs-details' }
  | {
      kind: 'settled';
      /** key → the winning rule's binding */
      wanted: Map<string, Wanted>;
      /** bindings that lost to a higher-priority rule */
      overridden: { key: string; value: string; ruleId: string; winningRuleId: string }[];
      matchedRuleIds: string[];
    }
  | { kind: 'unsettled'; ruleIds: string[] };

/**
 * What `rule` sees: current tags overlaid with the other rules' pending bindings that will take effect. At a
 * settled evaluation, `viewFor(rule, current, wanted)` is what each rule saw in the last round (explain.ts shows it).
 */
export function viewFor(rule: Rule, current: Readonly<Record<string, string>>, wanted: ReadonlyMap<string, Wanted>): Record<string, string> {
  const tags = { ...current };
  for (const w of wanted.values()) {
    if (w.rule === rule) continue;
    if (tags[w.key] === undefined || w.rule.onConflict === 'overwrite') tags[w.key] = w.value;
  }
  return tags;
}

const signature = (wanted: Map<string, Wanted>) =>
  [...wanted.values()].map((w) => `${w.key}=${w.value}@${w.rule.id}`).sort().join('\n');

/** What to assume of a rule whose outcome depends on details not read: match or not; undefined: read them. */
export type Assume = (rule: Rule) => boolean | undefined;

export function evaluateAsset(rules: readonly Rule[], asset: MatchableAsset, current: Readonly<Record<string, string>>, assume?: Assume): Evaluation {
  let wanted = new Map<string, Wanted>();
  const seen = new Set<string>([signature(wanted)]);
  // rules that matched in some rounds and not in others: the ones to name if the evaluation never settles
  const everMatched = new Set<string>();
  let alwaysMatched: Set<string> | undefined;
  // Each round can only add or drop whole rules, so more rounds than rules + 1 means a cycle.
  for (let round = 0; round <= rules.length + 1; round++) {
    const matched: Rule[] = [];
    for (const rule of rules) {
      const outcome = evaluateMatch(rule.match, asset, viewFor(rule, current, wanted));
      const assumed = outcome === 'needs-details' ? assume?.(rule) : outcome === 'match';
      if (assumed === undefined) return { kind: 'needs-details' };
      if (assumed) matched.push(rule);
    }
    const next = new Map<string, Wanted>();
    const overridden: { key: string; value: string; ruleId: string; winningRuleId: string }[] = [];
    // Highest priority first; among equals, file order (validation rejects equal-priority disagreements).
    const ordered = [...matched].sort((a, b) => b.priority - a.priority);
    for (const rule of ordered) {
      for (const [key, value] of Object.entries(rule.tags)) {
        const winner = next.get(key);
        if (!winner) next.set(key, { key, value, rule });
        else if (winner.value !== value) overridden.push({ key, value, ruleId: rule.id, winningRuleId: winner.rule.id });
      }
    }
    const sig = signature(next);
    if (sig === signature(wanted)) {
      return { kind: 'settled', wanted: next, overridden, matchedRuleIds: matched.map((r) => r.id) };
    }
    for (const r of matched) everMatched.add(r.id);
    alwaysMatched = new Set(matched.filter((r) => alwaysMatched?.has(r.id) ?? true).map((r) => r.id));
    if (seen.has(sig)) break;
    seen.add(sig);
    wanted = next;
  }
  return { kind: 'unsettled', ruleIds: [...everMatched].filter((id) => !alwaysMatched?.has(id)).sort() };
}
