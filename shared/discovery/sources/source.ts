/**
 * What a discovery source is. Each source (one module beside this one, registered in `index.ts`) owns
 * everything that differs between sources: the asset kinds it lists, its section of the rule file, how a run
 * cuts it into partitions and reads each page by page, how a full run is cut into shard slices, the RAM actions
 * it calls, and what the validator and linter may assume it reaches. Nothing outside the source names it.
 *
 * The rules reach a source as data (the kinds they can match, the filters they allow pushed to the server),
 * so discovery knows nothing of rules and shared/rules can build the `sources` schema from the registry.
 */
import type { z } from 'zod';
import type { ActionName, AssetKind, AssetType, DataAsset, DataWorksApi, EnvType } from '../../dataworks';
import type { Slots } from '../../concurrency';
import type { AssetRef, AssetView, ShardSpec, TableAssetIdFormat } from '../types';

/**
 * Filters a source MAY push to the server for one asset kind: each is offered only when every rule that can
 * match the kind requires it (shared/rules `pushdownHints`), so no asset a rule could match is filtered out.
 */
export interface PushdownHints {
  /** literal name prefixes: every matching asset's name starts with one (safe for a prefix or "contains" filter) */
  names?: string[];
  /** every matching asset has one of these owners */
  owners?: string[];
  /** every matching asset is in one of these workspaces */
  projects?: number[];
  /** every matching asset is in this environment */
  env?: EnvType;
}

/** What a run tells every source about itself, as data. */
export interface RunView {
  /** the asset kinds the active rules can match: a source of none of them is not read */
  kinds: ReadonlySet<AssetKind>;
  /** per kind, the filters every active rule of that kind allows pushed to the server (absent: none) */
  hints: ReadonlyMap<AssetKind, PushdownHints>;
  /** narrow to these workspaces */
  projects?: readonly number[];
}

/** What a source's partitions are cut from: the run, and what the rule set's other sources list. */
export interface PartitionView extends RunView {
  /**
   * whether another configured source lists every asset of `kind` in this workspace (and env; absent: both)
   * that an active rule could match, so a tagged listing of them would only be read twice
   */
  coveredElsewhere(kind: AssetKind, projectId: number | undefined, env: EnvType | undefined): boolean;
}

/** What a partition's reader gets besides the run. */
export interface ReadContext extends RunView {
  api: DataWorksApi;
  /** pages of one partition in flight at once (a page's number does not depend on the page before it) */
  readAhead: number;
  /**
   * the run's slots for listing calls, shared by every partition: enough calls in flight to keep the read budget
   * busy, few enough that a write's re-read does not queue behind a long line of page reads
   */
  slots: Slots;
  /** how table asset ids are formed (set with the tables source, true of every table any source finds) */
  tableIdFormat: TableAssetIdFormat;
  /**
   * whether another source of the rule set lists this tagged asset too: the tagged source leaves it to that
   * one (and its tags are kept for it, so it need not read them again)
   */
  listedElsewhere(asset: DataAsset): boolean;
  /** the tagged source read every tagged asset of these types, from its first page to its last */
  listedInFull(types: readonly AssetType[]): void;
  /** id → tagged asset record, for the ids that carry a tag: what listing sources, which report no tags, need */
  currentTags(ids: string[], type: AssetType): Promise<Map<string, DataAsset>>;
}

/** One page a partition read: its assets with their current tags, and where it stands in the partition. */
export interface SourcePage {
  /** its position in the partition, from 1 (a resumed read starts at the first page not done) */
  page: number;
  assets: AssetView[];
  /** what the partition holds after this page, by the API's total (what a run cut here leaves unread) */
  left: number;
  /** no page follows */
  last: boolean;
}

/** One unit of reading, read page by page (a few pages of assets in memory, never the partition). */
export interface SourcePartition {
  /** for messages: `tasks 10001 Prod owner alice`, `tables sales_dw` */
  label: string;
  /** the shard slice it belongs to; a shard run reads only its own slice's partitions */
  slice?: ShardSpec;
  /**
   * its listing depends on tags (ListDataAssets lists tagged assets), so the run's own binds can shift its
   * pages: it is read to its end before any other partition starts (and so before a write can land)
   */
  listsByTags?: boolean;
  /** the pages from `from` (1 = the start) to the last, in order */
  read(ctx: ReadContext, from: number): AsyncGenerator<SourcePage>;
}

/** One slice of a full run, for fan-out: its key (the shard payload) and how many assets it holds. */
export interface Slice {
  key: ShardSpec;
  /** one list call, reading the total of its first page */
  count(api: DataWorksApi): Promise<number>;
}

export interface RamNeed {
  action: ActionName;
  /** why the action is needed, for `autotag policy --explain` */
  why: string;
}

/** What the rules make a source read beyond listing. */
export interface RuleNeeds {
  /** the asset kinds an owner condition can apply to */
  ownerKinds: ReadonlySet<AssetKind>;
}

/** The part of the catalog a configured source can discover (its kinds are the source's own). */
export interface Reach {
  /** only these workspaces (absent: any); with `unknownOffline`, these and others the rule file does not name */
  projects?: readonly number[];
  /** only these environments (absent: any, or not known offline) */
  env?: readonly EnvType[];
  /** it lists only assets that already carry a tag: a rule it alone feeds never tags anything new */
  taggedOnly?: boolean;
  /**
   * which workspaces and envs it lists is not in the rule file: for messages, what it lists (`MaxCompute project
   * sales_dw holds`, a subject and its verb) and how to declare where it lies
   */
  unknownOffline?: { what: string; declare: string };
}

/**
 * Where a configured source would find an asset a person names (`autotag explain` reads just that asset, where a
 * run of the rule set would find it), as data: what it lists, not how.
 */
export interface Whereabouts {
  /** workspaces, each with the envs whose tasks it lists */
  tasks?: { projectId: number; env: readonly EnvType[] }[];
  /** MaxCompute projects whose tables it lists */
  tableProjects?: readonly string[];
  /** it lists the assets that carry tags, of every kind, within this reach */
  tagged?: Reach;
}

interface SourceBasics {
  /** for reports: `tables 1,500 · tasks 20` */
  label: string;
  /** what it reads, for the rule-file schema and documentation */
  description: string;
  /** the asset kinds it lists */
  kinds: readonly AssetKind[];
}

/**
 * A source the rule file configures (`sources.<name>`, model `C`, file format `F`), read by full runs. Each
 * method gets the source's own model of its section, never the whole rule set.
 */
export interface CatalogSource<C, F> extends SourceBasics {
  section: {
    /** the file format of `sources.<name>`, closed (unknown keys fail) */
    schema: z.ZodType<F>;
    /** file format to model, every shorthand expanded; undefined = the section turns the source off */
    normalize(raw: F): C | undefined;
    /** how to turn it on, for messages: `"tasks: { projects: [...] }"` */
    example: string;
  };
  /** the partitions a run reads (none when the run's narrowing leaves nothing) */
  partitions(config: C, run: PartitionView): SourcePartition[];
  shards: {
    /** the schema of its shard key in a payload, `{ source: <name>, ... }` */
    key: z.ZodType<ShardSpec> & z.core.$ZodTypeDiscriminable;
    /** every slice of the section, narrowed to these workspaces when given */
    slices(config: C, projects?: readonly number[]): Slice[];
    /** why a shard of this source that the rule set does not have is refused (a stale payload) */
    refusal(shard: ShardSpec): string;
  };
  /** whether it lists this asset a ListDataAssets call returned (so the tagged source leaves the asset to it) */
  lists?(config: C, asset: DataAsset): boolean;
  /** whether it lists every asset of `kind` in this workspace and env (absent: both envs) */
  covers?(config: C, kind: AssetKind, projectId: number | undefined, env: EnvType | undefined): boolean;
  reach(config: C): Reach;
  whereabouts(config: C): Whereabouts;
  ramActions(config: C, needs: RuleNeeds): RamNeed[];
}

/** The source of event-driven runs: the assets an event names, re-read from the API. Such a run reads nothing else. */
export interface EventSource extends SourceBasics {
  partitions(refs: readonly AssetRef[]): SourcePartition[];
  /** what re-reading named assets calls (granted to a function that runs event-driven runs) */
  ramActions: readonly RamNeed[];
}
