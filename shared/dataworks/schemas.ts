/**
 * What each operation answers, checked with zod and turned into autotag's camelCase types. Strict where a
 * mistake would tag the wrong thing (ids, names, asset types, a write's Success); lenient where the
 * documentation is (missing optional fields, null for absent, Managers as numbers, counts as numeric text).
 * Unknown fields are ignored: the API adds fields over time.
 */
import { z } from 'zod';
import { ASSET_TYPES, ENV_TYPES, type DataAsset, type Page, type Table, type TagKeyDefinition, type Task, type WriteResult } from './types';

/** An optional field that may also come back as null. */
const opt = <S extends z.ZodType>(schema: S) => schema.nullish().transform((v) => v ?? undefined);
const count = z.union([z.number().int().min(0), z.string().regex(/^\d+$/).transform(Number)]);
const text = z.string();
const idText = z.string().min(1);
const numberId = z.number().int().positive();
const stringList = opt(z.array(z.union([z.string(), z.number().transform(String)]))).transform((v) => v ?? []);
const envType = opt(z.enum(ENV_TYPES));

const pagingOf = <S extends z.ZodType>(listName: string, item: S) =>
  z.object({
    RequestId: opt(text),
    PagingInfo: z.object({
      TotalCount: count,
      PageNumber: count,
      PageSize: count,
      [listName]: opt(z.array(item)).transform((v) => v ?? []),
    }),
  });

function toPage<T>(body: { RequestId?: string; PagingInfo: Record<string, unknown> }, listName: string): Page<T> {
  const info = body.PagingInfo as { TotalCount: number; PageNumber: number; PageSize: number } & Record<string, T[]>;
  return {
    items: info[listName],
    totalCount: info.TotalCount,
    pageNumber: info.PageNumber,
    pageSize: info.PageSize,
    requestId: body.RequestId,
  };
}

const tagMappingSchema = z.object({
  Key: text.min(1),
  Value: opt(text).transform((v) => v ?? ''),
  Creator: opt(z.union([text, z.number().transform(String)])),
  TagSource: opt(text),
  AutoTraceEnabled: opt(z.boolean()),
});

const dataAssetSchema = z
  .object({
    Id: idText,
    Name: text,
    Type: z.enum(ASSET_TYPES),
    EnvType: envType,
    ProjectId: opt(numberId),
    DataAssetTagMappings: opt(z.array(tagMappingSchema)).transform((v) => v ?? []),
  })
  .transform(
    (a): DataAsset => ({
      id: a.Id,
      name: a.Name,
      type: a.Type,
      envType: a.EnvType,
      projectId: a.ProjectId,
      tags: a.DataAssetTagMappings.map((m) => ({
        key: m.Key,
        value: m.Value,
        creator: m.Creator,
        tagSource: m.TagSource,
        autoTraceEnabled: m.AutoTraceEnabled,
      })),
    }),
  );

const tagKeySchema = z
  .object({
    Key: text.min(1),
    Category: opt(text),
    Description: opt(text),
    ValueType: opt(text),
    Values: stringList,
    Managers: stringList,
  })
  .transform(
    (t): TagKeyDefinition => ({
      key: t.Key,
      category: t.Category,
      description: t.Description,
      valueType: t.ValueType,
      values: t.Values,
      managers: t.Managers,
    }),
  );

const taskSchema = z
  .object({
    Id: numberId,
    Name: text,
    Owner: opt(z.union([text, z.number().transform(String)])),
    ProjectId: numberId,
    ProjectEnv: envType,
    Type: opt(text),
    ModifyTime: opt(z.number()),
  })
  .transform(
    (t): Task => ({
      id: t.Id,
      name: t.Name,
      owner: t.Owner,
      projectId: t.ProjectId,
      projectEnv: t.ProjectEnv,
      type: t.Type,
      modifyTime: t.ModifyTime,
    }),
  );

const tableSchema = z
  .object({
    Id: idText,
    Name: text.min(1),
    ParentMetaEntityId: opt(text),
    TableType: opt(text),
    Comment: opt(text),
    ModifyTime: opt(z.number()),
    TechnicalMetadata: opt(z.object({ Owner: opt(text) })),
    BusinessMetadata: opt(
      z.object({
        Tags: opt(z.array(z.object({ Key: text.min(1), Value: opt(text).transform((v) => v ?? '') }))),
        Extension: opt(z.object({ ProjectId: opt(numberId), EnvType: envType })),
      }),
    ),
  })
  .transform(
    (t): Table => ({
      id: t.Id,
      name: t.Name,
      parentMetaEntityId: t.ParentMetaEntityId,
      tableType: t.TableType,
      comment: t.Comment,
      owner: t.TechnicalMetadata?.Owner,
      projectId: t.BusinessMetadata?.Extension?.ProjectId,
      envType: t.BusinessMetadata?.Extension?.EnvType,
      tags: t.BusinessMetadata?.Tags?.map((tag) => ({ key: tag.Key, value: tag.Value })),
      modifyTime: t.ModifyTime,
    }),
  );

export const listDataAssetsResponse = pagingOf('DataAssets', dataAssetSchema).transform((b) => toPage<DataAsset>(b, 'DataAssets'));
export const listDataAssetTagsResponse = pagingOf('DataAssetTags', tagKeySchema).transform((b) =>
  toPage<TagKeyDefinition>(b, 'DataAssetTags'),
);
export const listTasksResponse = pagingOf('Tasks', taskSchema).transform((b) => toPage<Task>(b, 'Tasks'));
export const listTablesResponse = pagingOf('Tables', tableSchema).transform((b) => toPage<Table>(b, 'Tables'));
export const getTableResponse = z.object({ RequestId: opt(text), Table: tableSchema }).transform((b) => b.Table);

/**
 * Writes answer `{RequestId, Success}`: a boolean for Create/Update, the STRING "true"/"false" for Tag/UnTag.
 * Anything but "true" is a failure, including a missing Success.
 */
export const writeResponse = z
  .object({
    RequestId: opt(text),
    Success: z.union([z.boolean(), z.string()]).refine((s) => String(s) === 'true', 'Success is not "true"'),
  })
  .transform((b): WriteResult => ({ requestId: b.RequestId }));
