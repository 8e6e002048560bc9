/** CreateDataAssetTag: a new tag key with its values (tag keys are created or extended, never deleted). */
import { z } from 'zod';
import { writeResponse } from '../schemas';
import { tagKeyFields, wireTagKeyFields } from './fields';
import { defineAction, type RequestOf } from './spec';

export const createDataAssetTag = defineAction({
  name: 'CreateDataAssetTag',
  budget: 'write',
  method: 'POST',
  params: 'query',
  request: z.strictObject({ ...tagKeyFields, valueType: z.enum(['Boolean', 'Int', 'String', 'Double']).optional() }),
  wire: (r) => ({ ...wireTagKeyFields(r), ValueType: r.valueType }),
  response: writeResponse,
});

export type CreateDataAssetTagRequest = RequestOf<typeof createDataAssetTag>;
