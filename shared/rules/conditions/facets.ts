/**
 * The facet several conditions share: a set of allowed values (kinds, envs, workspaces, owners). Both = the
 * values in both sets, either = the values in either, and no value left = nothing can match.
 */
import type { Facet } from './condition';

export function setFacet<T>(): Facet<ReadonlySet<T>> {
  return {
    both: (a, b) => new Set([...a].filter((v) => b.has(v))),
    either: (a, b) => new Set([...a, ...b]),
    impossible: (v) => v.size === 0,
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
