/** UpdateDataAssetTag: an existing tag key's values, description or managers (it has no ValueType). */
import { z } from 'zod';
import { writeResponse } from '../schemas';
import { tagKeyFields, wireTagKeyFields } from './fields';
import { defineAction, type RequestOf } from './spec';

export const updateDataAssetTag = defineAction({
  name: 'UpdateDataAssetTag',
  budget: 'write',
  method: 'POST',
  params: 'query',
  request: z.strictObject(tagKeyFields),
  wire: wireTagKeyFields,
  response: writeResponse,
});

export type UpdateDataAssetTagRequest = RequestOf<typeof updateDataAssetTag>;
