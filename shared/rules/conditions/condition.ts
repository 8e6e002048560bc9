/**
 * What a rule condition is. Each Match key is one module of this folder exporting one `Condition` object that
 * holds everything about it: file format, normalisation, three-valued evaluation, the asset details it reads,
 * its footprint (overlap check, linter, server-side filters), validation, lint findings and explanation.
 *
 * The types of a Match follow from the modules too: each one adds its key to `MatchFile` (the file format),
 * `Match` (the model) and, when it constrains a footprint, `Facets`, by augmenting the interfaces below; the
 * registry (`index.ts`) is typed so that a key without an entry, or an entry without a key, does not compile.
 */
import type { z } from 'zod';
import type { AssetKind, EnvType } from '../../dataworks';
import type { PushdownHints } from '../../discovery';
import type { Path } from '../../errors';
import type { Scalar } from '../format';

/** A Match as the file writes it. Every key is optional; the condition modules add theirs. */
export interface MatchFile {}

/** Conditions on one asset, normalized. The keys of one Match are AND-ed; `any`/`all`/`not` combine Matches. */
export interface Match {}

/** Per condition key, what a footprint records along that condition (see `../footprint.ts`). */
export interface Facets {}

export type ConditionKey = keyof Match & keyof MatchFile;
export type Value<K extends ConditionKey> = NonNullable<Match[K]>;
export type FileValue<K extends ConditionKey> = NonNullable<MatchFile[K]>;

/**
 * What a matcher needs to know of an asset. `owner`: undefined = details not fetched yet, null = could not be
 * read. Once details are fetched (owner not undefined), a missing `projectId` or `envType` means unknown for good.
 */
export interface MatchableAsset {
  kind: AssetKind;
  name: string;
  projectId?: number;
  envType?: EnvType;
  owner?: string | null;
}

/** The asset fields listing calls may not report, which the engine fetches only when an outcome depends on them. */
export type Detail = 'owner' | 'projectId' | 'envType';

export type Tags = Readonly<Record<string, string>>;
/** true / false, or undefined: depends on details (owner, workspace, env) not fetched yet */
export type Verdict = boolean | undefined;
export type Test = (asset: MatchableAsset, tags: Tags) => Verdict;

/** A workspace or env the listing did not report: unknown until details are fetched, then false. */
export const detailsPending = (a: MatchableAsset): Verdict => (a.owner === undefined ? undefined : false);

/** A finding on one condition, at a path below the condition's own key. */
export interface Note {
  at: Path;
  message: string;
}

/**
 * One dimension of a footprint: what every matching asset meets along it. Absent from a footprint = nothing
 * known, so `either` returns undefined when the two share nothing worth keeping.
 */
export interface Facet<T> {
  /** what an asset meeting both meets */
  both(a: T, b: T): T;
  /** what an asset meeting at least one of them meets */
  either(a: T, b: T): T | undefined;
  /** no asset can meet it */
  impossible(v: T): boolean;
  /** an index of many footprints' facets, so the overlap check need not compare every pair (see FacetIndex) */
  index?(): FacetIndex<T>;
}

/**
 * Facets of many footprints by id, to find those that may meet a given facet: `near` may return more, but
 * never leaves out one whose `both` with it is possible (whatever `impossible` cannot rule out).
 */
export interface FacetIndex<T> {
  add(id: number, facet: T): void;
  /** at most how many ids `near` returns, so the overlap check queries the index that narrows most */
  count(facet: T): number;
  /** the ids that may meet `facet` (an id may come more than once) */
  near(facet: T): Iterable<number>;
}

/** The footprint of a condition that constrains one facet of its own. */
export interface FacetFootprint<V, T> {
  facet: Facet<T>;
  of(value: V): T;
  /** what `not: { <key>: value }` promises along the facet; undefined = nothing */
  negation?(value: V): T | undefined;
}

/**
 * How a combinator's footprint follows from its children's; F is the footprint, opaque here. A condition
 * that can prove nothing about the assets it matches says so with `ops.all([])` (any asset may match).
 */
export interface FootprintOps<F> {
  of(m: Match): F;
  /** what an asset matching all of them must meet */
  all(fps: F[]): F;
  /** what an asset matching at least one of them must meet */
  any(fps: F[]): F;
  /** what `not: m` promises */
  negation(m: Match): F;
}

export interface CombinedFootprint<V> {
  of<F>(value: V, ops: FootprintOps<F>): F;
  negation?<F>(value: V, ops: FootprintOps<F>): F;
}

/** Filters discovery MAY push to the server (see `../pushdown.ts`). */

export interface NormalizeContext {
  /** where the key's value is in the file */
  at: Path;
  /** scalars as text, numbers exactly as written (see normalize.ts) */
  texts(value: Scalar | Scalar[], at: Path): string[];
  /** a nested Match, normalized */
  match(raw: MatchFile, at: Path): Match;
}

export interface LintContext {
  /** the one kind the rule can match, when its footprint says so */
  kind?: AssetKind;
  /** the values the rule set declares for a tag key (undefined: any value, or not declared) */
  declaredValues(key: string): readonly string[] | undefined;
}

/** How one condition decided for one asset. */
export interface Explanation {
  /** the Match key, or 'match' for a whole Match (its keys AND-ed) */
  condition: ConditionKey | 'match';
  /** 'unknown': depends on details not fetched yet, or unreadable (then the asset does not match) */
  verdict: 'match' | 'no-match' | 'unknown';
  /** what the condition expected, as the model holds it */
  expected?: unknown;
  /** what it saw on the asset; undefined: not reported (yet) */
  actual?: unknown;
  /** nested Matches (any / all / not) */
  children?: Explanation[];
}

/** A condition's explanation without its key and verdict, which the caller adds from the compiled test. */
export type ExplanationBody = Pick<Explanation, 'expected' | 'actual' | 'children'>;

export interface ConditionHooks<K extends ConditionKey> {
  /** for the JSON Schema: editors show it */
  description: string;
  /** the file format of the key's value (made optional by the Match schema); `match` is that schema, for nesting */
  schema(match: z.ZodType<MatchFile>): z.ZodType<FileValue<K>>;
  /** file format -> model; undefined drops the key */
  normalize(raw: FileValue<K>, ctx: NormalizeContext): Value<K> | undefined;
  /**
   * Evaluation order within a Match, lowest first: plain comparisons, then set lookups, patterns, nested
   * matches, and what is often unknown (the owner) last, so a cheap false settles before details are needed.
   */
  cost: number;
  /** the details its verdict may depend on (the engine fetches them only when an outcome depends on them) */
  reads: readonly Detail[];
  /**
   * Nested Matches, with their path below the key: what walks over a Match tree (validation, lint,
   * `referencesOwner`) descend into. Required of a condition whose value is a Match or a list of them.
   */
  children?(value: Value<K>): { at: Path; match: Match }[];
  /** compiled once per Match; `sub` compiles a nested Match */
  compile(value: Value<K>, sub: (m: Match) => Test): Test;
  /** what every asset it matches meets; a condition that can prove nothing still says so here */
  footprint: K extends keyof Facets ? FacetFootprint<Value<K>, Facets[K]> : CombinedFootprint<Value<K>>;
  /** the discovery filters its facet allows, given the facet of every rule that can match the kind */
  pushdown?(facets: readonly (FacetOf<K> | undefined)[]): PushdownHints;
  /** problems that make the rule set unusable (reported before any API call) */
  issues?(value: Value<K>): Note[];
  /** softer findings on one use of the condition */
  lint?(value: Value<K>, ctx: LintContext): Note[];
  /** said once per rule that uses the condition and may match several discovered kinds: why that is ambiguous */
  meaningVariesByKind?: string;
  /** what it expected and saw; `sub` explains a nested Match */
  explain(value: Value<K>, asset: MatchableAsset, tags: Tags, sub: (m: Match) => Explanation): ExplanationBody;
}

/** A condition's hooks; one whose value nests Matches must say where they are (`children`). */
export type Condition<K extends ConditionKey> = ConditionHooks<K> &
  (Value<K> extends Match | Match[] ? Required<Pick<ConditionHooks<K>, 'children'>> : unknown);

export type FacetOf<K extends ConditionKey> = K extends keyof Facets ? Facets[K] : never;
