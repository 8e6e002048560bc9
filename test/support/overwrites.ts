/**
 * "No overwrite under skip", judged where it can be: the emulator sees an UnTag then a Tag, but not the rule
 * that asked for them (rules are not on the wire), so it cannot tell an overwrite from an overwrite under
 * `onConflict: skip` (its own `silent-overwrite` violation catches the other path, a Tag over a bound value).
 * This check takes the catalog before and after a run (or several: a run killed between an unbind and its
 * bind, and the run that finished it), the rule set and the audit records: every value changed or removed
 * must be an audited change (old → new, or old → nothing when the new value then failed to bind) made by a
 * rule with `onConflict: overwrite` that sets that key — as a `binding` record, or as the `intent` a killed run
 * recorded before its unbind (old → new, left unbound, or bound to the new value by a later run).
 */
import type { Catalog } from '../../emulator';
import type { AuditRecord, BindingAuditRecord, IntentAuditRecord } from '../../shared/engine';
import type { RuleSet } from '../../shared/rules';

export interface UnexplainedChange {
  assetId: string;
  key: string;
  before: string;
  after: string | null;
  why: string;
}

const bindingMap = (c: Catalog) => new Map(c.bindings.map((b) => [`${b.assetId}\u0000${b.key}`, b.value]));

/** The values `ruleSet`'s run changed that an overwrite rule's audit record does not explain (none: the invariant holds). */
export function overwritesUnderSkip(ruleSet: RuleSet, before: Catalog, after: Catalog, audit: readonly AuditRecord[]): UnexplainedChange[] {
  const now = bindingMap(after);
  const rules = new Map(ruleSet.rules.map((r) => [r.id, r]));
  const out: UnexplainedChange[] = [];
  for (const b of before.bindings) {
    const value = now.get(`${b.assetId}\u0000${b.key}`) ?? null;
    if (value === b.value) continue;
    const change = { assetId: b.assetId, key: b.key, before: b.value, after: value };
    const record =
      audit.find((r): r is BindingAuditRecord => r.kind === 'binding' && r.assetId === b.assetId && r.key === b.key && r.oldValue === b.value && r.newValue === value) ??
      audit.find((r): r is IntentAuditRecord => r.kind === 'intent' && r.assetId === b.assetId && r.key === b.key && r.oldValue === b.value && (value === null || r.newValue === value));
    const rule = record && rules.get(record.ruleId);
    if (!record) out.push({ ...change, why: 'no audit record says so' });
    else if (!rule || rule.onConflict !== 'overwrite' || rule.tags[b.key] === undefined) out.push({ ...change, why: `audited for rule ${record.ruleId}, which does not overwrite ${b.key}` });
  }
  return out;
}
