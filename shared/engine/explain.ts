/**
 * Why the rules tag one asset as they do (`autotag explain`): per rule, every condition with its verdict and what
 * it saw, where the tags it saw are the current ones overlaid with what the other rules are about to bind (the
 * fixpoint's view); the tags the rule would bind and what becomes of each (bound, already present, a conflict
 * skipped or overwritten, lost to a higher priority, or set alike by a rule that takes the binding); and the
 * settled result, which is what a plan does for the asset. Built on evaluateAsset and explainMatch, never beside
 * them, so an explanation cannot disagree with a run.
 *
 * `explainAsset` is pure: a plan explains an asset it evaluated by handing it the view it evaluated and its
 * active rules (plan-explain.ts). `explainAssets` first fetches details where a rule's outcome depends on them, as a run does.
 */
import type { AssetView, DetailResolver } from '../discovery';
import { explainMatch, testsAnyOf, type Explanation, type OnConflict, type Rule } from '../rules';
import { decidedWithoutDetails } from './details-needed';
import { evaluateAsset, viewFor, type Wanted } from './evaluate';
import { bindingAction, rulesForKind } from './binding-choice';

/** What becomes of one tag a matching rule would bind. */
export type TagFate =
  | { fate: 'bind' }
  | { fate: 'present' }
  | { fate: 'conflict'; currentValue: string; resolution: OnConflict }
  /** a higher-priority rule (or, among equals, an earlier one) sets the key to another value */
  | { fate: 'overridden'; winningRuleId: string; winningValue: string }
  /** another rule sets the same value and takes the binding */
  | { fate: 'shared'; winningRuleId: string };

export type TagDecision = { key: string; value: string } & TagFate;

/** What a plan does with a key's winning binding. */
export type BindingFate = Extract<TagFate, { fate: 'bind' | 'present' | 'conflict' }>;

/** A tag a rule saw as if bound: another matching rule's pending binding. */
export interface PendingTag {
  key: string;
  value: string;
  ruleId: string;
}

export interface RuleExplanation {
  ruleId: string;
  description?: string;
  priority: number;
  onConflict: OnConflict;
  /** the whole match; 'unknown' once details were fetched means unreadable, which never matches */
  verdict: Explanation['verdict'];
  match: Explanation;
  /** for a rule with tag conditions: the pending tags it saw besides the current ones */
  pending?: PendingTag[];
  /** each tag it would bind and what becomes of it; empty when it does not match */
  tags: TagDecision[];
}

export interface AssetExplanation {
  /** the asset as evaluated, with the details fetched for it */
  asset: AssetView;
  /** owner and workspace: reported by the listing, fetched because an outcome depended on them, or neither (no outcome did) */
  details: 'listed' | 'fetched' | 'not-needed';
  /** unsettled: tag conditions feed each other in a cycle, and a plan leaves the asset alone; needs-details: explained before details were fetched */
  outcome: 'settled' | 'unsettled' | 'needs-details';
  /** for unsettled: the rules that keep changing each other's outcome */
  unsettledRuleIds?: string[];
  /** every rule given, in file order */
  rules: RuleExplanation[];
  /** what a plan does for the asset: each key's winning binding */
  result: ({ key: string; value: string; ruleId: string } & BindingFate)[];
}

/** What a plan does with the binding that won its key: the run's own choice (page.ts), as a fate. */
function bindingFate(rule: Rule, key: string, value: string, current: Readonly<Record<string, string>>): BindingFate {
  const b = bindingAction(current, key, value, rule);
  return b.action === 'conflict' ? { fate: 'conflict', currentValue: b.currentValue, resolution: b.resolution } : { fate: b.action };
}

function fateOf(rule: Rule, key: string, value: string, wanted: ReadonlyMap<string, Wanted>, current: Readonly<Record<string, string>>): TagFate {
  const winner = wanted.get(key)!;
  if (winner.rule === rule) return bindingFate(rule, key, value, current);
  return winner.value === value ? { fate: 'shared', winningRuleId: winner.rule.id } : { fate: 'overridden', winningRuleId: winner.rule.id, winningValue: winner.value };
}

function explainRule(rule: Rule, asset: AssetView, wanted: ReadonlyMap<string, Wanted>, settled: boolean): RuleExplanation {
  const seen = viewFor(rule, asset.tags, wanted);
  const match = explainMatch(rule.match, asset, seen);
  const pending = Object.entries(seen)
    .filter(([key, value]) => asset.tags[key] !== value)
    .map(([key, value]) => ({ key, value, ruleId: wanted.get(key)!.rule.id }));
  const matched = settled && match.verdict === 'match';
  return {
    ruleId: rule.id,
    ...(rule.description !== undefined && { description: rule.description }),
    priority: rule.priority,
    onConflict: rule.onConflict,
    verdict: match.verdict,
    match,
    ...(testsAnyOf(rule.match, ['tags']) && { pending }),
    tags: matched ? Object.entries(rule.tags).map(([key, value]) => ({ key, value, ...fateOf(rule, key, value, wanted, asset.tags) })) : [],
  };
}

export interface ExplainOptions {
  /** its owner and workspace were read for this evaluation */
  detailsFetched?: boolean;
  /**
   * explain it as a plan that did not read its details evaluated it: when no answer could change what is
   * written, the outcome the plan settled on (details-needed.ts) rather than "needs details"
   */
  asPlanned?: boolean;
}

/** `asset` as its rules see it. */
export function explainAsset(rules: readonly Rule[], asset: AssetView, options: ExplainOptions = {}): AssetExplanation {
  const active = rulesForKind(rules, asset.kind);
  const first = evaluateAsset(active, asset, asset.tags);
  const decided = first.kind === 'needs-details' && options.asPlanned ? decidedWithoutDetails(active, asset, asset.tags) : undefined;
  const evaluation = decided ?? first;
  const wanted = evaluation.kind === 'settled' ? evaluation.wanted : new Map<string, Wanted>();
  const settled = evaluation.kind === 'settled';
  return {
    asset,
    details: options.detailsFetched ? 'fetched' : asset.owner === undefined ? 'not-needed' : 'listed',
    outcome: settled ? 'settled' : evaluation.kind,
    ...(evaluation.kind === 'unsettled' && { unsettledRuleIds: evaluation.ruleIds }),
    rules: rules.map((rule) => explainRule(rule, asset, wanted, settled)),
    result: [...wanted.values()].map((w) => ({ key: w.key, value: w.value, ruleId: w.rule.id, ...bindingFate(w.rule, w.key, w.value, asset.tags) })),
  };
}

/** Each asset explained after fetching the details its rules' outcomes depend on (owners, table workspaces), as a run does. */
export async function explainAssets(rules: readonly Rule[], assets: readonly AssetView[], resolver: DetailResolver): Promise<AssetExplanation[]> {
  const needed = assets.filter((a) => evaluateAsset(rulesForKind(rules, a.kind), a, a.tags).kind === 'needs-details');
  const fetched = new Map((needed.length ? await resolver.resolve(needed) : []).map((a) => [a.id, a]));
  return assets.map((a) => explainAsset(rules, fetched.get(a.id) ?? a, { detailsFetched: fetched.has(a.id) }));
}
