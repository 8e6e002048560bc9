/** ListTasks: the scheduling tasks of one workspace (by env, owner, name or ids), one page. */
import { z } from 'zod';
import { listTasksResponse } from '../schemas';
import { LIMITS } from '../types';
import { envType, id, nonEmpty, paging, wirePaging } from './fields';
import { defineAction, type RequestOf } from './spec';

export const listTasks = defineAction({
  name: 'ListTasks',
  budget: 'read',
  // a read, but the SDK POSTs its parameters as a form
  method: 'POST',
  params: 'form',
  request: z.strictObject({
    projectId: id,
    projectEnv: envType.optional(),
    owner: nonEmpty.optional(),
    name: nonEmpty.optional(),
    ids: z.array(id).min(1, 'omit ids rather than sending an empty list').max(LIMITS.maxIdsPerCall).optional(),
    ...paging,
  }),
  wire: (r) => ({ ProjectId: r.projectId, ProjectEnv: r.projectEnv, Owner: r.owner, Name: r.name, Ids: r.ids, ...wirePaging(r) }),
  response: listTasksResponse,
});

export type ListTasksRequest = RequestOf<typeof listTasks>;
