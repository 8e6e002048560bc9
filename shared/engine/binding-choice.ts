/**
 * The choices a plan and an explanation must make alike, so an explanation never disagrees with a run: which
 * rules can match an asset of a kind, and what writing a rule's binding means for an asset's current tags.
 */
import type { AssetKind } from '../dataworks';
import type { OnConflict, Rule } from '../rules';

/** The rules that can match an asset of `kind`: a rule without a type can match every kind. */
export const rulesForKind = (rules: readonly Rule[], kind: AssetKind): Rule[] => rules.filter((r) => (r.match.type ?? kind) === kind);

export type BindingChoice = { action: 'present' } | { action: 'bind' } | { action: 'conflict'; currentValue: string; resolution: OnConflict };

/** What writing `key=value` means for an asset whose tags are `current`: present already, a new binding, or a conflict. */
export function bindingAction(current: Readonly<Record<string, string>>, key: string, value: string, rule: Rule): BindingChoice {
  const now = current[key];
  if (now === value) return { action: 'present' };
  if (now === undefined) return { action: 'bind' };
  return { action: 'conflict', currentValue: now, resolution: rule.onConflict };
}
