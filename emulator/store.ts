/**
 * The emulator's live state, indexed so a request costs little even with 1,000,000 assets: assets by id in a
 * stable listing order, bindings per asset (one value per key), tables per MaxCompute project, tasks per
 * workspace. It stores and looks up; the rules of what may be written live in the action handlers.
 */
import type { AssetType, EnvType } from '../shared/dataworks';
import { copyCatalog, type Binding, type Catalog, type TableRecord, type TagKeyRecord, type TaskRecord, type Workspace } from './catalog';

/** What every data asset has, whether table or task. */
export interface AssetView {
  id: string;
  type: AssetType;
  name: string;
  projectId: number;
  envType: EnvType;
}

/** what a kept listing depends on: the bindings (dropped when one changes), or nothing that changes */
export type ListingReads = 'bindings' | 'fixed';

export class CatalogStore {
  private readonly workspaces: Workspace[];
  private readonly tagKeys = new Map<string, TagKeyRecord>();
  private readonly tables = new Map<string, TableRecord>();
  private readonly tasks: TaskRecord[];
  /** insertion order is the listing order of ListDataAssets */
  private readonly assets = new Map<string, AssetView>();
  /** each asset's place in that order */
  private readonly ordinals = new Map<string, number>();
  private readonly bindings = new Map<string, Map<string, Binding>>();
  /** the assets with a binding in listing order, until an asset gains its first binding or loses its last */
  private tagged?: AssetView[];
  /** listings computed since the bindings last changed, and listings of what never changes (`listing`) */
  private readonly listings: Record<ListingReads, Map<string, unknown>> = { bindings: new Map(), fixed: new Map() };
  private readonly tablesByProject = new Map<string, TableRecord[]>();
  private readonly tasksByWorkspace = new Map<number, TaskRecord[]>();

  constructor(catalog: Catalog) {
    const copy = copyCatalog(catalog);
    this.workspaces = copy.workspaces;
    for (const w of copy.workspaces) for (const p of w.maxcomputeProjects) this.tablesByProject.set(p.name, []);
    for (const k of copy.tagKeys) this.tagKeys.set(k.key, k);
    for (const t of copy.tables) {
      this.tables.set(t.id, t);
      this.tablesByProject.get(t.maxcomputeProject)?.push(t);
      this.assets.set(t.id, { id: t.id, type: 'ACS::DataWorks::Table', name: t.name, projectId: t.projectId, envType: t.envType });
    }
    this.tasks = copy.tasks;
    for (const t of copy.tasks) {
      const list = this.tasksByWorkspace.get(t.projectId) ?? [];
      list.push(t);
      this.tasksByWorkspace.set(t.projectId, list);
      this.assets.set(String(t.id), { id: String(t.id), type: 'ACS::DataWorks::Task', name: t.name, projectId: t.projectId, envType: t.projectEnv });
    }
    for (const id of this.assets.keys()) this.ordinals.set(id, this.ordinals.size);
    for (const b of copy.bindings) this.bind(b);
  }

  tagKey(key: string): TagKeyRecord | undefined {
    return this.tagKeys.get(key);
  }

  allTagKeys(): TagKeyRecord[] {
    return [...this.tagKeys.values()];
  }

  /** adds a key, or replaces the definition of an existing one */
  putTagKey(record: TagKeyRecord): void {
    this.tagKeys.set(record.key, record);
  }

  asset(id: string): AssetView | undefined {
    return this.assets.get(id);
  }

  allAssets(): IterableIterator<AssetView> {
    return this.assets.values();
  }

  bindingsOf(assetId: string): Binding[] {
    return [...(this.bindings.get(assetId)?.values() ?? [])];
  }

  binding(assetId: string, key: string): Binding | undefined {
    return this.bindings.get(assetId)?.get(key);
  }

  hasBindings(assetId: string): boolean {
    return (this.bindings.get(assetId)?.size ?? 0) > 0;
  }

  /**
   * What `build` returns for `key`, computed once (until a binding changes, when it reads bindings): paging
   * through a listing walks the catalog once, not once per page. `build` must read nothing but the store.
   */
  listing<T>(key: string, reads: ListingReads, build: () => T): T {
    const listings = this.listings[reads];
    if (!listings.has(key)) listings.set(key, build());
    return listings.get(key) as T;
  }

  /** The assets with at least one binding, in listing order: what a tagged-scope listing walks instead of every asset. */
  taggedAssets(): readonly AssetView[] {
    const order = this.ordinals;
    return (this.tagged ??= [...this.bindings.keys()].sort((a, b) => order.get(a)! - order.get(b)!).map((id) => this.assets.get(id)!));
  }

  /** sets the binding of `binding.key` on the asset (one value per key) */
  bind(binding: Binding): void {
    const perAsset = this.bindings.get(binding.assetId) ?? new Map<string, Binding>();
    if (perAsset.size === 0) this.tagged = undefined;
    this.listings.bindings.clear();
    perAsset.set(binding.key, binding);
    this.bindings.set(binding.assetId, perAsset);
  }

  unbind(assetId: string, key: string): void {
    const perAsset = this.bindings.get(assetId);
    perAsset?.delete(key);
    this.listings.bindings.clear();
    if (perAsset?.size === 0) {
      this.bindings.delete(assetId);
      this.tagged = undefined;
    }
  }

  /** how many assets are bound to `key` with one of `values` */
  countBindings(key: string, values: ReadonlySet<string>): number {
    let n = 0;
    for (const perAsset of this.bindings.values()) {
      const b = perAsset.get(key);
      if (b && values.has(b.value)) n++;
    }
    return n;
  }

  table(id: string): TableRecord | undefined {
    return this.tables.get(id);
  }

  /** undefined when no workspace is bound to the MaxCompute project */
  tablesOfProject(maxcomputeProject: string): readonly TableRecord[] | undefined {
    return this.tablesByProject.get(maxcomputeProject);
  }

  tasksOfWorkspace(projectId: number): readonly TaskRecord[] {
    return this.tasksByWorkspace.get(projectId) ?? [];
  }

  /** A deep copy of the whole state, bindings in asset listing order. */
  snapshot(): Catalog {
    const bindings: Binding[] = [];
    for (const id of this.assets.keys()) bindings.push(...this.bindingsOf(id));
    return copyCatalog({ workspaces: this.workspaces, tagKeys: this.allTagKeys(), tables: [...this.tables.values()], tasks: this.tasks, bindings });
  }
}
