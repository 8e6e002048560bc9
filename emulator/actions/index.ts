/**
 * The actions the emulator answers, by `x-acs-action` name (and the version each belongs to): DataWorks', and
 * STS GetCallerIdentity, so a run can learn who it acts as. Anything else is `InvalidApi.NotFound`.
 */
import type { ActionSpec } from './context';
import { listDataAssets, tagDataAssets, unTagDataAssets } from './data-assets';
import { getTable, listTables, listTasks } from './discovery';
import { getCallerIdentity } from './identity';
import { createDataAssetTag, deleteDataAssetTag, listDataAssetTags, updateDataAssetTag } from './tag-keys';

const ACTIONS: ReadonlyMap<string, ActionSpec> = new Map([
  ['ListDataAssets', listDataAssets],
  ['ListDataAssetTags', listDataAssetTags],
  ['CreateDataAssetTag', createDataAssetTag],
  ['UpdateDataAssetTag', updateDataAssetTag],
  ['DeleteDataAssetTag', deleteDataAssetTag],
  ['TagDataAssets', tagDataAssets],
  ['UnTagDataAssets', unTagDataAssets],
  ['ListTasks', listTasks],
  ['ListTables', listTables],
  ['GetTable', getTable],
  ['GetCallerIdentity', getCallerIdentity],
]);

export function findAction(name: string): ActionSpec | undefined {
  return ACTIONS.get(name);
}

export type { ActionContext, ActionSpec, CallerIdentity } from './context';
export { identityOf } from './identity';
