/**
 * What each operation sends. Every request is checked before any call (InvalidInputError naming the field
 * and the fix: batch sizes, page size, tag key and value rules, asset and env types), then laid out as the
 * generated SDK does: a flat map of strings, arrays and objects as JSON text with PascalCase names.
 */
import { z } from 'zod';
import { InvalidInputError, toInputIssues } from '../errors';
import { tagKeyProblem, tagValueProblem } from './tags';
import {
  ASSET_TYPES,
  ENV_TYPES,
  LIMITS,
  type ActionName,
  type CreateDataAssetTagRequest,
  type GetTableRequest,
  type ListDataAssetTagsRequest,
  type ListDataAssetsRequest,
  type ListTablesRequest,
  type ListTasksRequest,
  type TagDataAssetsRequest,
  type UnTagDataAssetsRequest,
  type UpdateDataAssetTagRequest,
} from './types';

/** One call as it goes on the wire: reads are GETs, writes POSTs; parameters in the query, or a form body. */
export interface WireCall {
  action: ActionName;
  method: 'GET' | 'POST';
  query: Record<string, string>;
  /** form fields (ListTasks, like the SDK, POSTs its parameters as a form) */
  form?: Record<string, string>;
}

const ruled = (problem: (s: string) => string | undefined) =>
  z.string().superRefine((s, ctx) => {
    const message = problem(s);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
const tagKey = ruled(tagKeyProblem);
const tagValue = ruled(tagValueProblem);
const nonEmpty = z.string().min(1, 'must not be empty');
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const assetType = z.enum(ASSET_TYPES, { error: `must be one of ${ASSET_TYPES.join(', ')}` });
const envType = z.enum(ENV_TYPES, { error: `must be one of ${ENV_TYPES.join(', ')}` });
const pageNumber = z.number().int().min(1, 'pages are numbered from 1').default(1);
const pageSize = z
  .number()
  .int()
  .min(1)
  .max(LIMITS.pageSize, `at most ${LIMITS.pageSize}: page through larger lists`)
  .default(LIMITS.pageSize);
const tagFilter = z.strictObject({ key: tagKey, value: tagValue.optional() });

const batchIds = z
  .array(nonEmpty)
  .min(1, 'must name at least one asset')
  .max(LIMITS.maxIdsPerCall, `at most ${LIMITS.maxIdsPerCall} asset ids per call: split the ids into batches of ${LIMITS.maxIdsPerCall}`);
const batchTags = z
  .array(tagFilter)
  .min(1, 'must hold at least one tag')
  .max(LIMITS.maxTagsPerCall, `at most ${LIMITS.maxTagsPerCall} tags per call: split the tags into batches of ${LIMITS.maxTagsPerCall}`);

const listDataAssetsSchema = z.strictObject({
  tags: z.array(tagFilter).max(LIMITS.maxTagsPerCall, `at most ${LIMITS.maxTagsPerCall} tag filters per call`).optional(),
  dataAssetIds: z.array(nonEmpty).max(LIMITS.maxIdsPerCall, `at most ${LIMITS.maxIdsPerCall} asset ids per call`).optional(),
  dataAssetType: assetType.optional(),
  projectId: id.optional(),
  envType: envType.optional(),
  name: nonEmpty.optional(),
  pageNumber,
  pageSize,
});

const listDataAssetTagsSchema = z.strictObject({
  key: nonEmpty.optional(),
  category: z.enum(['Normal', 'System']).optional(),
  pageNumber,
  pageSize,
});

const tagKeyFields = {
  key: tagKey,
  values: z.array(tagValue).optional(),
  description: z.string().max(1024).optional(),
  managers: z.array(nonEmpty).optional(),
};
const createDataAssetTagSchema = z.strictObject({ ...tagKeyFields, valueType: z.enum(['Boolean', 'Int', 'String', 'Double']).optional() });
const updateDataAssetTagSchema = z.strictObject(tagKeyFields);

const unTagDataAssetsSchema = z.strictObject({
  tags: batchTags,
  dataAssetIds: batchIds,
  dataAssetType: assetType,
  projectId: id.optional(),
  envType: envType.optional(),
});
const tagDataAssetsSchema = unTagDataAssetsSchema.extend({ autoTraceEnabled: z.boolean().optional() });

const listTasksSchema = z.strictObject({
  projectId: id,
  projectEnv: envType.optional(),
  owner: nonEmpty.optional(),
  name: nonEmpty.optional(),
  ids: z.array(id).min(1, 'omit ids rather than sending an empty list').max(LIMITS.maxIdsPerCall).optional(),
  pageNumber,
  pageSize,
});

const listTablesSchema = z.strictObject({ parentMetaEntityId: nonEmpty, name: nonEmpty.optional(), pageNumber, pageSize });
const getTableSchema = z.strictObject({ id: nonEmpty });

function check<S extends z.ZodType>(action: ActionName, schema: S, request: unknown): z.output<S> {
  const parsed = schema.safeParse(request);
  if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error), `${action} request`);
  return parsed.data;
}

/** A flat string map without the unset fields; arrays and objects become JSON text. */
function wire(fields: Record<string, string | number | boolean | object | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}

const wireTags = (tags: { key: string; value?: string }[] | undefined) =>
  tags && tags.length > 0 ? tags.map((t) => ({ Key: t.key, Value: t.value })) : undefined;
const nonEmptyList = <T>(items: T[] | undefined) => (items && items.length > 0 ? items : undefined);

export function listDataAssetsCall(request: ListDataAssetsRequest): WireCall {
  const r = check('ListDataAssets', listDataAssetsSchema, request);
  return {
    action: 'ListDataAssets',
    method: 'GET',
    query: wire({
      Tags: wireTags(r.tags),
      DataAssetIds: nonEmptyList(r.dataAssetIds),
      DataAssetType: r.dataAssetType,
      ProjectId: r.projectId,
      EnvType: r.envType,
      Name: r.name,
      PageNumber: r.pageNumber,
      PageSize: r.pageSize,
    }),
  };
}

export function listDataAssetTagsCall(request: ListDataAssetTagsRequest): WireCall {
  const r = check('ListDataAssetTags', listDataAssetTagsSchema, request);
  return {
    action: 'ListDataAssetTags',
    method: 'GET',
    query: wire({ Key: r.key, Category: r.category, PageNumber: r.pageNumber, PageSize: r.pageSize }),
  };
}

export function createDataAssetTagCall(request: CreateDataAssetTagRequest): WireCall {
  const r = check('CreateDataAssetTag', createDataAssetTagSchema, request);
  return {
    action: 'CreateDataAssetTag',
    method: 'POST',
    query: wire({ Key: r.key, Values: r.values, Description: r.description, ValueType: r.valueType, Managers: r.managers }),
  };
}

export function updateDataAssetTagCall(request: UpdateDataAssetTagRequest): WireCall {
  const r = check('UpdateDataAssetTag', updateDataAssetTagSchema, request);
  return {
    action: 'UpdateDataAssetTag',
    method: 'POST',
    query: wire({ Key: r.key, Values: r.values, Description: r.description, Managers: r.managers }),
  };
}

/** The parameters TagDataAssets and UnTagDataAssets share. */
const assetTagsParams = (r: UnTagDataAssetsRequest) => ({
  Tags: wireTags(r.tags),
  DataAssetIds: r.dataAssetIds,
  DataAssetType: r.dataAssetType,
  ProjectId: r.projectId,
  EnvType: r.envType,
});

export function tagDataAssetsCall(request: TagDataAssetsRequest): WireCall {
  const r = check('TagDataAssets', tagDataAssetsSchema, request);
  return { action: 'TagDataAssets', method: 'POST', query: wire({ ...assetTagsParams(r), AutoTraceEnabled: r.autoTraceEnabled }) };
}

export function unTagDataAssetsCall(request: UnTagDataAssetsRequest): WireCall {
  const r = check('UnTagDataAssets', unTagDataAssetsSchema, request);
  return { action: 'UnTagDataAssets', method: 'POST', query: wire(assetTagsParams(r)) };
}

export function listTasksCall(request: ListTasksRequest): WireCall {
  const r = check('ListTasks', listTasksSchema, request);
  return {
    action: 'ListTasks',
    method: 'POST',
    query: {},
    form: wire({
      ProjectId: r.projectId,
      ProjectEnv: r.projectEnv,
      Owner: r.owner,
      Name: r.name,
      Ids: r.ids,
      PageNumber: r.pageNumber,
      PageSize: r.pageSize,
    }),
  };
}

export function listTablesCall(request: ListTablesRequest): WireCall {
  const r = check('ListTables', listTablesSchema, request);
  return {
    action: 'ListTables',
    method: 'GET',
    query: wire({ ParentMetaEntityId: r.parentMetaEntityId, Name: r.name, PageNumber: r.pageNumber, PageSize: r.pageSize }),
  };
}

export function getTableCall(request: GetTableRequest): WireCall {
  const r = check('GetTable', getTableSchema, request);
  // Business metadata carries the table's workspace, environment and tags.
  return { action: 'GetTable', method: 'GET', query: wire({ Id: r.id, IncludeBusinessMetadata: true }) };
}
