/** ListTables: the tables under one parent entity (e.g. `maxcompute-project:::sales_dw`), one page, without owners. */
import { z } from 'zod';
import { listTablesResponse } from '../schemas';
import { nonEmpty, paging, wirePaging } from './fields';
import { defineAction, type RequestOf } from './spec';

export const listTables = defineAction({
  name: 'ListTables',
  budget: 'read',
  method: 'GET',
  params: 'query',
  request: z.strictObject({
    /** e.g. `maxcompute-project:::sales_dw` */
    parentMetaEntityId: nonEmpty,
    name: nonEmpty.optional(),
    ...paging,
  }),
  wire: (r) => ({ ParentMetaEntityId: r.parentMetaEntityId, Name: r.name, ...wirePaging(r) }),
  response: listTablesResponse,
});

export type ListTablesRequest = RequestOf<typeof listTables>;
