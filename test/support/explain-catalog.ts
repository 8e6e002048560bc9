/**
 * The catalog the explain tests read: the demo's (3,000 assets, seed 7) with two things added. The fixed table
 * `dim_customer` already carries `classification=confidential` and `team=bi`, values rules disagree with (one
 * conflict overwritten, one skipped), and `user_dw` holds a table named like the fixed task `ods_customer_di`,
 * so that name names two assets.
 */
import { FIXED_TABLES, FIXED_TASK, generateCatalog, tableAssetId, type Binding, type Catalog, type TableRecord } from '../../emulator';

export const DIM_CUSTOMER = FIXED_TABLES[0];
export const TASK_TWIN: TableRecord = {
  ...DIM_CUSTOMER,
  id: tableAssetId('user_dw', FIXED_TASK.name),
  name: FIXED_TASK.name,
  maxcomputeProject: 'user_dw',
  projectId: 10001,
};

const tag = (key: string, value: string): Binding => ({ assetId: DIM_CUSTOMER.id, assetType: 'ACS::DataWorks::Table', key, value, tagSource: 'UserDefined', autoTraceEnabled: false });

export function explainCatalog(): Catalog {
  const demo = generateCatalog({ assets: 3000, seed: 7 });
  return { ...demo, tables: [...demo.tables, TASK_TWIN], bindings: [...demo.bindings, tag('classification', 'confidential'), tag('team', 'bi')] };
}
