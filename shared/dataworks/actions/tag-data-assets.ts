/** TagDataAssets: binds up to 20 tags to up to 100 assets of one type. */
import { z } from 'zod';
import { writeResponse } from '../schemas';
import { bindingRequest, wireBinding } from './fields';
import { defineAction, type RequestOf } from './spec';

export const tagDataAssets = defineAction({
  name: 'TagDataAssets',
  budget: 'write',
  method: 'POST',
  params: 'query',
  request: bindingRequest.extend({ autoTraceEnabled: z.boolean().optional() }),
  wire: (r) => ({ ...wireBinding(r), AutoTraceEnabled: r.autoTraceEnabled }),
  response: writeResponse,
});

export type TagDataAssetsRequest = RequestOf<typeof tagDataAssets>;
