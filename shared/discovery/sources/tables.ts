/**
 * The tables source: ListTables under each MaxCompute project the rule file names, one partition and one shard
 * slice per project. ListTables reports neither owner nor workspace: GetTable reads them where rules need them.
 */
import { z } from 'zod';
import { ASSET_KINDS, LIMITS } from '../../dataworks';
import { closed } from '../../json';
import { maxcomputeParent, projectOfTableAssetId, withTableTags } from '../assets';
import type { ShardSpec, TableAssetIdFormat } from '../types';
import { nameKeyword } from './narrowing';
import { listedPages } from './paging';
import type { CatalogSource, ReadContext } from './source';

export interface TablesConfig {
  maxcomputeProjects: string[];
  assetIdFormat: TableAssetIdFormat;
}

/** MaxCompute project names: 3-28 letters, digits and "_", starting with a letter. */
const MAXCOMPUTE_PROJECT = /^[A-Za-z][A-Za-z0-9_]{2,27}$/;

const section = closed({
  maxcomputeProjects: z
    .array(z.string().regex(MAXCOMPUTE_PROJECT, { error: 'a MaxCompute project name is 3-28 letters, digits and "_", starting with a letter' }))
    .min(1),
  assetIdFormat: z.enum(['metaEntityId', 'guid', 'qualifiedName']).default('metaEntityId'),
});

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

export const tables: CatalogSource<TablesConfig, z.output<typeof section>> = {
  label: 'tables',
  description: 'ListTables under each MaxCompute project',
  kinds: ['table'],
  section: {
    schema: section,
    normalize: (raw) => ({ maxcomputeProjects: raw.maxcomputeProjects, assetIdFormat: raw.assetIdFormat }),
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
  // ListTables filters neither workspace nor env
  reach: () => ({}),
  ramActions: () => [
    { action: 'ListTables', why: 'the tables source lists tables' },
    { action: 'GetTable', why: "reads a listed table's owner and workspace" },
  ],
};
