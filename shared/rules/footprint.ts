/**
 * The footprint of a Match: conditions EVERY asset it matches must meet (type, env, projects, owners, name
 * patterns, tag tests), derived conservatively through all/any/not. Two matches whose footprints contradict
 * can never match one asset; a footprint that contradicts itself matches nothing. Used by the overlap check,
 * the linter and server-side filter hints; never for matching itself.
 */
import type { EnvType, AssetKind } from '../dataworks';
import { patternListsDisjoint } from './patterns';
import type { Match, NamePattern, TagTest } from './types';

/** key -> the values it must have (has) or must not have (lacks); null = any value (has) / the key itself (lacks). */
type TagRequirements = ReadonlyMap<string, ReadonlySet<string> | null>;

export interface Footprint {
  /** provably matches nothing */
  never: boolean;
  type?: AssetKind;
  env?: EnvType;
  projects?: ReadonlySet<number>;
  owners?: ReadonlySet<string>;
  /** the name matches one pattern of EACH list */
  names: readonly (readonly NamePattern[])[];
  has: TagRequirements;
  lacks: TagRequirements;
}

const ANYTHING: Footprint = { never: false, names: [], has: new Map(), lacks: new Map() };
const NOTHING: Footprint = { ...ANYTHING, never: true };
const OTHER_KIND: Record<AssetKind, AssetKind> = { table: 'task', task: 'table' };
const OTHER_ENV: Record<EnvType, EnvType> = { Prod: 'Dev', Dev: 'Prod' };

export function footprint(m: Match): Footprint {
  let fp = settle({
    never: false,
    type: m.type,
    env: m.env,
    projects: m.projects && new Set(m.projects),
    owners: m.owner && new Set(m.owner),
    names: m.name ? [m.name] : [],
    has: requirements(m.tags?.has, intersectValues),
    lacks: requirements(m.tags?.lacks, unionValues),
  });
  for (const sub of m.all ?? []) fp = intersect(fp, footprint(sub));
  if (m.any) fp = intersect(fp, union(m.any.map(footprint)));
  if (m.not) fp = intersect(fp, negation(m.not));
  return fp;
}

/** No asset can match both. */
export function disjoint(a: Footprint, b: Footprint): boolean {
  return intersect(a, b).never;
}

/** What an asset matching both must meet. */
function intersect(a: Footprint, b: Footprint): Footprint {
  if (a.never || b.never) return NOTHING;
  if ((a.type && b.type && a.type !== b.type) || (a.env && b.env && a.env !== b.env)) return NOTHING;
  return settle({
    never: false,
    type: a.type ?? b.type,
    env: a.env ?? b.env,
    projects: both(a.projects, b.projects, (x, y) => new Set([...x].filter((v) => y.has(v)))),
    owners: both(a.owners, b.owners, (x, y) => new Set([...x].filter((v) => y.has(v)))),
    names: [...a.names, ...b.names],
    has: mergeRequirements(a.has, b.has, intersectValues),
    lacks: mergeRequirements(a.lacks, b.lacks, unionValues),
  });
}

/** What an asset matching at least one of them must meet: only what they all share. */
function union(fps: Footprint[]): Footprint {
  const live = fps.filter((fp) => !fp.never);
  if (live.length === 0) return NOTHING;
  const [first, ...rest] = live;
  const same = <T>(pick: (fp: Footprint) => T | undefined) => (rest.every((fp) => pick(fp) === pick(first)) ? pick(first) : undefined);
  const everyHas = <T>(pick: (fp: Footprint) => ReadonlySet<T> | undefined) =>
    live.every((fp) => pick(fp)) ? new Set(live.flatMap((fp) => [...pick(fp)!])) : undefined;
  return {
    never: false,
    type: same((fp) => fp.type),
    env: same((fp) => fp.env),
    projects: everyHas((fp) => fp.projects),
    owners: everyHas((fp) => fp.owners),
    names: live.every((fp) => fp.names.length > 0) ? [live.flatMap((fp) => fp.names[0])] : [],
    has: shared(live.map((fp) => fp.has), unionValues),
    lacks: shared(live.map((fp) => fp.lacks), intersectValues),
  };
}

/** What `not: m` promises, for the single conditions whose negation is itself a condition. */
function negation(m: Match): Footprint {
  const fields = Object.keys(m).filter((k) => m[k as keyof Match] !== undefined);
  if (fields.length !== 1) return ANYTHING;
  if (m.not) return footprint(m.not);
  if (m.type) return { ...ANYTHING, type: OTHER_KIND[m.type] };
  if (m.env) return { ...ANYTHING, env: OTHER_ENV[m.env] };
  const { has = [], lacks = [] } = m.tags ?? {};
  if (has.length + lacks.length !== 1) return ANYTHING;
  return has.length === 1
    ? { ...ANYTHING, lacks: requirements(has, unionValues) }
    : { ...ANYTHING, has: requirements(lacks, intersectValues) };
}

/** Marks a footprint whose own conditions contradict each other. */
function settle(fp: Footprint): Footprint {
  if (fp.projects?.size === 0 || fp.owners?.size === 0) return NOTHING;
  for (const [key, values] of fp.has) {
    if (values?.size === 0) return NOTHING;
    if (!fp.lacks.has(key)) continue;
    const excluded = fp.lacks.get(key);
    if (excluded === null || (values && [...values].every((v) => excluded!.has(v)))) return NOTHING;
  }
  for (let i = 0; i < fp.names.length; i++) {
    for (let j = i + 1; j < fp.names.length; j++) if (patternListsDisjoint(fp.names[i], fp.names[j])) return NOTHING;
  }
  return fp;
}

type Combine = (a: ReadonlySet<string> | null, b: ReadonlySet<string> | null) => ReadonlySet<string> | null;

/** has: a key needed with values A and with values B needs a value in both (null = any value). */
const intersectValues: Combine = (a, b) => (a === null ? b : b === null ? a : new Set([...a].filter((v) => b.has(v))));
/** lacks: a key excluded with A and with B excludes both (null = the key itself, which excludes everything). */
const unionValues: Combine = (a, b) => (a === null || b === null ? null : new Set([...a, ...b]));

function requirements(tests: TagTest[] | undefined, combine: Combine): TagRequirements {
  const out = new Map<string, ReadonlySet<string> | null>();
  for (const t of tests ?? []) {
    const values = t.values ? new Set(t.values) : null;
    out.set(t.key, out.has(t.key) ? combine(out.get(t.key)!, values) : values);
  }
  return out;
}

function mergeRequirements(a: TagRequirements, b: TagRequirements, combine: Combine): TagRequirements {
  const out = new Map(a);
  for (const [key, values] of b) out.set(key, out.has(key) ? combine(out.get(key)!, values) : values);
  return out;
}

/** Requirements on keys every footprint constrains, combined across them (used for any-of). */
function shared(all: TagRequirements[], combine: Combine): TagRequirements {
  const out = new Map<string, ReadonlySet<string> | null>();
  for (const [key, values] of all[0]) {
    if (!all.every((r) => r.has(key))) continue;
    const merged = all.slice(1).reduce<ReadonlySet<string> | null>((acc, r) => combine(acc, r.get(key)!), values);
    if (merged === null || merged.size > 0) out.set(key, merged);
  }
  return out;
}

function both<T>(a: T | undefined, b: T | undefined, f: (a: T, b: T) => T): T | undefined {
  return a && b ? f(a, b) : (a ?? b);
}
