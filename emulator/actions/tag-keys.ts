/**
 * Tag key definitions: ListDataAssetTags, CreateDataAssetTag, UpdateDataAssetTag, and DeleteDataAssetTag,
 * which is always refused (autotag must never call it; the server records the attempt as a violation).
 * UpdateDataAssetTag REPLACES the value list when `Values` is given (the reference says it may, and that is
 * the dangerous reading): dropping a value is applied, and recorded as a `dropped-tag-value` violation.
 */
import { z } from 'zod';
import { tagKeyProblem, tagValueProblem } from '../../shared/dataworks';
import type { TagKeyRecord } from '../catalog';
import { pagingParams, parseParams, wire } from '../params';
import { invalidParameter, ServiceError } from '../service-error';
import { pageOf, type ActionContext, type ActionSpec } from './context';

const stringList = wire.json(z.array(z.string()));

function tagKeyView(k: TagKeyRecord) {
  return {
    Key: k.key,
    Category: k.category,
    Description: k.description ?? '',
    ValueType: k.valueType ?? 'String',
    Values: k.values,
    Managers: k.managers,
    CreateTime: k.createTime,
    CreateUser: k.createUser ?? '',
    ModifyTime: k.modifyTime,
    ModifyUser: k.modifyUser ?? '',
  };
}

function existingKey(ctx: ActionContext, key: string): TagKeyRecord {
  const record = ctx.store.tagKey(key);
  if (!record) throw invalidParameter('InvalidParameter.TagKey.NotExist', `The tag key ${key} does not exist.`);
  return record;
}

/** the values, without duplicates; each must be a valid tag value */
function checkedValues(values: string[]): string[] {
  for (const value of values) {
    const problem = tagValueProblem(value);
    if (problem) throw invalidParameter('InvalidParameter.Values', `The tag value ${JSON.stringify(value)} is invalid: ${problem}.`);
  }
  return [...new Set(values)];
}

const listSchema = z
  .object({ Key: z.string().optional(), Category: z.enum(['Normal', 'System']).optional(), ...pagingParams })
  .strict();

/** `Key` is an exact match. */
export const listDataAssetTags: ActionSpec = {
  budget: 'read',
  handle(ctx) {
    const p = parseParams(listSchema, ctx.params);
    const keys = ctx.store.allTagKeys().filter((k) => (p.Key === undefined || k.key === p.Key) && (p.Category === undefined || k.category === p.Category));
    const { items, ...paging } = pageOf(ctx, keys, p);
    return { PagingInfo: { ...paging, DataAssetTags: items.map(tagKeyView) } };
  },
};

const createSchema = z
  .object({
    Key: z.string(),
    Values: stringList.optional(),
    Description: z.string().optional(),
    ValueType: z.enum(['Boolean', 'Int', 'String', 'Double']).optional(),
    Managers: stringList.optional(),
  })
  .strict();

export const createDataAssetTag: ActionSpec = {
  budget: 'write',
  handle(ctx) {
    const p = parseParams(createSchema, ctx.params);
    const problem = tagKeyProblem(p.Key);
    if (problem) throw invalidParameter('InvalidParameter.Key', `The tag key ${JSON.stringify(p.Key)} is invalid: ${problem}.`);
    if (ctx.store.tagKey(p.Key)) throw invalidParameter('InvalidParameter.TagKey.AlreadyExist', `The tag key ${p.Key} already exists.`);
    ctx.store.putTagKey({
      key: p.Key,
      values: checkedValues(p.Values ?? []),
      description: p.Description,
      valueType: p.ValueType,
      managers: p.Managers ?? [],
      category: 'Normal',
      createTime: ctx.now,
      modifyTime: ctx.now,
      createUser: ctx.caller,
      modifyUser: ctx.caller,
    });
    return { Success: true };
  },
};

const updateSchema = z
  .object({ Key: z.string(), Values: stringList.optional(), Description: z.string().optional(), Managers: stringList.optional() })
  .strict();

export const updateDataAssetTag: ActionSpec = {
  budget: 'write',
  handle(ctx) {
    const p = parseParams(updateSchema, ctx.params);
    const record = existingKey(ctx, p.Key);
    if (record.category === 'System') throw new ServiceError(403, 'Forbidden.SystemTag', `The system tag key ${p.Key} cannot be changed.`);
    const values = p.Values === undefined ? record.values : checkedValues(p.Values);
    const dropped = record.values.filter((v) => !values.includes(v));
    if (dropped.length > 0) {
      const stillBound = ctx.store.countBindings(p.Key, new Set(dropped));
      ctx.violation('dropped-tag-value', `UpdateDataAssetTag dropped ${dropped.join(', ')} from ${p.Key} (${stillBound} assets still bound to them)`, {
        key: p.Key,
        dropped,
        stillBound,
      });
    }
    ctx.store.putTagKey({
      ...record,
      values,
      description: p.Description ?? record.description,
      managers: p.Managers ?? record.managers,
      modifyTime: ctx.now,
      modifyUser: ctx.caller,
    });
    return { Success: true };
  },
};

/** The attempt itself is recorded by the server as a `delete-called` violation, before anything else. */
export const deleteDataAssetTag: ActionSpec = {
  budget: 'write',
  handle() {
    throw new ServiceError(403, 'Forbidden', 'DeleteDataAssetTag is refused by the emulator: autotag must never delete tag keys.');
  },
};
