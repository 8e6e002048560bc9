/**
 * Footprints by id, to find the ones a given footprint may overlap without comparing it with every one: each
 * facet that has an index (kinds, envs, workspaces, owners, name prefixes) files them, and a look-up asks
 * the index that narrows most. What it returns is a superset of the ids not `disjoint` from the footprint
 * (a footprint without a facet may meet anything along it); the caller still decides each one.
 */
import type { ConditionKey, FacetIndex } from './conditions';
import { FACETS, type Footprint } from './footprint';

export interface OverlapIndex {
  /** files a footprint that can match something (not `never`) */
  add(id: number, fp: Footprint): void;
  /** the ids added that may overlap `fp`, each once */
  candidates(fp: Footprint): Set<number>;
}

interface Filed {
  key: ConditionKey;
  index: FacetIndex<unknown>;
  /** ids whose footprint has no such facet */
  without: number[];
}

export function overlapIndex(): OverlapIndex {
  const all: number[] = [];
  const filed: Filed[] = [...FACETS].flatMap(([key, facet]) => (facet.index ? [{ key, index: facet.index(), without: [] }] : []));
  return {
    add(id, fp) {
      all.push(id);
      for (const f of filed) {
        const v = fp.facets.get(f.key);
        if (v === undefined) f.without.push(id);
        else f.index.add(id, v);
      }
    },
    candidates(fp) {
      let best: { f: Filed; v: unknown } | undefined;
      let fewest = all.length;
      for (const f of filed) {
        const v = fp.facets.get(f.key);
        const count = v === undefined ? all.length : f.index.count(v) + f.without.length;
        if (count < fewest) [best, fewest] = [{ f, v }, count];
      }
      return new Set(best ? [...best.f.index.near(best.v), ...best.f.without] : all);
    },
  };
}
