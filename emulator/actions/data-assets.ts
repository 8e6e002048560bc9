/**
 * Data assets and their tag bindings: ListDataAssets, TagDataAssets, UnTagDataAssets.
 * Choices where the API is silent (reference dataworks-api.md §7), made strict so client bugs surface:
 * - ListDataAssets lists only assets with at least one binding (listScope 'all': every asset); `Tags` items
 *   are OR-ed, an item without Value matches any value; `Name` is a case-insensitive substring.
 * - Tag/UnTag take at most 100 ids and 20 tags per call (400 InvalidParameter plus an `over-limit`
 *   violation). Every key must exist; a key with a value list only takes those values, and needs one; a key
 *   without a list takes any valid value, or none (bound as ''). Every id must exist with DataAssetType,
 *   and match ProjectId / EnvType when given. One value per key per asset: another value for a bound key is
 *   a conflict (and a `silent-overwrite` violation: whether the real service refuses or replaces is not
 *   documented, and autotag only ever changes a value by UnTag first) or, with tagConflict 'replace', replaces
 *   it (a `replaced-tag-value` violation); the same value a no-op, counted as a repeated binding (stats.ts).
 *   At most 20 tags per asset. Any failure rejects the whole call.
 * - An asset that is not visible yet (visibility.ts) is not listed, and Tag/UnTag answer for it exactly as
 *   for an id that does not exist (400 InvalidParameter.DataAssetId), rejecting the whole call.
 * - UnTag removes the key's binding; with a Value, only when bound to that value.
 */
import { z } from 'zod';
import { tagKeyProblem, tagValueProblem, ASSET_TYPES, ENV_TYPES, LIMITS } from '../../shared/dataworks';
import type { Binding } from '../catalog';
import { pagingParams, parseParams, wire } from '../params';
import { invalidParameter } from '../service-error';
import type { AssetView } from '../store';
import { listed, pageOf, type ActionContext, type ActionSpec } from './context';

const tagList = wire.json(z.array(z.object({ Key: z.string(), Value: z.string().optional() }).strict()));
const idList = wire.json(z.array(z.string()));

const listSchema = z
  .object({
    Tags: tagList.optional(),
    DataAssetIds: idList.optional(),
    DataAssetType: z.enum(ASSET_TYPES).optional(),
    ProjectId: wire.positiveInteger.optional(),
    EnvType: z.enum(ENV_TYPES).optional(),
    Name: z.string().optional(),
    ...pagingParams,
  })
  .strict();

function assetView(ctx: ActionContext, asset: AssetView) {
  return {
    Id: asset.id,
    Name: asset.name,
    Type: asset.type,
    EnvType: asset.envType,
    ProjectId: asset.projectId,
    DataAssetTagMappings: ctx.store.bindingsOf(asset.id).map((b) => ({
      DataAssetId: b.assetId,
      Key: b.key,
      Value: b.value,
      Creator: b.creator ?? '',
      TagSource: b.tagSource ?? 'UserDefined',
      AutoTraceEnabled: b.autoTraceEnabled ?? false,
    })),
    AssetCategories: [],
  };
}

export const listDataAssets: ActionSpec = {
  budget: 'read',
  handle(ctx) {
    const p = parseParams(listSchema, ctx.params);
    ctx.observe({ dataAssetIds: p.DataAssetIds?.length, tags: p.Tags?.length });
    for (const tag of p.Tags ?? []) {
      const problem = tagKeyProblem(tag.Key);
      if (problem) throw invalidParameter('InvalidParameter.Tags', `The tag key ${JSON.stringify(tag.Key)} is invalid: ${problem}.`);
    }
    const name = p.Name?.toLowerCase();
    const tagMatches = (asset: AssetView) =>
      !p.Tags?.length ||
      p.Tags.some((t) => {
        const bound = ctx.store.binding(asset.id, t.Key);
        return bound !== undefined && (t.Value === undefined || bound.value === t.Value);
      });
    const matching = (candidates: Iterable<AssetView>) => {
      const found: AssetView[] = [];
      for (const asset of candidates) {
        if (ctx.listScope === 'tagged' && !ctx.store.hasBindings(asset.id)) continue;
        if (p.DataAssetType && asset.type !== p.DataAssetType) continue;
        if (p.ProjectId !== undefined && asset.projectId !== p.ProjectId) continue;
        if (p.EnvType && asset.envType !== p.EnvType) continue;
        if (name !== undefined && !asset.name.toLowerCase().includes(name)) continue;
        if (tagMatches(asset)) found.push(asset);
      }
      return found;
    };
    const found = p.DataAssetIds
      ? matching([...new Set(p.DataAssetIds)].map((id) => ctx.store.asset(id)).filter((a): a is AssetView => a !== undefined)).filter((a) => ctx.visibility.asked(a.id))
      : listed(ctx, ['ListDataAssets', ctx.listScope, p.Tags, p.DataAssetType, p.ProjectId, p.EnvType, name], 'bindings', (a) => a.id, () =>
          matching(ctx.listScope === 'tagged' ? ctx.store.taggedAssets() : ctx.store.allAssets()),
        );
    const { items, ...paging } = pageOf(ctx, found, p);
    return { PagingInfo: { ...paging, DataAssets: items.map((a) => assetView(ctx, a)) } };
  },
};

const untagSchema = z
  .object({
    Tags: tagList,
    DataAssetIds: idList,
    DataAssetType: z.enum(ASSET_TYPES),
    ProjectId: wire.positiveInteger.optional(),
    EnvType: z.enum(ENV_TYPES).optional(),
  })
  .strict();

const tagSchema = untagSchema.extend({ AutoTraceEnabled: wire.boolean.optional() }).strict();

type TaggingParams = z.infer<typeof untagSchema>;

/** The checks Tag and UnTag share: list sizes, keys, and assets; returns the assets in request order. */
function checkTagging(ctx: ActionContext, p: TaggingParams): AssetView[] {
  ctx.observe({ dataAssetIds: p.DataAssetIds.length, tags: p.Tags.length });
  if (p.DataAssetIds.length > LIMITS.maxIdsPerCall || p.Tags.length > LIMITS.maxTagsPerCall) {
    const message = `${p.DataAssetIds.length} DataAssetIds and ${p.Tags.length} Tags in one call (limits ${LIMITS.maxIdsPerCall} and ${LIMITS.maxTagsPerCall})`;
    ctx.violation('over-limit', message, { dataAssetIds: p.DataAssetIds.length, tags: p.Tags.length });
    throw invalidParameter('InvalidParameter', `Too many items: ${message}.`);
  }
  if (p.DataAssetIds.length === 0) throw invalidParameter('InvalidParameter.DataAssetIds', 'DataAssetIds is empty.');
  if (p.Tags.length === 0) throw invalidParameter('InvalidParameter.Tags', 'Tags is empty.');
  for (const tag of p.Tags) {
    if (!ctx.store.tagKey(tag.Key)) throw invalidParameter('InvalidParameter.TagKey.NotExist', `The tag key ${tag.Key} does not exist.`);
  }
  return [...new Set(p.DataAssetIds)].map((id) => {
    const asset = ctx.store.asset(id);
    if (!asset || asset.type !== p.DataAssetType || !ctx.visibility.isVisible(id))
      throw invalidParameter('InvalidParameter.DataAssetId', `The data asset ${id} of type ${p.DataAssetType} does not exist.`);
    if (p.ProjectId !== undefined && asset.projectId !== p.ProjectId)
      throw invalidParameter('InvalidParameter.ProjectId', `The data asset ${id} is in workspace ${asset.projectId}, not ${p.ProjectId}.`);
    if (p.EnvType && asset.envType !== p.EnvType)
      throw invalidParameter('InvalidParameter.EnvType', `The data asset ${id} is in ${asset.envType}, not ${p.EnvType}.`);
    return asset;
  });
}

/** key -> value to bind, each checked against its key's definition */
function checkedTagValues(ctx: ActionContext, tags: TaggingParams['Tags']): Map<string, string> {
  const wanted = new Map<string, string>();
  for (const tag of tags) {
    const allowed = ctx.store.tagKey(tag.Key)!.values;
    const value = tag.Value ?? '';
    if (allowed.length > 0 && !allowed.includes(value))
      throw invalidParameter('InvalidParameter.TagValue.NotExist', `The tag ${tag.Key} takes one of ${allowed.join(', ')}, not ${JSON.stringify(value)}.`);
    const problem = tagValueProblem(value);
    if (problem) throw invalidParameter('InvalidParameter.TagValue', `The tag value ${JSON.stringify(value)} is invalid: ${problem}.`);
    const earlier = wanted.get(tag.Key);
    if (earlier !== undefined && earlier !== value)
      throw invalidParameter('InvalidParameter.Tag.Conflict', `Tags sets ${tag.Key} twice (${earlier}, ${value}); an asset has one value per key.`);
    wanted.set(tag.Key, value);
  }
  return wanted;
}

export const tagDataAssets: ActionSpec = {
  budget: 'write',
  handle(ctx) {
    const p = parseParams(tagSchema, ctx.params);
    const assets = checkTagging(ctx, p);
    const wanted = checkedTagValues(ctx, p.Tags);
    for (const asset of assets) {
      let added = 0;
      for (const [key, value] of wanted) {
        const bound = ctx.store.binding(asset.id, key);
        if (bound && bound.value !== value && ctx.tagConflict === 'reject') {
          ctx.violation('silent-overwrite', `TagDataAssets asked to replace ${key}=${bound.value} with ${key}=${value} on ${asset.id} without UnTagDataAssets`, {
            assetId: asset.id,
            key,
            bound: bound.value,
            sent: value,
          });
          throw invalidParameter('InvalidParameter.Tag.Conflict', `The data asset ${asset.id} already has ${key}=${bound.value}; it cannot also take ${key}=${value}.`);
        }
        if (!bound) added++;
      }
      const total = ctx.store.bindingsOf(asset.id).length + added;
      if (total > LIMITS.maxTagsPerAsset)
        throw invalidParameter('InvalidParameter.Tag.LimitExceeded', `The data asset ${asset.id} would have ${total} tags, more than ${LIMITS.maxTagsPerAsset}.`);
    }
    const counts = { made: 0, repeated: 0 };
    for (const asset of assets) {
      for (const [key, value] of wanted) {
        const bound = ctx.store.binding(asset.id, key);
        if (bound?.value === value) {
          counts.repeated++;
          continue;
        }
        counts.made++;
        if (bound) {
          ctx.violation('replaced-tag-value', `TagDataAssets replaced ${key}=${bound.value} with ${value} on ${asset.id}`, { assetId: asset.id, key, from: bound.value, to: value });
          ctx.store.unbind(asset.id, key);
        }
        const binding: Binding = { assetId: asset.id, assetType: asset.type, key, value, creator: ctx.caller, tagSource: 'UserDefined', autoTraceEnabled: p.AutoTraceEnabled ?? false };
        ctx.store.bind(binding);
      }
    }
    ctx.bound(counts);
    return { Success: 'true' };
  },
};

export const unTagDataAssets: ActionSpec = {
  budget: 'write',
  handle(ctx) {
    const p = parseParams(untagSchema, ctx.params);
    const assets = checkTagging(ctx, p);
    for (const asset of assets) {
      for (const tag of p.Tags) {
        const bound = ctx.store.binding(asset.id, tag.Key);
        if (bound && (tag.Value === undefined || bound.value === tag.Value)) ctx.store.unbind(asset.id, tag.Key);
      }
    }
    return { Success: 'true' };
  },
};
