/**
 * The facet several conditions share: a set of allowed values (kinds, envs, workspaces, owners). Both = the
 * values in both sets, either = the values in either, and no value left = nothing can match; so two sets
 * may meet only when they share a value, which the index looks up per value.
 */
import type { Facet, FacetIndex } from './condition';

export function setFacet<T>(): Facet<ReadonlySet<T>> {
  return {
    both: (a, b) => new Set([...a].filter((v) => b.has(v))),
    either: (a, b) => new Set([...a, ...b]),
    impossible: (v) => v.size === 0,
    index: () => setIndex<T>(),
  };
}

function setIndex<T>(): FacetIndex<ReadonlySet<T>> {
  const byValue = new Map<T, number[]>();
  return {
    add: (id, values) => {
      for (const v of values) {
        const ids = byValue.get(v);
        if (ids) ids.push(id);
        else byValue.set(v, [id]);
      }
    },
    count: (values) => [...values].reduce((n, v) => n + (byValue.get(v)?.length ?? 0), 0),
    near: (values) => [...values].flatMap((v) => byValue.get(v) ?? []),
  };
}

/** Every value of `all` but `value`: what "not this one" leaves, whatever the number of values. */
export function allBut<T>(all: readonly T[], value: T): ReadonlySet<T> {
  return new Set(all.filter((v) => v !== value));
}

/** The values of every facet together, when every rule has one (a rule without it could match any value). */
export function unionOfAll<T>(facets: readonly (ReadonlySet<T> | undefined)[]): T[] | undefined {
  return facets.every((f): f is ReadonlySet<T> => f !== undefined) ? [...new Set(facets.flatMap((f) => [...f]))] : undefined;
}
