/** GetTable: one table with its owner and, from its business metadata, its workspace, environment and tags. */
import { z } from 'zod';
import { getTableResponse } from '../schemas';
import { nonEmpty } from './fields';
import { defineAction, type RequestOf } from './spec';

export const getTable = defineAction({
  name: 'GetTable',
  budget: 'read',
  method: 'GET',
  params: 'query',
  request: z.strictObject({ id: nonEmpty }),
  wire: (r) => ({ Id: r.id, IncludeBusinessMetadata: true }),
  response: getTableResponse,
});

export type GetTableRequest = RequestOf<typeof getTable>;
