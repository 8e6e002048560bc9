import { CALLER_ID, startEmulator, type Emulator, type TagKeyRecord, type ViolationKind } from '../../emulator';
import { call, sdkClient } from './client';
import { DEV_TABLE, DEV_TASK, DIM_CUSTOMER, FIXED_TASK_ID, ORDER_TABLE, STAT_TASK, USER_TABLE, testCatalog } from './fixtures';

const TABLE = 'ACS::DataWorks::Table';
const TASK = 'ACS::DataWorks::Task';
const STAT_ID = String(STAT_TASK.id);

function ids(body: Record<string, any>): string[] {
  return body.PagingInfo.DataAssets.map((a: { Id: string }) => a.Id);
}

function bindingsOf(emu: Emulator, assetId: string): Record<string, string> {
  return Object.fromEntries(
    emu
      .catalog()
      .bindings.filter((b) => b.assetId === assetId)
      .map((b) => [b.key, b.value]),
  );
}

describe('emulator/actions/data-assets', () => {
  describe('listDataAssets', () => {
    let emu: Emulator;
    beforeAll(async () => {
      emu = await startEmulator({ catalog: testCatalog(), readQps: 0 });
    });
    afterAll(() => emu.stop());
    const list = (params: Record<string, unknown>) => call(sdkClient(emu), 'ListDataAssets', { PageSize: 100, ...params });

    it('lists only assets that carry a tag', async () => {
      const res = await list({});
      expect(res.status).toBe(200);
      expect(ids(res.body).sort()).toEqual([USER_TABLE.id, DEV_TABLE.id, STAT_ID].sort());
      expect(res.body.PagingInfo.TotalCount).toBe(3);
    });

    it('answers in the documented shape', async () => {
      const res = await list({ DataAssetIds: [USER_TABLE.id] });
      expect(res.body).toEqual({
        RequestId: expect.any(String),
        PagingInfo: {
          TotalCount: 1,
          PageNumber: 1,
          PageSize: 100,
          DataAssets: [
            {
              Id: USER_TABLE.id,
              Name: 'ods_user_info',
              Type: TABLE,
              EnvType: 'Prod',
              ProjectId: 91234,
              DataAssetTagMappings: [
                { DataAssetId: USER_TABLE.id, Key: 'classification', Value: 'internal', Creator: '190000000000735', TagSource: 'UserDefined', AutoTraceEnabled: false },
                { DataAssetId: USER_TABLE.id, Key: 'layer', Value: 'ods', Creator: '190000000000735', TagSource: 'UserDefined', AutoTraceEnabled: false },
              ],
              AssetCategories: [],
            },
          ],
        },
      });
    });

    it('ORs the Tags filter, and a Key without Value matches any value', async () => {
      expect(ids((await list({ Tags: [{ Key: 'classification', Value: 'internal' }, { Key: 'team' }] })).body).sort()).toEqual([USER_TABLE.id, DEV_TABLE.id].sort());
      expect(ids((await list({ Tags: [{ Key: 'layer' }] })).body).sort()).toEqual([USER_TABLE.id, STAT_ID].sort());
      expect(ids((await list({ Tags: [{ Key: 'classification', Value: 'public' }] })).body)).toEqual([]);
    });

    it('filters by DataAssetType, ProjectId, EnvType and a case-insensitive Name fragment', async () => {
      expect(ids((await list({ DataAssetType: TASK })).body)).toEqual([STAT_ID]);
      expect(ids((await list({ ProjectId: 91234, EnvType: 'Dev' })).body)).toEqual([DEV_TABLE.id]);
      expect(ids((await list({ Name: 'USER_' })).body).sort()).toEqual([USER_TABLE.id, DEV_TABLE.id, STAT_ID].sort());
    });

    it('looks up DataAssetIds, leaving out untagged and unknown ones', async () => {
      expect(ids((await list({ DataAssetIds: [STAT_ID, ORDER_TABLE.id, 'nope'] })).body)).toEqual([STAT_ID]);
    });

    it('pages with PageNumber and PageSize (default 10)', async () => {
      const second = await list({ PageSize: 2, PageNumber: 2 });
      expect(second.body.PagingInfo).toMatchObject({ TotalCount: 3, PageNumber: 2, PageSize: 2 });
      expect(ids(second.body)).toHaveLength(1);
      const byDefault = await call(sdkClient(emu), 'ListDataAssets', {});
      expect(byDefault.body.PagingInfo).toMatchObject({ PageNumber: 1, PageSize: 10 });
    });

    it('refuses a PageSize over 100 and records an over-limit violation', async () => {
      const own = await startEmulator({ catalog: testCatalog(), readQps: 0, expectViolations: ['over-limit'] });
      try {
        const res = await call(sdkClient(own), 'ListDataAssets', { PageSize: 101 });
        expect(res).toMatchObject({ status: 400, body: { Code: 'InvalidParameter' } });
        expect(own.violations()).toEqual([expect.objectContaining({ kind: 'over-limit', action: 'ListDataAssets', requestId: res.body.RequestId })]);
      } finally {
        await own.stop();
      }
    });

    it('refuses a tag key that breaks the key rules, and Tags that are not JSON', async () => {
      expect(await list({ Tags: [{ Key: 'data_owner' }] })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.Tags' } });
      expect(await list({ Tags: 'classification=internal' })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.Tags' } });
      expect(await list({ Tags: [{ key: 'layer' }] })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.Tags' } });
    });

    it('answers an unknown field inside a JSON parameter as a bad value of that parameter, an unknown parameter as such', async () => {
      const inside = await list({ Tags: [{ Key: 'layer', Extra: 'x' }] });
      expect(inside).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.Tags' } });
      expect(inside.body.Message).toContain('Tags[0]');
      expect(await list({ Tag: [{ Key: 'layer' }] })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter', Message: expect.stringContaining('Unknown parameter Tag') } });
    });

    it("lists every asset when started with listScope 'all'", async () => {
      const all = await startEmulator({ catalog: testCatalog(), listScope: 'all', readQps: 0 });
      try {
        const res = await call(sdkClient(all), 'ListDataAssets', { PageSize: 100 });
        expect(res.body.PagingInfo.TotalCount).toBe(8);
        const order = res.body.PagingInfo.DataAssets.find((a: { Id: string }) => a.Id === ORDER_TABLE.id);
        expect(order.DataAssetTagMappings).toEqual([]);
      } finally {
        await all.stop();
      }
    });
  });

  describe('tagDataAssets', () => {
    let emu: Emulator;
    const manyKeys: TagKeyRecord[] = Array.from({ length: 20 }, (_, i) => ({
      key: `k${i}`,
      values: [],
      managers: [],
      category: 'Normal',
      createTime: 0,
      modifyTime: 0,
    }));
    const start = (expectViolations: ViolationKind[] = []) =>
      startEmulator({
        catalog: testCatalog({
          tagKeys: manyKeys,
          bindings: manyKeys.map((k) => ({ assetId: String(DEV_TASK.id), assetType: TASK, key: k.key, value: 'x' })),
        }),
        readQps: 0,
        writeQps: 0,
        expectViolations,
      });
    beforeEach(async () => {
      emu = await start();
    });
    afterEach(() => emu.stop());
    /** this test provokes `kinds` on purpose: its emulator is started expecting them (test/support/violations.ts) */
    const expecting = async (...kinds: ViolationKind[]) => {
      await emu.stop();
      emu = await start(kinds);
    };
    const tag = (params: Record<string, unknown>) => call(sdkClient(emu), 'TagDataAssets', params);

    it('binds every tag to every asset and answers Success as the string "true"', async () => {
      const res = await tag({ DataAssetIds: [ORDER_TABLE.id, DIM_CUSTOMER], DataAssetType: TABLE, Tags: [{ Key: 'classification', Value: 'confidential' }, { Key: 'pii', Value: 'true' }] });
      expect(res).toEqual({ status: 200, body: { RequestId: expect.any(String), Success: 'true' } });
      expect(bindingsOf(emu, ORDER_TABLE.id)).toEqual({ classification: 'confidential', pii: 'true' });
      expect(bindingsOf(emu, DIM_CUSTOMER)).toEqual({ classification: 'confidential', pii: 'true' });
      expect(emu.catalog().bindings.find((b) => b.assetId === DIM_CUSTOMER)).toMatchObject({ creator: CALLER_ID, tagSource: 'UserDefined', autoTraceEnabled: false });
    });

    it('records AutoTraceEnabled and accepts matching ProjectId and EnvType', async () => {
      const res = await tag({ DataAssetIds: [FIXED_TASK_ID], DataAssetType: TASK, ProjectId: 91234, EnvType: 'Prod', AutoTraceEnabled: true, Tags: [{ Key: 'team', Value: 'growth' }] });
      expect(res.status).toBe(200);
      expect(emu.catalog().bindings.find((b) => b.assetId === FIXED_TASK_ID)).toMatchObject({ key: 'team', value: 'growth', autoTraceEnabled: true });
    });

    it('treats the same value again as a no-op', async () => {
      const res = await tag({ DataAssetIds: [USER_TABLE.id], DataAssetType: TABLE, Tags: [{ Key: 'classification', Value: 'internal' }] });
      expect(res.status).toBe(200);
      expect(bindingsOf(emu, USER_TABLE.id)).toEqual({ classification: 'internal', layer: 'ods' });
    });

    it('refuses another value for a bound key, naming asset and key, and applies nothing', async () => {
      await expecting('silent-overwrite');
      const res = await tag({ DataAssetIds: [ORDER_TABLE.id, USER_TABLE.id], DataAssetType: TABLE, Tags: [{ Key: 'classification', Value: 'confidential' }] });
      expect(res).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.Tag.Conflict' } });
      expect(res.body.Message).toContain(USER_TABLE.id);
      expect(res.body.Message).toContain('classification');
      expect(bindingsOf(emu, ORDER_TABLE.id)).toEqual({});
      // a service that replaced the value would overwrite it unaudited: recorded as a violation
      expect(emu.violations()).toEqual([
        expect.objectContaining({ kind: 'silent-overwrite', action: 'TagDataAssets', detail: { assetId: USER_TABLE.id, key: 'classification', bound: 'internal', sent: 'confidential' } }),
      ]);
    });

    it("with tagConflict 'replace', replaces a bound value as a service may, and records it as a violation", async () => {
      const replacing = await startEmulator({ catalog: testCatalog(), readQps: 0, writeQps: 0, tagConflict: 'replace', expectViolations: ['replaced-tag-value'] });
      try {
        const res = await call(sdkClient(replacing), 'TagDataAssets', { DataAssetIds: [ORDER_TABLE.id, USER_TABLE.id], DataAssetType: TABLE, Tags: [{ Key: 'classification', Value: 'confidential' }] });
        expect(res.status).toBe(200);
        expect(bindingsOf(replacing, USER_TABLE.id)).toEqual({ classification: 'confidential', layer: 'ods' });
        expect(bindingsOf(replacing, ORDER_TABLE.id)).toEqual({ classification: 'confidential' });
        expect(replacing.violations()).toEqual([
          expect.objectContaining({ kind: 'replaced-tag-value', action: 'TagDataAssets', detail: { assetId: USER_TABLE.id, key: 'classification', from: 'internal', to: 'confidential' } }),
        ]);
      } finally {
        await replacing.stop();
      }
    });

    it('refuses an unknown asset id, naming it, and applies nothing', async () => {
      const res = await tag({ DataAssetIds: [ORDER_TABLE.id, 'maxcompute-table:::sales_dw::ghost'], DataAssetType: TABLE, Tags: [{ Key: 'pii', Value: 'true' }] });
      expect(res).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.DataAssetId' } });
      expect(res.body.Message).toContain('maxcompute-table:::sales_dw::ghost');
      expect(bindingsOf(emu, ORDER_TABLE.id)).toEqual({});
    });

    it('refuses an id of the other asset type', async () => {
      const res = await tag({ DataAssetIds: [FIXED_TASK_ID], DataAssetType: TABLE, Tags: [{ Key: 'pii', Value: 'true' }] });
      expect(res).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.DataAssetId' } });
    });

    it('refuses a ProjectId or EnvType the asset does not have', async () => {
      const base = { DataAssetIds: [STAT_ID], DataAssetType: TASK, Tags: [{ Key: 'pii', Value: 'true' }] };
      expect(await tag({ ...base, ProjectId: 10001 })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.ProjectId' } });
      expect(await tag({ ...base, EnvType: 'Dev' })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.EnvType' } });
    });

    it('refuses a key that does not exist, and a value outside the key list', async () => {
      const base = { DataAssetIds: [STAT_ID], DataAssetType: TASK };
      expect(await tag({ ...base, Tags: [{ Key: 'owner', Value: 'x' }] })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.TagKey.NotExist' } });
      expect(await tag({ ...base, Tags: [{ Key: 'classification', Value: 'secret' }] })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.TagValue.NotExist' } });
      expect(await tag({ ...base, Tags: [{ Key: 'classification' }] })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.TagValue.NotExist' } });
    });

    it('takes any valid value, or none, for a key without a value list', async () => {
      expect((await tag({ DataAssetIds: [STAT_ID], DataAssetType: TASK, Tags: [{ Key: 'team', Value: 'any team' }] })).status).toBe(200);
      expect((await tag({ DataAssetIds: [FIXED_TASK_ID], DataAssetType: TASK, Tags: [{ Key: 'team' }] })).status).toBe(200);
      expect(bindingsOf(emu, FIXED_TASK_ID)).toEqual({ team: '' });
      const url = await tag({ DataAssetIds: [DIM_CUSTOMER], DataAssetType: TABLE, Tags: [{ Key: 'team', Value: 'see https://x' }] });
      expect(url).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.TagValue' } });
    });

    it('refuses more than 100 ids or 20 tags in one call, recording an over-limit violation', async () => {
      await expecting('over-limit');
      const tooManyIds = await tag({ DataAssetIds: Array.from({ length: 101 }, (_, i) => `id${i}`), DataAssetType: TASK, Tags: [{ Key: 'pii', Value: 'true' }] });
      expect(tooManyIds).toMatchObject({ status: 400, body: { Code: 'InvalidParameter' } });
      const tooManyTags = await tag({ DataAssetIds: [STAT_ID], DataAssetType: TASK, Tags: Array.from({ length: 21 }, (_, i) => ({ Key: `k${i % 20}`, Value: 'x' })) });
      expect(tooManyTags).toMatchObject({ status: 400, body: { Code: 'InvalidParameter' } });
      expect(emu.violations().map((v) => [v.kind, v.action, v.detail])).toEqual([
        ['over-limit', 'TagDataAssets', { dataAssetIds: 101, tags: 1 }],
        ['over-limit', 'TagDataAssets', { dataAssetIds: 1, tags: 21 }],
      ]);
      expect(emu.calls().byAction.TagDataAssets).toMatchObject({ calls: 2, succeeded: 0, maxDataAssetIds: 101, maxTags: 21 });
    });

    it('refuses a 21st tag on one asset', async () => {
      const res = await tag({ DataAssetIds: [String(DEV_TASK.id)], DataAssetType: TASK, Tags: [{ Key: 'pii', Value: 'true' }] });
      expect(res).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.Tag.LimitExceeded' } });
    });

    it('answers MissingParameter.DataAssetType when it is missing', async () => {
      expect(await tag({ DataAssetIds: [STAT_ID], Tags: [{ Key: 'pii', Value: 'true' }] })).toMatchObject({ status: 400, body: { Code: 'MissingParameter.DataAssetType' } });
    });
  });

  describe('unTagDataAssets', () => {
    let emu: Emulator;
    beforeEach(async () => {
      emu = await startEmulator({ catalog: testCatalog(), readQps: 0, writeQps: 0 });
    });
    afterEach(() => emu.stop());
    const untag = (params: Record<string, unknown>) => call(sdkClient(emu), 'UnTagDataAssets', params);

    it('removes a key whatever its value when no Value is given', async () => {
      const res = await untag({ DataAssetIds: [USER_TABLE.id], DataAssetType: TABLE, Tags: [{ Key: 'classification' }] });
      expect(res).toEqual({ status: 200, body: { RequestId: expect.any(String), Success: 'true' } });
      expect(bindingsOf(emu, USER_TABLE.id)).toEqual({ layer: 'ods' });
    });

    it('removes a binding only when its value matches a given Value', async () => {
      await untag({ DataAssetIds: [USER_TABLE.id], DataAssetType: TABLE, Tags: [{ Key: 'classification', Value: 'public' }, { Key: 'layer', Value: 'ods' }] });
      expect(bindingsOf(emu, USER_TABLE.id)).toEqual({ classification: 'internal' });
    });

    it('refuses an unknown asset id and applies nothing', async () => {
      const res = await untag({ DataAssetIds: [USER_TABLE.id, '999'], DataAssetType: TABLE, Tags: [{ Key: 'layer' }] });
      expect(res).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.DataAssetId' } });
      expect(bindingsOf(emu, USER_TABLE.id)).toEqual({ classification: 'internal', layer: 'ods' });
    });

    it('does not take AutoTraceEnabled', async () => {
      const res = await untag({ DataAssetIds: [USER_TABLE.id], DataAssetType: TABLE, Tags: [{ Key: 'layer' }], AutoTraceEnabled: false });
      expect(res).toMatchObject({ status: 400, body: { Code: 'InvalidParameter' } });
    });
  });
});
