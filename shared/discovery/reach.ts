/**
 * What a rule set's sources can discover, for the checks made before any API call: which kinds and which
 * workspaces and envs each configured source reaches, and how to add a source that would reach a kind.
 */
import type { AssetKind } from '../dataworks';
import { CATALOG_SOURCES, eachConfigured, type CatalogName, type Reach, type Sources } from './sources';

export interface SourceReach extends Reach {
  name: CatalogName;
  kinds: readonly AssetKind[];
}

/** One entry per configured source. */
export function reachOf(sources: Sources): SourceReach[] {
  return eachConfigured(sources, (source, config, name) => ({ name, kinds: source.kinds, ...source.reach(config) }));
}

/**
 * How to add a source, for messages (`"tasks: { projects: [...] }"`): for a kind, each source that lists it, the
 * one made for that kind first; for no kind, every source, the one that lists every kind first.
 */
export function sourceExamples(kind?: AssetKind): string[] {
  const fitting = CATALOG_SOURCES.filter((s) => !kind || s.kinds.includes(kind));
  const breadth = (s: (typeof fitting)[number]) => (kind ? s.kinds.length : -s.kinds.length);
  return [...fitting].sort((a, b) => breadth(a) - breadth(b)).map((s) => s.example);
}
