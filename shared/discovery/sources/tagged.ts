/**
 * The tagged source: the assets that already carry tags (ListDataAssets), of every kind, optionally narrowed
 * to workspaces and one env. An asset another configured source lists too is left to that source, which knows
 * its owner, so across the shards of a run it is evaluated once; a kind another source lists in full in a
 * partition's workspace and env (tasks of a workspace listed in both envs) is not listed here at all.
 */
import { z } from 'zod';
import { ASSET_KIND_NAMES, ASSET_KINDS, LIMITS, type AssetKind, type EnvType } from '../../dataworks';
import { closed } from '../../json';
import { dataAssetView } from '../assets';
import { envType, workspaceIds } from './fields';
import { intersect, nameKeyword } from './narrowing';
import { listedPages } from './paging';
import type { CatalogSource, Reach, ReadContext } from './source';

export interface TaggedConfig {
  projects?: number[];
  env?: EnvType;
}

const section = z.union([z.boolean(), closed({ projects: workspaceIds.optional(), env: envType.optional() })], {
  error: 'expected true, false or { projects: [...], env: Prod | Dev }',
});

const SLICE = { source: 'tagged' } as const;

const reachOf = (config: TaggedConfig): Reach => ({ projects: config.projects, env: config.env && [config.env] });

async function* taggedPages(ctx: ReadContext, from: number, kinds: readonly AssetKind[], projectId: number | undefined, env: EnvType | undefined) {
  const only = kinds.length === 1 ? ASSET_KINDS[kinds[0]].assetType : undefined;
  // ListDataAssets' Name is a fuzzy filter too: pushed when the rules of every kind read agree on one keyword
  const keywords = new Set(kinds.map((k) => nameKeyword(ctx, k)));
  const name = keywords.size === 1 ? [...keywords][0] : undefined;
  const pages = listedPages(
    ctx,
    from,
    (pageNumber, pageSize) => ctx.api.listDataAssets({ projectId, envType: env, dataAssetType: only, name, pageNumber, pageSize }),
    (items) =>
      items
        .filter((a) => (projectId === undefined || a.projectId === projectId) && (!env || a.envType === env))
        .filter((a) => !only || a.type === only)
        .filter((a) => !ctx.listedElsewhere(a))
        .map((a) => dataAssetView(a, ctx.tableIdFormat)),
  );
  for await (const page of pages) {
    yield page;
    // every tagged asset of these kinds, read whole and unfiltered: the tags listing sources need are known
    if (page.last && from === 1 && projectId === undefined && env === undefined && name === undefined) ctx.listedInFull(kinds.map((k) => ASSET_KINDS[k].assetType));
  }
}

export const tagged: CatalogSource<TaggedConfig, z.output<typeof section>> = {
  label: 'tagged',
  description: 'ListDataAssets: assets that already carry tags',
  kinds: ASSET_KIND_NAMES,
  section: {
    schema: section,
    normalize: (raw) => (raw === true ? {} : raw === false ? undefined : { ...raw }),
    example: '"tagged: true"',
  },
  partitions(config, run) {
    const projects = intersect(config.projects, run.projects);
    return (projects ?? [undefined]).flatMap((projectId) => {
      // kinds another source lists in full here need no tagged listing: they would be read twice
      const kinds = [...run.kinds].filter((k) => !run.coveredElsewhere(k, projectId, config.env));
      if (!kinds.length) return [];
      return [
        {
          label: ['tagged', projectId, config.env, kinds.length < run.kinds.size && kinds.join(', ')].filter((x) => x !== undefined && x !== false).join(' '),
          slice: SLICE,
          listsByTags: true,
          read: (ctx: ReadContext, from: number) => taggedPages(ctx, from, kinds, projectId, config.env),
        },
      ];
    });
  },
  shards: {
    key: z.strictObject({ source: z.literal('tagged') }),
    slices: (config, projects) => [
      {
        key: SLICE,
        async count(api) {
          const lists = (intersect(projects, config.projects) ?? [undefined]).map((projectId) =>
            api.listDataAssets({ projectId, envType: config.env, pageNumber: 1, pageSize: LIMITS.pageSize }),
          );
          return (await Promise.all(lists)).reduce((sum, p) => sum + p.totalCount, 0);
        },
      },
    ],
    refusal: () => 'the rule set has no tagged source',
  },
  reach: (config) => ({ ...reachOf(config), taggedOnly: true }),
  whereabouts: (config) => ({ tagged: reachOf(config) }),
  ramActions: (_config, needs) => [
    ...(needs.ownerKinds.has('task') ? [{ action: 'ListTasks' as const, why: "an owner condition reads a tagged task's owner" }] : []),
    ...(needs.ownerKinds.has('table') ? [{ action: 'GetTable' as const, why: "an owner condition reads a tagged table's owner" }] : []),
  ],
};
