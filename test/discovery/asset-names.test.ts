/** What a person may type to name an asset: each form read as what it names, and what cannot name one refused, all at once. */
import { InvalidInputError } from '../../shared/errors';
import { parseAssetNames } from '../../shared/discovery';

describe('discovery: parseAssetNames', () => {
  it('reads task ids, MetaEntityIds, project.table and bare names, each distinct text once', () => {
    expect(parseAssetNames(['700000000003', 'maxcompute-table:::sales_dw::dim_customer', 'sales_dw.tmp_customer_upload', 'ods_customer_di', '700000000003'], 'metaEntityId')).toEqual([
      { kind: 'task', text: '700000000003', taskId: 700000000003 },
      { kind: 'table', text: 'maxcompute-table:::sales_dw::dim_customer', maxcomputeProject: 'sales_dw', tableName: 'dim_customer' },
      { kind: 'table', text: 'sales_dw.tmp_customer_upload', maxcomputeProject: 'sales_dw', tableName: 'tmp_customer_upload' },
      { kind: 'name', text: 'ods_customer_di', name: 'ods_customer_di' },
    ]);
  });

  it('reads a table asset id in the configured format, and a MetaEntityId whatever the format', () => {
    const tables = (format: 'guid' | 'qualifiedName' | 'metaEntityId', text: string) => parseAssetNames([text], format)[0];
    expect(tables('guid', 'odps.sales_dw.dim_customer')).toMatchObject({ kind: 'table', maxcomputeProject: 'sales_dw', tableName: 'dim_customer' });
    expect(tables('qualifiedName', 'maxcompute-table.sales_dw.dim_customer')).toMatchObject({ kind: 'table', maxcomputeProject: 'sales_dw', tableName: 'dim_customer' });
    expect(tables('guid', 'maxcompute-table:::sales_dw::dim_customer')).toMatchObject({ kind: 'table', tableName: 'dim_customer' });
    // another format's id is no id here: a name (which no source has), not a guess
    expect(tables('metaEntityId', 'odps.sales_dw.dim_customer')).toEqual({ kind: 'name', text: 'odps.sales_dw.dim_customer', name: 'odps.sales_dw.dim_customer' });
    // a dotted name whose first part cannot be a MaxCompute project stays a name
    expect(tables('metaEntityId', '1x.report')).toMatchObject({ kind: 'name', name: '1x.report' });
  });

  it('refuses every text that cannot name an asset, at once', () => {
    let error: unknown;
    try {
      parseAssetNames(['dim_customer', '', 'maxcompute-table:sales_dw', '99999999999999999999'], 'metaEntityId');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues).toEqual([
      { field: 'assets[1]', message: expect.stringContaining('"" is empty') },
      { field: 'assets[2]', message: expect.stringContaining('no MetaEntityId of a MaxCompute table') },
      { field: 'assets[3]', message: expect.stringContaining('no task id') },
    ]);
  });
});
