/**
 * A small, explicit catalog for the emulator's action tests: the fixed event assets (untagged) plus five
 * assets whose tags and places the tests rely on.
 */
import { tableAssetId, type Binding, type Catalog, type TableRecord, type TaskRecord } from '../../emulator';
import { smallCatalog } from './client';

const T0 = Date.UTC(2024, 0, 1);

const table = (project: string, projectId: number, envType: 'Prod' | 'Dev', name: string, owner: string | null, n: number): TableRecord => ({
  id: tableAssetId(project, name),
  name,
  maxcomputeProject: project,
  projectId,
  envType,
  owner,
  comment: `${name} comment`,
  tableType: 'TABLE',
  createTime: T0 + n,
  modifyTime: T0 + n,
});

const task = (id: number, name: string, owner: string, projectId: number, projectEnv: 'Prod' | 'Dev'): TaskRecord => ({
  id,
  name,
  owner,
  projectId,
  projectEnv,
  type: 'ODPS_SQL',
  createTime: T0,
  modifyTime: T0,
});

export const USER_TABLE = table('sales_dw', 91234, 'Prod', 'ods_user_info', 'alice', 10);
export const ORDER_TABLE = table('trade_dw', 10002, 'Prod', 'ods_order_detail', null, 20);
export const DEV_TABLE = table('sales_dw_dev', 91234, 'Dev', 'dwd_user_profile', 'ALIYUN$dave', 30);
export const STAT_TASK = task(800000000001, 'dws_user_stat_di', '190000000000736', 91234, 'Prod');
export const DEV_TASK = task(800000000002, 'ads_sales_summary_df', '190000000000812', 10001, 'Dev');

export const DIM_CUSTOMER = tableAssetId('sales_dw', 'dim_customer');
export const FIXED_TASK_ID = '700000000003';

const bound = (assetId: string, assetType: Binding['assetType'], key: string, value: string): Binding => ({
  assetId,
  assetType,
  key,
  value,
  creator: '190000000000735',
  tagSource: 'UserDefined',
  autoTraceEnabled: false,
});

export function testCatalog(extra: Partial<Omit<Catalog, 'workspaces'>> = {}): Catalog {
  return smallCatalog({
    tagKeys: extra.tagKeys,
    tables: [USER_TABLE, ORDER_TABLE, DEV_TABLE, ...(extra.tables ?? [])],
    tasks: [STAT_TASK, DEV_TASK, ...(extra.tasks ?? [])],
    bindings: [
      bound(USER_TABLE.id, 'ACS::DataWorks::Table', 'classification', 'internal'),
      bound(USER_TABLE.id, 'ACS::DataWorks::Table', 'layer', 'ods'),
      bound(DEV_TABLE.id, 'ACS::DataWorks::Table', 'team', 'bi'),
      bound(String(STAT_TASK.id), 'ACS::DataWorks::Task', 'layer', 'dws'),
      ...(extra.bindings ?? []),
    ],
  });
}
