/**
 * A rule set's content hash: the version audit records name, and what a cursor or a saved plan is checked
 * against (a rule set that changed since is another rule set). It hashes the normalized model, not the file,
 * so comments, key order and shorthands do not change it; the file name does not either.
 */
import { createHash } from 'node:crypto';
import type { RuleSet } from '../rules';

/** JSON with every object's keys sorted, so equal data hashes equally. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashOf(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

/** sha256 of the rule set's model (its file name aside), as 64 hex digits. */
export function ruleSetHash(ruleSet: RuleSet): string {
  return hashOf({ ...ruleSet, file: undefined });
}
