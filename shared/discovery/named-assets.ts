/**
 * Finding the assets a person names (`autotag explain`) where the rule set's sources would find them, and
 * reading just those, together, as the assets events name are read (target-lookup.ts): a task id in each
 * workspace and env the tasks source lists; a table in its MaxCompute project when the tables source lists
 * that project; a bare name by exact match among the tables of each listed project (ListTables Name) and the
 * tasks of each listed workspace and env (ListTasks Name). When the rule set reads tagged assets, an id none
 * of those found, and every bare name, is looked for among them too (ListDataAssets by ids, by Name), within
 * that source's reach. A name more than one asset has is ambiguous: its assets are listed, none is chosen. An
 * asset found is taken even where another place could not be read (a project the API does not know would
 * otherwise hide every name); a name found nowhere says where it was refused.
 */
import { ASSET_KIND_NAMES, ASSET_KINDS, paginate, type DataAsset, type DataWorksApi, type EnvType } from '../dataworks';
import { forEachLimit } from '../concurrency';
import { dataAssetView, tableAssetIdOf, withTaskTags } from './assets';
import type { AssetName } from './asset-names';
import { readTaggedAssets, tagsFromApi } from './current-tags';
import { tableIdFormat } from './partitions';
import { whereaboutsOf, type Reach, type Sources, type Whereabouts } from './sources';
import { listOf, lookUpTargets } from './sources/target-lookup';
import type { AssetRef, AssetView, TableAssetIdFormat } from './types';

export interface Refusal {
  /** where it was looked for: `tasks of workspace 10001 (Prod, Dev)` */
  where: string;
  code: string;
  message: string;
}

export type NamedAsset = { named: AssetName } & (
  | { outcome: 'found'; asset: AssetView }
  | { outcome: 'ambiguous'; candidates: AssetView[] }
  /** `lookedIn` is empty when no source of the rule set lists assets of its kind */
  | { outcome: 'missing'; lookedIn: string[] }
  | { outcome: 'unreadable'; refusals: Refusal[] }
);

/** Calls at once beside target-lookup's own; the read limiter sets the pace. */
const SEARCH_CONCURRENCY = 8;

/** What was found of each name so far, and where it was looked for. */
class Findings {
  private readonly found = new Map<AssetName, AssetView[]>();
  private readonly looked = new Map<AssetName, string[]>();
  private readonly refused = new Map<AssetName, Refusal[]>();

  look(named: AssetName, where: string): void {
    this.looked.set(named, [...(this.looked.get(named) ?? []), where]);
  }
  add(named: AssetName, asset: AssetView): void {
    const found = this.found.get(named) ?? [];
    // the first source to find an asset keeps it, as a run leaves to the listing sources what they list
    if (!found.some((a) => a.id === asset.id)) this.found.set(named, [...found, asset]);
  }
  refuse(named: AssetName, refusal: Refusal): void {
    this.refused.set(named, [...(this.refused.get(named) ?? []), refusal]);
  }
  has(named: AssetName): boolean {
    return (this.found.get(named)?.length ?? 0) > 0;
  }
  /** Runs one step that looks for `names` at `where`; a refusal of the API refuses each of them there, anything else fails the whole lookup. */
  async settle(names: readonly AssetName[], where: string, step: () => Promise<void>): Promise<void> {
    for (const n of names) this.look(n, where);
    try {
      await step();
    } catch (e) {
      const { code, message } = listOf(e);
      for (const n of names) this.refuse(n, { where, code, message });
    }
  }
  outcome(named: AssetName): NamedAsset {
    const found = this.found.get(named) ?? [];
    if (found.length === 1) return { named, outcome: 'found', asset: found[0] };
    if (found.length > 1) return { named, outcome: 'ambiguous', candidates: [...found].sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id)) };
    const refusals = this.refused.get(named) ?? [];
    if (refusals.length) return { named, outcome: 'unreadable', refusals };
    return { named, outcome: 'missing', lookedIn: [...new Set(this.looked.get(named) ?? [])] };
  }
}

const envList = (env: readonly EnvType[]) => (env.length === 1 ? env[0] : `(${env.join(', ')})`);
const taskPlace = (projectId: number, env: readonly EnvType[]) => `tasks of workspace ${projectId} ${envList(env)}`;
const tablePlace = (project: string) => `tables of ${project}`;

/** The event-style refs that look `named` up in the listing sources, each with where it looks. */
function refsFor(named: AssetName, w: Whereabouts): { ref: AssetRef; where: string }[] {
  const tasks = w.tasks ?? [];
  const projects = w.tableProjects ?? [];
  switch (named.kind) {
    case 'task':
      // one env: only there; both: Prod, then Dev for what Prod does not have
      return tasks.map((p) => ({ ref: { kind: 'task', taskId: named.taskId, projectId: p.projectId, env: p.env.length === 1 ? p.env[0] : undefined }, where: taskPlace(p.projectId, p.env) }));
    case 'table':
      return projects.includes(named.maxcomputeProject)
        ? [{ ref: { kind: 'table', maxcomputeProject: named.maxcomputeProject, tableName: named.tableName }, where: tablePlace(named.maxcomputeProject) }]
        : [];
    case 'name':
      return projects.map((project) => ({ ref: { kind: 'table', maxcomputeProject: project, tableName: named.name }, where: tablePlace(project) }));
  }
}

/** ListTasks by Name in one workspace and env, kept to the exact name, with the tags of what it found. */
async function tasksNamed(api: DataWorksApi, projectId: number, env: EnvType, name: string): Promise<AssetView[]> {
  const tasks = [];
  for await (const items of paginate((pageNumber, pageSize) => api.listTasks({ projectId, projectEnv: env, name, pageNumber, pageSize }))) {
    tasks.push(...items.filter((t) => t.name === name && t.projectId === projectId));
  }
  return tasks.length ? withTaskTags(tagsFromApi(api), tasks, env) : [];
}

const withinReach = (reach: Reach) => (a: AssetView) =>
  (!reach.projects || (a.projectId !== undefined && reach.projects.includes(a.projectId))) && (!reach.env || (a.envType !== undefined && reach.env.includes(a.envType)));

function taggedPlace(reach: Reach): string {
  const projects = reach.projects ? ` of workspace ${reach.projects.join(', ')}` : '';
  return `tagged assets${projects}${reach.env ? ` ${envList(reach.env)}` : ''}`;
}

type IdName = Exclude<AssetName, { kind: 'name' }>;
type BareName = Extract<AssetName, { kind: 'name' }>;

/** The tagged source's look: ids the listing sources did not find, and every bare name. */
async function lookAmongTagged(api: DataWorksApi, findings: Findings, names: readonly AssetName[], reach: Reach, format: TableAssetIdFormat): Promise<void> {
  const where = taggedPlace(reach);
  const keep = (n: AssetName, a: DataAsset) => {
    const view = dataAssetView(a, format);
    if (withinReach(reach)(view)) findings.add(n, view);
  };
  const assetIdOf = (n: IdName) => (n.kind === 'task' ? String(n.taskId) : tableAssetIdOf(format, n.maxcomputeProject, n.tableName));
  const unfound = names.filter((n): n is IdName => n.kind !== 'name' && !findings.has(n));
  const byIds = ASSET_KIND_NAMES.map((kind) => unfound.filter((n) => n.kind === kind)).filter((group) => group.length);
  const searches = [
    ...byIds.map((group) => () =>
      findings.settle(group, where, async () => {
        const tagged = await readTaggedAssets(api, group.map(assetIdOf), ASSET_KINDS[group[0].kind].assetType);
        for (const n of group) {
          const asset = tagged.get(assetIdOf(n));
          if (asset) keep(n, asset);
        }
      }),
    ),
    ...names
      .filter((n): n is BareName => n.kind === 'name')
      .map((n) => () =>
        findings.settle([n], where, async () => {
          for await (const items of paginate((pageNumber, pageSize) => api.listDataAssets({ name: n.name, pageNumber, pageSize }))) {
            for (const a of items) if (a.name === n.name) keep(n, a);
          }
        }),
      ),
  ];
  await forEachLimit(searches, SEARCH_CONCURRENCY, (search) => search());
}

export async function findNamedAssets(api: DataWorksApi, sources: Sources, names: readonly AssetName[]): Promise<NamedAsset[]> {
  const w = whereaboutsOf(sources);
  const format = tableIdFormat(sources);
  const findings = new Findings();

  const refs = names.flatMap((named) => refsFor(named, w).map((r) => ({ ...r, named })));
  const byRef = new Map(refs.map((r) => [r.ref, r]));
  const taskSearches = names
    .filter((n): n is BareName => n.kind === 'name')
    .flatMap((named) => (w.tasks ?? []).flatMap((p) => p.env.map((env) => ({ named, projectId: p.projectId, env }))));
  const lookUp = async () => {
    refs.forEach((r) => findings.look(r.named, r.where));
    const lookup = await lookUpTargets(api, refs.map((r) => r.ref), format);
    for (const { ref, asset } of lookup.found) findings.add(byRef.get(ref)!.named, asset);
    for (const { ref, code, message } of [...lookup.invalid, ...lookup.unreadable]) findings.refuse(byRef.get(ref)!.named, { where: byRef.get(ref)!.where, code, message });
  };
  await Promise.all([
    lookUp(),
    forEachLimit(taskSearches, SEARCH_CONCURRENCY, (s) =>
      findings.settle([s.named], taskPlace(s.projectId, [s.env]), async () => {
        for (const asset of await tasksNamed(api, s.projectId, s.env, s.named.name)) findings.add(s.named, asset);
      }),
    ),
  ]);
  if (w.tagged) await lookAmongTagged(api, findings, names, w.tagged, format);
  return names.map((n) => findings.outcome(n));
}
