/**
 * Rule sets: the file format (YAML/JSON) and its JSON Schema, loading with every issue reported before any API
 * call, softer lint findings, matching one asset (and explaining why), and the filters discovery may push to
 * the server. Rule conditions are a registry (`conditions/`).
 */
export type {
  IndexedRule,
  Match,
  MatchableAsset,
  MatchOutcome,
  NamePattern,
  OnConflict,
  Rule,
  RuleSet,
  TagKeySpec,
  TagTest,
} from './types';
export { parseRuleSet, parseRuleSetData, loadRuleSet } from './load';
export { evaluateMatch, referencesOwner, testsAnyOf } from './match';
export { explainMatch, type Explanation } from './explain';
export { RULE_SET_SCHEMA_ID, ruleSetJsonSchema } from './json-schema';
export { lintRuleSet, type LintFinding } from './lint';
export { pushdownHints } from './pushdown';
export { unreadScopes, type UnreadScope } from './unread-scopes';
