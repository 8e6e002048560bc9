/** ListDataAssets: assets that carry tags (filtered by tag, id, type, workspace, env or name), one page. */
import { z } from 'zod';
import { listDataAssetsResponse } from '../schemas';
import { LIMITS } from '../types';
import { assetType, envType, id, nonEmpty, paging, tagFilter, wirePaging, wireTags } from './fields';
import { defineAction, type RequestOf } from './spec';

export const listDataAssets = defineAction({
  name: 'ListDataAssets',
  budget: 'read',
  method: 'GET',
  params: 'query',
  request: z.strictObject({
    tags: z.array(tagFilter).max(LIMITS.maxTagsPerCall, `at most ${LIMITS.maxTagsPerCall} tag filters per call`).optional(),
    dataAssetIds: z.array(nonEmpty).max(LIMITS.maxIdsPerCall, `at most ${LIMITS.maxIdsPerCall} asset ids per call`).optional(),
    dataAssetType: assetType.optional(),
    projectId: id.optional(),
    envType: envType.optional(),
    name: nonEmpty.optional(),
    ...paging,
  }),
  wire: (r) => ({
    Tags: wireTags(r.tags),
    // left out when empty, as Tags are: an empty list is no filter
    DataAssetIds: r.dataAssetIds && r.dataAssetIds.length > 0 ? r.dataAssetIds : undefined,
    DataAssetType: r.dataAssetType,
    ProjectId: r.projectId,
    EnvType: r.envType,
    Name: r.name,
    ...wirePaging(r),
  }),
  response: listDataAssetsResponse,
});

export type ListDataAssetsRequest = RequestOf<typeof listDataAssets>;
