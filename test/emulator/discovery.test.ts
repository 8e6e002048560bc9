import { startEmulator, type Emulator } from '../../emulator';
import { call, sdkClient } from './client';
import { DEV_TABLE, DEV_TASK, DIM_CUSTOMER, FIXED_TASK_ID, ORDER_TABLE, STAT_TASK, USER_TABLE, testCatalog } from './fixtures';

describe('emulator/actions/discovery', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ catalog: testCatalog(), readQps: 0 });
  });
  afterAll(() => emu.stop());
  const api = (action: string, params: Record<string, unknown> = {}) => call(sdkClient(emu), action, params);
  const taskIds = (body: Record<string, any>) => body.PagingInfo.Tasks.map((t: { Id: number }) => t.Id);
  const tableNames = (body: Record<string, any>) => body.PagingInfo.Tables.map((t: { Name: string }) => t.Name);

  describe('listTasks', () => {
    it('lists the Prod tasks of a workspace from a form body, newest id first, in the documented shape', async () => {
      const res = await api('ListTasks', { ProjectId: 91234 });
      expect(res.status).toBe(200);
      expect(taskIds(res.body)).toEqual([STAT_TASK.id, Number(FIXED_TASK_ID)]);
      expect(res.body.PagingInfo).toMatchObject({ TotalCount: 2, PageNumber: 1, PageSize: 10 });
      expect(res.body.PagingInfo.Tasks[1]).toMatchObject({
        Id: 700000000003,
        Name: 'ods_customer_di',
        Owner: '190000000000735',
        ProjectId: 91234,
        ProjectEnv: 'Prod',
        Type: 'ODPS_SQL',
        CreateTime: expect.any(Number),
        ModifyTime: expect.any(Number),
      });
    });

    it('filters by ProjectEnv, exact Owner, Name fragment and Ids', async () => {
      expect(taskIds((await api('ListTasks', { ProjectId: 10001, ProjectEnv: 'Dev' })).body)).toEqual([DEV_TASK.id]);
      expect(taskIds((await api('ListTasks', { ProjectId: 91234, Owner: '190000000000735' })).body)).toEqual([Number(FIXED_TASK_ID)]);
      expect(taskIds((await api('ListTasks', { ProjectId: 91234, Owner: '19000000000073' })).body)).toEqual([]);
      expect(taskIds((await api('ListTasks', { ProjectId: 91234, Name: 'USER_STAT' })).body)).toEqual([STAT_TASK.id]);
      expect(taskIds((await api('ListTasks', { ProjectId: 91234, Ids: [Number(FIXED_TASK_ID)] })).body)).toEqual([Number(FIXED_TASK_ID)]);
    });

    it('sorts by SortBy and pages', async () => {
      const res = await api('ListTasks', { ProjectId: 91234, SortBy: 'Id Asc', PageSize: 1, PageNumber: 2 });
      expect(taskIds(res.body)).toEqual([STAT_TASK.id]);
      expect(res.body.PagingInfo).toMatchObject({ TotalCount: 2, PageNumber: 2, PageSize: 1 });
    });

    it('answers 400 MissingParameter.ProjectId without a ProjectId', async () => {
      expect(await api('ListTasks', { ProjectEnv: 'Prod' })).toMatchObject({ status: 400, body: { Code: 'MissingParameter.ProjectId' } });
    });
  });

  describe('listTables', () => {
    it('lists the tables of a MaxCompute project without owners', async () => {
      const res = await api('ListTables', { ParentMetaEntityId: 'maxcompute-project:::sales_dw', PageSize: 100 });
      expect(res.body).toMatchObject({ Success: true, PagingInfo: { TotalCount: 3, PageNumber: 1, PageSize: 100 } });
      expect(tableNames(res.body).sort()).toEqual(['dim_customer', 'ods_user_info', 'tmp_customer_upload']);
      const user = res.body.PagingInfo.Tables.find((t: { Id: string }) => t.Id === USER_TABLE.id);
      expect(user).toEqual({
        Id: USER_TABLE.id,
        Name: 'ods_user_info',
        ParentMetaEntityId: 'maxcompute-project:::sales_dw',
        TableType: 'TABLE',
        Comment: 'ods_user_info comment',
        CreateTime: USER_TABLE.createTime,
        ModifyTime: USER_TABLE.modifyTime,
        PartitionKeys: [],
      });
    });

    it('filters by Name fragment, sorts and pages', async () => {
      expect(tableNames((await api('ListTables', { ParentMetaEntityId: 'maxcompute-project:::sales_dw', Name: 'CUSTOMER' })).body).sort()).toEqual([
        'dim_customer',
        'tmp_customer_upload',
      ]);
      const page = await api('ListTables', { ParentMetaEntityId: 'maxcompute-project:::sales_dw', SortBy: 'Name', Order: 'Desc', PageSize: 1, PageNumber: 2 });
      expect(tableNames(page.body)).toEqual(['ods_user_info']);
    });

    it('refuses a missing, malformed or unknown parent', async () => {
      expect(await api('ListTables', {})).toMatchObject({ status: 400, body: { Code: 'MissingParameter.ParentMetaEntityId' } });
      expect(await api('ListTables', { ParentMetaEntityId: 'sales_dw' })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.ParentMetaEntityId' } });
      expect(await api('ListTables', { ParentMetaEntityId: 'maxcompute-project:::nope' })).toMatchObject({
        status: 400,
        body: { Code: 'InvalidParameter.ParentMetaEntityId.NotFound' },
      });
    });

    it('refuses a PageSize over 100', async () => {
      // an over-limit violation on purpose: its own emulator, started expecting it (test/support/violations.ts)
      const own = await startEmulator({ catalog: testCatalog(), readQps: 0, expectViolations: ['over-limit'] });
      try {
        expect(await call(sdkClient(own), 'ListTables', { ParentMetaEntityId: 'maxcompute-project:::sales_dw', PageSize: 500 })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter' } });
      } finally {
        await own.stop();
      }
    });
  });

  describe('getTable', () => {
    it('gives the owner in TechnicalMetadata', async () => {
      const res = await api('GetTable', { Id: DEV_TABLE.id });
      expect(res.body).toMatchObject({ Success: true, Table: { Id: DEV_TABLE.id, Name: 'dwd_user_profile', TechnicalMetadata: { Owner: 'ALIYUN$dave' } } });
      expect(res.body.Table.BusinessMetadata).toBeUndefined();
    });

    it('leaves Owner out when the owner cannot be read', async () => {
      const res = await api('GetTable', { Id: ORDER_TABLE.id });
      expect(res.status).toBe(200);
      expect(res.body.Table.TechnicalMetadata).not.toHaveProperty('Owner');
    });

    it('gives workspace, environment and tags in BusinessMetadata when asked', async () => {
      const res = await api('GetTable', { Id: USER_TABLE.id, IncludeBusinessMetadata: true });
      expect(res.body.Table.BusinessMetadata).toMatchObject({
        Extension: { ProjectId: 91234, EnvType: 'Prod' },
        Tags: [
          { Key: 'classification', Value: 'internal' },
          { Key: 'layer', Value: 'ods' },
        ],
      });
      const fixed = await api('GetTable', { Id: DIM_CUSTOMER, IncludeBusinessMetadata: true });
      expect(fixed.body.Table).toMatchObject({ Name: 'dim_customer', TechnicalMetadata: { Owner: 'alice' }, BusinessMetadata: { Extension: { ProjectId: 91234 } } });
    });

    it('answers 400 InvalidParameter.Id.NotFound for an unknown id', async () => {
      expect(await api('GetTable', { Id: 'maxcompute-table:::sales_dw::ghost' })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.Id.NotFound' } });
    });
  });
});
