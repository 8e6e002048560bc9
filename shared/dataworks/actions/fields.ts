/**
 * The request fields more than one action checks, each with the message that names the fix (batch sizes,
 * page size, tag key and value rules, asset and env types), and their wire forms.
 */
import { z } from 'zod';
import { tagKeyProblem, tagValueProblem } from '../tags';
import { ASSET_TYPES, ENV_TYPES, LIMITS } from '../types';

const ruled = (problem: (s: string) => string | undefined) =>
  z.string().superRefine((s, ctx) => {
    const message = problem(s);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
export const tagKey = ruled(tagKeyProblem);
export const tagValue = ruled(tagValueProblem);
export const nonEmpty = z.string().min(1, 'must not be empty');
export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const assetType = z.enum(ASSET_TYPES, { error: `must be one of ${ASSET_TYPES.join(', ')}` });
export const envType = z.enum(ENV_TYPES, { error: `must be one of ${ENV_TYPES.join(', ')}` });
export const tagFilter = z.strictObject({ key: tagKey, value: tagValue.optional() });

/** PageNumber and PageSize, page 1 of 100 unless told otherwise. */
export const paging = {
  pageNumber: z.number().int().min(1, 'pages are numbered from 1').default(1),
  pageSize: z
    .number()
    .int()
    .min(1)
    .max(LIMITS.pageSize, `at most ${LIMITS.pageSize}: page through larger lists`)
    .default(LIMITS.pageSize),
};
export const wirePaging = (r: { pageNumber: number; pageSize: number }) => ({ PageNumber: r.pageNumber, PageSize: r.pageSize });

/** The fields of a tag key definition that CreateDataAssetTag and UpdateDataAssetTag share. */
export const tagKeyFields = {
  key: tagKey,
  /** UpdateDataAssetTag may replace the whole list server-side: callers send the union of existing and new values */
  values: z.array(tagValue).optional(),
  description: z.string().max(1024).optional(),
  managers: z.array(nonEmpty).optional(),
};
export const wireTagKeyFields = (r: { key: string; values?: string[]; description?: string; managers?: string[] }) => ({
  Key: r.key,
  Values: r.values,
  Description: r.description,
  Managers: r.managers,
});

/** What TagDataAssets and UnTagDataAssets send: up to 100 assets of one type, up to 20 tags. */
export const bindingRequest = z.strictObject({
  tags: z
    .array(tagFilter)
    .min(1, 'must hold at least one tag')
    .max(LIMITS.maxTagsPerCall, `at most ${LIMITS.maxTagsPerCall} tags per call: split the tags into batches of ${LIMITS.maxTagsPerCall}`),
  dataAssetIds: z
    .array(nonEmpty)
    .min(1, 'must name at least one asset')
    .max(LIMITS.maxIdsPerCall, `at most ${LIMITS.maxIdsPerCall} asset ids per call: split the ids into batches of ${LIMITS.maxIdsPerCall}`),
  dataAssetType: assetType,
  projectId: id.optional(),
  envType: envType.optional(),
});
export const wireBinding = (r: z.output<typeof bindingRequest>) => ({
  Tags: wireTags(r.tags),
  DataAssetIds: r.dataAssetIds,
  DataAssetType: r.dataAssetType,
  ProjectId: r.projectId,
  EnvType: r.envType,
});

/** Tags as the API's `[{Key, Value}]`, left out when there are none. */
export const wireTags = (tags: { key: string; value?: string }[] | undefined) =>
  tags && tags.length > 0 ? tags.map((t) => ({ Key: t.key, Value: t.value })) : undefined;
