/** UnTagDataAssets: unbinds tags from assets (a rule with `onConflict: overwrite` unbinds the old value first). */
import { writeResponse } from '../schemas';
import { bindingRequest, wireBinding } from './fields';
import { defineAction, type RequestOf } from './spec';

export const unTagDataAssets = defineAction({
  name: 'UnTagDataAssets',
  budget: 'write',
  method: 'POST',
  params: 'query',
  request: bindingRequest,
  wire: wireBinding,
  response: writeResponse,
});

export type UnTagDataAssetsRequest = RequestOf<typeof unTagDataAssets>;
