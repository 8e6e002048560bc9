/**
 * The tasks source: ListTasks in each workspace and env the rule file names. Every slice is one workspace and
 * env; a partition narrows that to one owner when every task rule names owners (ListTasks filters by one).
 */
import { z } from 'zod';
import { ASSET_KINDS, ENV_TYPES, LIMITS, type EnvType } from '../../dataworks';
import { closed } from '../../json';
import { withTaskTags } from '../assets';
import type { ShardSpec } from '../types';
import { envType, workspaceId, workspaceIds } from './fields';
import { intersect, nameKeyword } from './narrowing';
import { listedPages } from './paging';
import type { CatalogSource, ReadContext } from './source';

export interface TasksConfig {
  projects: number[];
  /** default: Prod only */
  env: EnvType[];
}

const section = closed({
  projects: workspaceIds,
  env: z.union([envType, z.array(envType).min(1)], { error: 'expected Prod, Dev or a list of them' }).default('Prod'),
});

const slice = (projectId: number, env: EnvType): ShardSpec => ({ source: 'tasks', projectId, env });

function taskPages(ctx: ReadContext, from: number, projectId: number, env: EnvType, owner: string | undefined) {
  const name = nameKeyword(ctx, 'task');
  return listedPages(
    ctx,
    from,
    (pageNumber, pageSize) => ctx.api.listTasks({ projectId, projectEnv: env, owner, name, pageNumber, pageSize }),
    // The server's filters are hints: keep only what was asked for.
    (tasks) => withTaskTags(ctx.currentTags, tasks.filter((t) => t.projectId === projectId && (!t.projectEnv || t.projectEnv === env) && (!owner || t.owner === owner)), env),
  );
}

export const tasks: CatalogSource<TasksConfig, z.output<typeof section>> = {
  label: 'tasks',
  description: 'ListTasks in each workspace',
  kinds: ['task'],
  section: {
    schema: section,
    normalize: (raw) => ({ projects: raw.projects, env: [...new Set(typeof raw.env === 'string' ? [raw.env] : raw.env)] }),
    example: '"tasks: { projects: [...] }"',
  },
  partitions(config, run) {
    const hints = run.hints.get('task') ?? {};
    const projects = intersect(intersect(config.projects, run.projects), hints.projects) ?? [];
    const envs = hints.env ? config.env.filter((e) => e === hints.env) : config.env;
    // ListTasks filters by one owner: one partition per owner when every task rule names owners.
    const owners: (string | undefined)[] = hints.owners?.length ? hints.owners : [undefined];
    return projects.flatMap((projectId) =>
      envs.flatMap((env) =>
        owners.map((owner) => ({
          label: ['tasks', projectId, env, owner && `owner ${owner}`].filter(Boolean).join(' '),
          slice: slice(projectId, env),
          read: (ctx: ReadContext, from: number) => taskPages(ctx, from, projectId, env, owner),
        })),
      ),
    );
  },
  shards: {
    key: z.strictObject({ source: z.literal('tasks'), projectId: workspaceId, env: envType }),
    slices: (config, projects) =>
      config.projects
        .filter((projectId) => !projects || projects.includes(projectId))
        .flatMap((projectId) =>
          config.env.map((env) => ({
            key: slice(projectId, env),
            count: async (api) => (await api.listTasks({ projectId, projectEnv: env, pageNumber: 1, pageSize: LIMITS.pageSize })).totalCount,
          })),
        ),
    refusal: (shard) => `the rule set's tasks source does not list workspace ${shard.projectId} (${shard.env})`,
  },
  lists: (config, asset) =>
    asset.type === ASSET_KINDS.task.assetType &&
    asset.projectId !== undefined &&
    config.projects.includes(asset.projectId) &&
    asset.envType !== undefined &&
    config.env.includes(asset.envType),
  covers: (config, kind, projectId, env) =>
    kind === 'task' && projectId !== undefined && config.projects.includes(projectId) && (env ? config.env.includes(env) : config.env.length === ENV_TYPES.length),
  reach: (config) => ({ projects: config.projects, env: config.env }),
  whereabouts: (config) => ({ tasks: config.projects.map((projectId) => ({ projectId, env: config.env })) }),
  ramActions: () => [{ action: 'ListTasks', why: 'the tasks source lists tasks' }],
};
