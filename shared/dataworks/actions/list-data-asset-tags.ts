/** ListDataAssetTags: the tag key definitions (one key, or a category), one page. */
import { z } from 'zod';
import { listDataAssetTagsResponse } from '../schemas';
import { nonEmpty, paging, wirePaging } from './fields';
import { defineAction, type RequestOf } from './spec';

export const listDataAssetTags = defineAction({
  name: 'ListDataAssetTags',
  budget: 'read',
  method: 'GET',
  params: 'query',
  request: z.strictObject({ key: nonEmpty.optional(), category: z.enum(['Normal', 'System']).optional(), ...paging }),
  wire: (r) => ({ Key: r.key, Category: r.category, ...wirePaging(r) }),
  response: listDataAssetTagsResponse,
});

export type ListDataAssetTagsRequest = RequestOf<typeof listDataAssetTags>;
