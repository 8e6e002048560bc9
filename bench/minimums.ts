/**
 * The fewest calls a run over a catalog could make, computed from the emulator's state alone (not from what
 * autotag did), so every benchmark figure can be a ratio to it: the listing pages of every partition the rule
 * set reads (100 a page, one even when empty) and the tag keys' pages; a GetTable per table an owner rule must
 * decide (it does not already carry every tag the rule sets); and the bind calls of the state a run reached
 * (assets grouped by type, tasks also by workspace and env, and the exact tags they gained, 100 a call).
 */
import type { Catalog } from '../emulator';
import { LIMITS } from '../shared/dataworks';
import { referencesOwner, type RuleSet } from '../shared/rules';

const pages = (n: number) => Math.max(1, Math.ceil(n / LIMITS.pageSize));

type Tags = Map<string, Map<string, string>>;

function tagsOf(catalog: Catalog): Tags {
  const tags: Tags = new Map();
  for (const b of catalog.bindings) {
    if (!tags.has(b.assetId)) tags.set(b.assetId, new Map());
    tags.get(b.assetId)!.set(b.key, b.value);
  }
  return tags;
}

/** Tables the tables source lists. */
function listedTables(catalog: Catalog, ruleSet: RuleSet) {
  const projects = new Set(ruleSet.sources.tables?.maxcomputeProjects ?? []);
  return catalog.tables.filter((t) => projects.has(t.maxcomputeProject));
}

export function minimumListingPages(catalog: Catalog, ruleSet: RuleSet): number {
  const { tasks, tables, tagged } = ruleSet.sources;
  let n = pages(catalog.tagKeys.length);
  if (tagged) n += pages(tagsOf(catalog).size);
  for (const projectId of tasks?.projects ?? []) {
    for (const env of tasks!.env) n += pages(catalog.tasks.filter((t) => t.projectId === projectId && t.projectEnv === env).length);
  }
  for (const project of tables?.maxcomputeProjects ?? []) n += pages(catalog.tables.filter((t) => t.maxcomputeProject === project).length);
  return n;
}

/** One GetTable per listed table that lacks a tag some table-owner rule sets. */
export function minimumGetTables(catalog: Catalog, ruleSet: RuleSet): number {
  const ownerTags = ruleSet.rules.filter((r) => (r.match.type ?? 'table') === 'table' && referencesOwner(r.match)).flatMap((r) => Object.entries(r.tags));
  if (!ownerTags.length) return 0;
  const tags = tagsOf(catalog);
  return listedTables(catalog, ruleSet).filter((t) => ownerTags.some(([k, v]) => tags.get(t.id)?.get(k) !== v)).length;
}

/** The fewest TagDataAssets calls that take `before` to `after`. */
export function minimumBindCalls(before: Catalog, after: Catalog): number {
  const had = tagsOf(before);
  const groups = new Map<string, number>();
  const assets = [
    ...after.tables.map((t) => ({ id: t.id, scope: 'table' })),
    ...after.tasks.map((t) => ({ id: String(t.id), scope: `task|${t.projectId}|${t.projectEnv}` })),
  ];
  const now = tagsOf(after);
  for (const a of assets) {
    const added = [...(now.get(a.id) ?? [])].filter(([k]) => !had.get(a.id)?.has(k)).sort();
    if (!added.length) continue;
    const signature = `${a.scope}|${JSON.stringify(added)}`;
    groups.set(signature, (groups.get(signature) ?? 0) + 1);
  }
  return [...groups.values()].reduce((n, size) => n + Math.ceil(size / LIMITS.maxIdsPerCall), 0);
}
