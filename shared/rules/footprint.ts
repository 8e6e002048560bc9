/**
 * The footprint of a Match: conditions EVERY asset it matches must meet, derived conservatively through
 * all/any/not. Two matches whose footprints contradict can never match one asset; a footprint that
 * contradicts itself matches nothing. Used by the overlap check, the linter and server-side filter hints;
 * never for matching itself.
 *
 * A footprint is one facet per condition that has one (kinds, envs, workspaces, owners, name patterns, tag
 * requirements: each condition module defines its facet's meet, join and contradiction); the combinators
 * say how theirs follows from their children's. Nothing here names a condition but the scope view below.
 */
import { ENV_TYPES, type AssetKind, type EnvType } from '../dataworks';
import { BY_COST, CONDITION_KEYS, CONDITIONS, eachCondition, type ConditionKey, type Match } from './conditions';
import type { CombinedFootprint, Facet, FacetFootprint, FacetOf, FootprintOps } from './conditions';

export interface Footprint {
  /** provably matches nothing */
  never: boolean;
  /** condition key -> its facet (absent: nothing known); read it with `facetOf` */
  facets: ReadonlyMap<ConditionKey, unknown>;
  /** the one kind every matching asset has, when there is one: the scope the sources checks read */
  type?: AssetKind;
  /** the one env every matching asset is in, when there is one */
  env?: EnvType;
  /** the workspaces every matching asset is in one of */
  projects?: ReadonlySet<number>;
}

/** The facet of every condition that has one: the only keys a footprint's facets hold. */
export const FACETS: ReadonlyMap<ConditionKey, Facet<unknown>> = new Map(
  CONDITION_KEYS.flatMap((key) => {
    const hooks = footprintHooks(key);
    return 'facet' in hooks ? [[key, hooks.facet] as const] : [];
  }),
);
const NOTHING: Footprint = { never: true, facets: new Map() };
const ANYTHING = settle(new Map());

const OPS: FootprintOps<Footprint> = {
  of: (m) => footprint(m),
  all: (fps) => fps.reduce(intersect, ANYTHING),
  any: (fps) => union(fps),
  negation: (m) => negation(m),
};

export function footprint(m: Match): Footprint {
  return eachCondition(m, BY_COST, (key, value) => part(key, value)).reduce(intersect, ANYTHING);
}

/** No asset can match both. */
export function disjoint(a: Footprint, b: Footprint): boolean {
  return intersect(a, b).never;
}

/** Can an asset of this kind meet the footprint? */
export function mayMatchKind(fp: Footprint, kind: AssetKind): boolean {
  return !disjoint(fp, footprint({ type: kind }));
}

/** The facet one condition recorded (written only by that condition's own hooks, hence its type). */
export function facetOf<K extends ConditionKey>(fp: Footprint, key: K): FacetOf<K> | undefined {
  return fp.facets.get(key) as FacetOf<K> | undefined;
}

/** What one key of a Match contributes. */
function part(key: ConditionKey, value: unknown): Footprint {
  const hooks = footprintHooks(key);
  return 'facet' in hooks ? settle(new Map([[key, hooks.of(value)]])) : hooks.of(value, OPS);
}

/** What an asset matching both must meet. */
function intersect(a: Footprint, b: Footprint): Footprint {
  if (a.never || b.never) return NOTHING;
  const facets = new Map(a.facets);
  for (const [key, v] of b.facets) facets.set(key, facets.has(key) ? FACETS.get(key)!.both(facets.get(key), v) : v);
  return settle(facets);
}

/** What an asset matching at least one of them must meet: only what they all share. */
function union(fps: Footprint[]): Footprint {
  const live = fps.filter((fp) => !fp.never);
  if (live.length === 0) return NOTHING;
  const [first, ...rest] = live;
  const facets = new Map<ConditionKey, unknown>();
  for (const [key, v] of first.facets) {
    const facet = FACETS.get(key)!;
    const joined = rest.reduce<unknown>((acc, fp) => (acc === undefined || !fp.facets.has(key) ? undefined : facet.either(acc, fp.facets.get(key))), v);
    if (joined !== undefined) facets.set(key, joined);
  }
  return settle(facets);
}

/** What `not: m` promises, for the single conditions whose negation is itself a condition. */
function negation(m: Match): Footprint {
  const keys = CONDITION_KEYS.filter((k) => m[k] !== undefined);
  if (keys.length !== 1) return ANYTHING;
  const [key] = keys;
  const hooks = footprintHooks(key);
  if (!('facet' in hooks)) return hooks.negation ? hooks.negation(m[key], OPS) : ANYTHING;
  const negated = hooks.negation?.(m[key]);
  return negated === undefined ? ANYTHING : settle(new Map([[key, negated]]));
}

/** A footprint of these facets, or NOTHING when one of them contradicts itself. */
function settle(facets: ReadonlyMap<ConditionKey, unknown>): Footprint {
  for (const [key, v] of facets) if (FACETS.get(key)!.impossible(v)) return NOTHING;
  const fp: Footprint = { never: false, facets };
  const kinds = facetOf(fp, 'type');
  const envs = facetOf(fp, 'env');
  const env = envs?.size === 1 ? [...envs][0] : undefined;
  const projects = facetOf(fp, 'projects');
  // the env facet may hold "no env reported", which is no env to scope by
  return { ...fp, ...(kinds?.size === 1 && { type: [...kinds][0] }), ...(env && isEnvType(env) && { env }), ...(projects && { projects }) };
}

function isEnvType(v: string): v is EnvType {
  return (ENV_TYPES as readonly string[]).includes(v);
}

function footprintHooks(key: ConditionKey): FacetFootprint<unknown, unknown> | CombinedFootprint<unknown> {
  return CONDITIONS[key].footprint;
}
