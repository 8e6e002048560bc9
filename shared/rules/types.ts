/**
 * The validated, normalized model of a rule set: what `parseRuleSet` returns and what the engine reads.
 * The file format (YAML/JSON, with shorthands such as a bare glob string) is defined in `schema.ts`; every
 * shorthand is expanded here, so the engine never sees two spellings of one thing. A rule's conditions
 * (`Match`) are defined by the condition modules of `conditions/`.
 */
import type { Sources } from '../discovery';
import type { NotifySection } from '../notify';
import type { Match } from './conditions';

export type { Match, MatchableAsset, TagTest } from './conditions';
export type { NamePattern } from './patterns';

export type OnConflict = 'skip' | 'overwrite';

export interface Rule {
  id: string;
  description?: string;
  match: Match;
  /** key -> value to bind */
  tags: Record<string, string>;
  onConflict: OnConflict;
  /** higher wins when two matching rules set one key to different values; default 0 */
  priority: number;
}

/** A rule with its position in the file's `rules` list, for messages that point at it. */
export interface IndexedRule {
  index: number;
  rule: Rule;
  /** some of the rule did not parse: its parts are checked, not the whole (overlaps, sources that feed it) */
  partial?: true;
}

export interface TagKeySpec {
  key: string;
  /** allowed values; rules may only set these. Absent = any valid value. */
  values?: string[];
  description?: string;
  valueType?: 'Boolean' | 'Int' | 'String' | 'Double';
  managers?: string[];
}

export interface RuleSet {
  version: 1;
  /** the file it was loaded from, for messages */
  file?: string;
  name?: string;
  tagKeys: TagKeySpec[];
  /** one section per discovery source (each source defines its own, shared/discovery/sources) */
  sources: Sources;
  rules: Rule[];
  settings: {
    /** blast-radius guard: a run planning more writes than this stops before its first write */
    maxBindings: number;
  };
  /** where to send a notification after a run (its `{ env }` values are read when a run starts) */
  notify?: NotifySection;
}

/**
 * `needs-details`: the outcome depends on what listing calls do not report (the owner; for tables also the
 * workspace and env) and those details have not been fetched yet (`owner` undefined).
 */
export type MatchOutcome = 'match' | 'no-match' | 'needs-details';
