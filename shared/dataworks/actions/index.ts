/**
 * The table of DataWorks actions autotag may call, one module each. The client's methods, their request
 * and response types (`DataWorksApi`) and each action's budget all follow from this table, so a new action
 * is one module and one line here. DeleteDataAssetTag has no entry, and the transport refuses it by name.
 */
import type { Budget } from '../budgets';
import { createDataAssetTag } from './create-data-asset-tag';
import { getTable } from './get-table';
import { listDataAssetTags } from './list-data-asset-tags';
import { listDataAssets } from './list-data-assets';
import { listTables } from './list-tables';
import { listTasks } from './list-tasks';
import type { RequestOf, ResponseOf } from './spec';
import { tagDataAssets } from './tag-data-assets';
import { unTagDataAssets } from './un-tag-data-assets';
import { updateDataAssetTag } from './update-data-asset-tag';

export const ACTIONS = [
  listDataAssets,
  listDataAssetTags,
  createDataAssetTag,
  updateDataAssetTag,
  tagDataAssets,
  unTagDataAssets,
  listTasks,
  listTables,
  getTable,
] as const;

type Action = (typeof ACTIONS)[number];
export type ActionName = Action['name'];

/** The client method that calls an action: its name starting lower-case (`UnTagDataAssets` → `unTagDataAssets`). */
export const methodName = <N extends string>(name: N) => (name.charAt(0).toLowerCase() + name.slice(1)) as Uncapitalize<N>;

/** Every operation autotag may call, one method per action of the table. */
export type DataWorksApi = {
  [A in Action as Uncapitalize<A['name']>]: (request: RequestOf<A>) => Promise<ResponseOf<A>>;
};

const BY_NAME: ReadonlyMap<string, Action> = new Map(ACTIONS.map((a) => [a.name, a]));

/** The QPS budget an action is counted against. */
export function budgetOf(action: ActionName): Budget {
  return BY_NAME.get(action)!.budget;
}

export type { ActionSpec, RequestOf, ResponseOf } from './spec';
export { toWireCall } from './spec';
