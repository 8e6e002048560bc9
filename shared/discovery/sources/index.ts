/**
 * The discovery sources, by name, and the typed ways to reach them: a rule set's `sources` model and file
 * format are derived from the sources' own sections, and `eachConfigured` hands every configured source its
 * own section, so no code outside a source's module names it. A new source is a module beside these and one
 * line in SOURCES.
 */
import type { z } from 'zod';
import type { AssetKind } from '../../dataworks';
import type { ShardSpec } from '../types';
import type { CatalogSource, RamNeed, RuleNeeds, Whereabouts } from './source';
import { tables } from './tables';
import { tagged } from './tagged';
import { targets } from './targets';
import { tasks } from './tasks';

/**
 * Every source, in the order they are read, cut into shard slices and credited in the RAM policy (an action
 * several sources call is explained by the first): the sources of one kind first, then the event source, then
 * the tagged source, which leaves to the others every asset they list.
 */
const SOURCES = { tasks, tables, targets, tagged };

type Registry = typeof SOURCES;
export type SourceName = keyof Registry;
/** The sources a rule file configures (`sources.<name>`): every source with a section. */
export type CatalogName = { [N in SourceName]: Registry[N] extends { section: unknown } ? N : never }[SourceName];

type ConfigMap = { [N in CatalogName]: Registry[N] extends CatalogSource<infer C, infer _F> ? C : never };
type FileMap = { [N in CatalogName]: Registry[N] extends CatalogSource<infer _C, infer F> ? F : never };

/** The model of a rule set's `sources`: each configured source's own model of its section. */
export type Sources = { [N in CatalogName]?: ConfigMap[N] };
/** The file format of `sources`, as its schema (`sourcesShape`) reads it. */
export type SourcesFile = { [N in CatalogName]?: FileMap[N] };

const CATALOG: { [N in CatalogName]: CatalogSource<ConfigMap[N], FileMap[N]> } = SOURCES;

// Object.keys loses the key type; the keys are SOURCES' own.
export const SOURCE_NAMES = Object.keys(SOURCES) as SourceName[];
const CATALOG_NAMES = SOURCE_NAMES.filter((n): n is CatalogName => 'section' in SOURCES[n]);
/** The rule file lists its sources broadest first (its schema, the keys its messages name): `tagged`, then the rest. */
const FILE_ORDER = [...CATALOG_NAMES].sort((a, b) => CATALOG[b].kinds.length - CATALOG[a].kinds.length);

/** The source of event-driven runs. */
export const EVENT_SOURCE = { name: 'targets', source: targets } as const;

/** What a caller does with one configured source; generic, so the source's model and its methods stay matched. */
type UseSource<R> = <C, F>(source: CatalogSource<C, F>, config: C, name: CatalogName) => R;

function useIfConfigured<N extends CatalogName, R>(name: N, sources: Sources, use: UseSource<R>): R[] {
  const config = sources[name];
  return config === undefined ? [] : [use(CATALOG[name], config, name)];
}

/** `use` applied to every source the rule set configures, in registry order. */
export function eachConfigured<R>(sources: Sources, use: UseSource<R>): R[] {
  return CATALOG_NAMES.flatMap((name) => useIfConfigured(name, sources, use));
}

/** What a configurable source is without a rule set: for messages saying how to add one, and for shard payloads. */
interface CatalogSourceInfo {
  name: CatalogName;
  kinds: readonly AssetKind[];
  example: string;
  shardKey: CatalogSource<unknown, unknown>['shards']['key'];
  refusal(shard: ShardSpec): string;
}

/** Every source a rule file can configure, whether a rule set does or not. */
export const CATALOG_SOURCES: readonly CatalogSourceInfo[] = CATALOG_NAMES.map((name) => ({
  name,
  kinds: CATALOG[name].kinds,
  example: CATALOG[name].section.example,
  shardKey: CATALOG[name].shards.key,
  refusal: CATALOG[name].shards.refusal,
}));

/**
 * The DataWorks actions the sources call, each once, with the reason of the first source (in registry order)
 * that needs it: the configured sources, and the event source when the function runs event-driven runs.
 */
export function sourceRamNeeds(sources: Sources, needs: RuleNeeds, eventTargets: boolean): RamNeed[] {
  const all = SOURCE_NAMES.flatMap((name) =>
    name === EVENT_SOURCE.name ? (eventTargets ? targets.ramActions : []) : useIfConfigured(name, sources, (s, config) => s.ramActions(config, needs)).flat(),
  );
  return all.filter((need, i) => all.findIndex((n) => n.action === need.action) === i);
}

/** Where the configured sources, together, would find an asset a person names. */
export function whereaboutsOf(sources: Sources): Whereabouts {
  const each = eachConfigured(sources, (source, config) => source.whereabouts(config));
  return {
    tasks: each.flatMap((w) => w.tasks ?? []),
    tableProjects: [...new Set(each.flatMap((w) => w.tableProjects ?? []))],
    tagged: each.find((w) => w.tagged)?.tagged,
  };
}

/** What reports show of a source: its label and the kinds it lists. */
export function sourceInfo(name: SourceName): { label: string; kinds: readonly AssetKind[] } {
  return { label: SOURCES[name].label, kinds: SOURCES[name].kinds };
}

function sectionSchema<N extends CatalogName>(name: N): z.ZodOptional<z.ZodType<FileMap[N]>> {
  return CATALOG[name].section.schema.optional().meta({ description: CATALOG[name].description });
}

/** The schema of each source's section, keyed by name: shared/rules closes it into the rule file's `sources`. */
export function sourcesShape(): { [N in CatalogName]: z.ZodOptional<z.ZodType<FileMap[N]>> } {
  // Object.fromEntries loses the per-key types; each entry is sectionSchema(name) of its own key.
  return Object.fromEntries(FILE_ORDER.map((name) => [name, sectionSchema(name)])) as { [N in CatalogName]: z.ZodOptional<z.ZodType<FileMap[N]>> };
}

function normalizeInto<N extends CatalogName>(name: N, raw: SourcesFile, out: Sources): void {
  const file = raw[name];
  const config = file === undefined ? undefined : CATALOG[name].section.normalize(file);
  if (config !== undefined) out[name] = config;
}

/** The file format of `sources` to its model: each section normalized by its own source; a section turned off is absent. */
export function normalizeSources(raw: SourcesFile): Sources {
  const out: Sources = {};
  for (const name of FILE_ORDER) normalizeInto(name, raw, out);
  return out;
}

export type { PartitionView, PushdownHints, Reach, ReadContext, RunView, Slice, SourcePage, SourcePartition, Whereabouts } from './source';
