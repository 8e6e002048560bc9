/**
 * The tables source: ListTables under each MaxCompute project the rule file names, one partition and one shard
 * slice per project. ListTables reports neither owner nor workspace: GetTable reads them where rules need them.
 */
import { z } from 'zod';
import { ASSET_KINDS, LIMITS, type EnvType } from '../../dataworks';
import { closed } from '../../json';
import { maxcomputeParent, projectOfTableAssetId, withTableTags } from '../assets';
import type { ShardSpec, TableAssetIdFormat } from '../types';
import { envType, MAXCOMPUTE_PROJECT, workspaceId } from './fields';
import { nameKeyword } from './narrowing';
import { listedPages } from './paging';
import type { CatalogSource, Reach, ReadContext } from './source';

export interface TablesConfig {
  maxcomputeProjects: string[];
  assetIdFormat: TableAssetIdFormat;
  /**
   * Where some projects live, as the file declares it (`{ name, workspace, env }`): read by the checks made before
   * any call only. A table's own workspace and env, read with GetTable, decide what matches.
   */
  placement?: Readonly<Record<string, { workspace: number; env?: EnvType }>>;
}

const PROJECT_NAME = 'a MaxCompute project name is 3-28 letters, digits and "_", starting with a letter';

const projectName = z.string().regex(MAXCOMPUTE_PROJECT, { error: PROJECT_NAME });
const placedProject = closed({
  name: projectName,
  workspace: workspaceId.meta({ description: 'the DataWorks workspace the project belongs to, so rules naming workspaces are checked before any call' }),
  env: envType.optional(),
});

const section = closed({
  maxcomputeProjects: z.array(z.union([projectName, placedProject], { error: `${PROJECT_NAME}; or { name, workspace, env } to say where it lives` })).min(1),
  assetIdFormat: z.enum(['metaEntityId', 'guid', 'qualifiedName']).default('metaEntityId'),
});

type Section = z.output<typeof section>;

function normalize(raw: Section): TablesConfig {
  const entries = raw.maxcomputeProjects.map((p) => (typeof p === 'string' ? { name: p } : p));
  const placement = Object.fromEntries(entries.flatMap((p) => ('workspace' in p ? [[p.name, { workspace: p.workspace, ...(p.env && { env: p.env }) }]] : [])));
  return { maxcomputeProjects: entries.map((p) => p.name), assetIdFormat: raw.assetIdFormat, ...(Object.keys(placement).length > 0 && { placement }) };
}

/** The workspaces the file says its projects lie in (and their envs, when it says so for every one), and what it does not say. */
function reach(config: TablesConfig): Reach {
  const places = config.maxcomputeProjects.map((p) => config.placement?.[p]);
  const unplaced = config.maxcomputeProjects.filter((_, i) => !places[i]);
  const workspaces = [...new Set(places.flatMap((p) => (p ? [p.workspace] : [])))];
  const envs = places.map((p) => p?.env);
  return {
    ...(workspaces.length > 0 && { projects: workspaces }),
    ...(envs.every((e) => e !== undefined) && { env: [...new Set(envs as EnvType[])] }),
    ...(unplaced.length > 0 && {
      unknownOffline: {
        what: unplaced.length > 1 ? `MaxCompute projects ${unplaced.join(', ')} hold` : `MaxCompute project ${unplaced[0]} holds`,
        declare: `maxcomputeProjects: [{ name: ${unplaced[0]}, workspace: <id>, env: <Prod or Dev> }]`,
      },
    }),
  };
}

const slice = (maxcomputeProject: string): ShardSpec => ({ source: 'tables', maxcomputeProject });

function tablePages(ctx: ReadContext, from: number, config: TablesConfig, project: string) {
  const name = nameKeyword(ctx, 'table');
  return listedPages(
    ctx,
    from,
    (pageNumber, pageSize) => ctx.api.listTables({ parentMetaEntityId: maxcomputeParent(project), name, pageNumber, pageSize }),
    (tables) => withTableTags(ctx.currentTags, config.assetIdFormat, tables, project),
  );
}

export const tables: CatalogSource<TablesConfig, Section> = {
  label: 'tables',
  description: 'ListTables under each MaxCompute project',
  kinds: ['table'],
  section: {
    schema: section,
    normalize,
    example: '"tables: { maxcomputeProjects: [...] }"',
  },
  partitions: (config) =>
    config.maxcomputeProjects.map((project) => ({ label: `tables ${project}`, slice: slice(project), read: (ctx, from) => tablePages(ctx, from, config, project) })),
  shards: {
    key: z.strictObject({ source: z.literal('tables'), maxcomputeProject: z.string().min(1) }),
    slices: (config) =>
      config.maxcomputeProjects.map((project) => ({
        key: slice(project),
        count: async (api) => (await api.listTables({ parentMetaEntityId: maxcomputeParent(project), pageNumber: 1, pageSize: LIMITS.pageSize })).totalCount,
      })),
    refusal: (shard) => `the rule set's tables source does not list MaxCompute project ${shard.maxcomputeProject}`,
  },
  lists: (config, asset) => {
    const project = asset.type === ASSET_KINDS.table.assetType ? projectOfTableAssetId(config.assetIdFormat, asset.id) : undefined;
    return project !== undefined && config.maxcomputeProjects.includes(project);
  },
  // ListTables filters neither workspace nor env: only the file can say where a project lies
  reach,
  whereabouts: (config) => ({ tableProjects: config.maxcomputeProjects }),
  ramActions: () => [
    { action: 'ListTables', why: 'the tables source lists tables' },
    { action: 'GetTable', why: "reads a listed table's owner and workspace" },
  ],
};
