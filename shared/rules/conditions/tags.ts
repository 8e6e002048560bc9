/**
 * `tags: { has, lacks }`: tests on the asset's current tags. Each side is a list of keys (present with any
 * value) or a map of key -> value | values (present with one of them); `has` needs every test to hold,
 * `lacks` none of them. Tags come with every listing, so this never waits for details.
 */
import { z } from 'zod';
import type { Path } from '../../errors';
import { closed } from '../../json';
import { textOrList, type Scalar } from '../format';
import type { Condition, Facet, Tags } from './condition';

/** A test on one tag key: present (any value) when `values` is absent, else present with one of `values`. */
export interface TagTest {
  key: string;
  values?: string[];
}

const tests = z
  .union([z.array(z.string().min(1)).min(1), z.record(z.string(), textOrList)], {
    error: 'expected a list of tag keys (present with any value), or a map of tag key to a value or list of values',
  })
  .meta({ description: 'a list of keys, or key -> value | values' });
const schema = closed({ has: tests.optional(), lacks: tests.optional() });

/** key -> the values it must have (has) or must not have (lacks); null = any value (has) / the key itself (lacks). */
type TagRequirements = ReadonlyMap<string, ReadonlySet<string> | null>;

declare module './condition' {
  interface MatchFile {
    tags?: z.output<typeof schema>;
  }
  interface Match {
    tags?: { has?: TagTest[]; lacks?: TagTest[] };
  }
  interface Facets {
    tags: { has: TagRequirements; lacks: TagRequirements };
  }
}

const SIDES = ['has', 'lacks'] as const;

export const tags: Condition<'tags'> = {
  description: 'tests on the current tags: has (every test holds), lacks (none does)',
  schema: () => schema,
  normalize: (raw, ctx) => {
    const out: { has?: TagTest[]; lacks?: TagTest[] } = {};
    for (const side of SIDES) {
      const found = raw[side] && tagTests(raw[side], [...ctx.at, side], ctx.texts);
      if (found) out[side] = found;
    }
    return out.has || out.lacks ? out : undefined;
  },
  cost: 2,
  reads: [],
  compile: ({ has = [], lacks = [] }) => {
    const [needed, excluded] = [has.map(tagTest), lacks.map(tagTest)];
    return (_, tags) => needed.every((t) => t(tags)) && !excluded.some((t) => t(tags));
  },
  footprint: {
    facet: requirementsFacet(),
    of: ({ has, lacks }) => ({ has: requirements(has, intersectValues), lacks: requirements(lacks, unionValues) }),
    negation: ({ has = [], lacks = [] }) => {
      if (has.length + lacks.length !== 1) return undefined;
      return has.length === 1
        ? { has: new Map(), lacks: requirements(has, unionValues) }
        : { has: requirements(lacks, intersectValues), lacks: new Map() };
    },
  },
  lint: (value, { declaredValues }) =>
    SIDES.flatMap((side) =>
      (value[side] ?? []).flatMap((test) => {
        const allowed = declaredValues(test.key);
        const foreign = allowed ? (test.values ?? []).filter((v) => !allowed.includes(v)) : [];
        return foreign.length > 0
          ? [{ at: [side, test.key], message: `${foreign.map((v) => `"${v}"`).join(', ')} ${foreign.length > 1 ? 'are' : 'is'} not declared for "${test.key}": only a value set outside this rule set can satisfy the test` }]
          : [];
      }),
    ),
  explain: (value, _, tags) => {
    const keys = SIDES.flatMap((side) => (value[side] ?? []).map((t) => t.key));
    return { expected: value, actual: Object.fromEntries(keys.filter((k) => Object.hasOwn(tags, k)).map((k) => [k, tags[k]])) };
  },
};

function tagTests(raw: string[] | Record<string, Scalar | Scalar[]>, at: Path, texts: (v: Scalar | Scalar[], at: Path) => string[]): TagTest[] | undefined {
  const out = Array.isArray(raw)
    ? raw.map((key) => ({ key }))
    : Object.entries(raw).map(([key, values]) => ({ key, values: [...new Set(texts(values, [...at, key]))] }));
  return out.length > 0 ? out : undefined;
}

function tagTest({ key, values }: TagTest): (tags: Tags) => boolean {
  if (!values) return (tags) => Object.hasOwn(tags, key);
  const allowed = new Set(values);
  return (tags) => Object.hasOwn(tags, key) && allowed.has(tags[key]);
}

type Combine = (a: ReadonlySet<string> | null, b: ReadonlySet<string> | null) => ReadonlySet<string> | null;

/** has: a key needed with values A and with values B needs a value in both (null = any value). */
const intersectValues: Combine = (a, b) => (a === null ? b : b === null ? a : new Set([...a].filter((v) => b.has(v))));
/** lacks: a key excluded with A and with B excludes both (null = the key itself, which excludes everything). */
const unionValues: Combine = (a, b) => (a === null || b === null ? null : new Set([...a, ...b]));

function requirementsFacet(): Facet<{ has: TagRequirements; lacks: TagRequirements }> {
  return {
    both: (a, b) => ({ has: merge(a.has, b.has, intersectValues), lacks: merge(a.lacks, b.lacks, unionValues) }),
    either: (a, b) => {
      const out = { has: shared(a.has, b.has, unionValues), lacks: shared(a.lacks, b.lacks, intersectValues) };
      return out.has.size > 0 || out.lacks.size > 0 ? out : undefined;
    },
    impossible: ({ has, lacks }) =>
      [...has].some(([key, values]) => {
        if (values?.size === 0) return true;
        if (!lacks.has(key)) return false;
        const excluded = lacks.get(key)!;
        return excluded === null || (values !== null && [...values].every((v) => excluded.has(v)));
      }),
  };
}

function requirements(tests: TagTest[] | undefined, combine: Combine): TagRequirements {
  return (tests ?? []).reduce<TagRequirements>((acc, t) => merge(acc, new Map([[t.key, t.values ? new Set(t.values) : null]]), combine), new Map());
}

/** b's requirements added to a's, a key in both combined. */
function merge(a: TagRequirements, b: TagRequirements, combine: Combine): TagRequirements {
  const out = new Map(a);
  for (const [key, values] of b) out.set(key, out.has(key) ? combine(out.get(key)!, values) : values);
  return out;
}

/** Requirements on keys both constrain, combined (for any-of); a combination that allows nothing is dropped. */
function shared(a: TagRequirements, b: TagRequirements, combine: Combine): TagRequirements {
  const out = new Map<string, ReadonlySet<string> | null>();
  for (const [key, values] of a) {
    if (!b.has(key)) continue;
    const merged = combine(values, b.get(key)!);
    if (merged === null || merged.size > 0) out.set(key, merged);
  }
  return out;
}
