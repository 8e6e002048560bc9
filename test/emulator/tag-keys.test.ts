import { CALLER_ID, startEmulator, type Emulator, type ViolationKind } from '../../emulator';
import { call, sdkClient } from './client';
import { testCatalog } from './fixtures';

describe('emulator/actions/tag-keys', () => {
  let emu: Emulator;
  const start = (expectViolations: ViolationKind[] = []) => startEmulator({ catalog: testCatalog(), readQps: 0, writeQps: 0, expectViolations });
  beforeEach(async () => {
    emu = await start();
  });
  afterEach(() => emu.stop());
  /** this test provokes `kinds` on purpose: its emulator is started expecting them (test/support/violations.ts) */
  const expecting = async (...kinds: ViolationKind[]) => {
    await emu.stop();
    emu = await start(kinds);
  };
  const api = (action: string, params: Record<string, unknown> = {}) => call(sdkClient(emu), action, params);
  const keyOf = (key: string) => emu.catalog().tagKeys.find((k) => k.key === key);

  describe('listDataAssetTags', () => {
    it('lists every key in the documented shape', async () => {
      const res = await api('ListDataAssetTags', { PageSize: 100 });
      expect(res.body.PagingInfo).toMatchObject({ TotalCount: 5, PageNumber: 1, PageSize: 100 });
      expect(res.body.PagingInfo.DataAssetTags.find((k: { Key: string }) => k.Key === 'pii')).toEqual({
        Key: 'pii',
        Category: 'Normal',
        Description: 'holds personal information',
        ValueType: 'Boolean',
        Values: ['true'],
        Managers: ['190000000000735'],
        CreateTime: expect.any(Number),
        CreateUser: '190000000000735',
        ModifyTime: expect.any(Number),
        ModifyUser: '190000000000735',
      });
    });

    it('filters by exact Key and by Category, and pages', async () => {
      expect((await api('ListDataAssetTags', { Key: 'pii' })).body.PagingInfo.DataAssetTags.map((k: { Key: string }) => k.Key)).toEqual(['pii']);
      expect((await api('ListDataAssetTags', { Key: 'pi' })).body.PagingInfo.TotalCount).toBe(0);
      expect((await api('ListDataAssetTags', { Category: 'System' })).body.PagingInfo.DataAssetTags.map((k: { Key: string }) => k.Key)).toEqual(['sensitivity-level']);
      const page = await api('ListDataAssetTags', { PageSize: 2, PageNumber: 3 });
      expect(page.body.PagingInfo).toMatchObject({ TotalCount: 5, PageNumber: 3, PageSize: 2 });
      expect(page.body.PagingInfo.DataAssetTags).toHaveLength(1);
    });
  });

  describe('createDataAssetTag', () => {
    it('creates a key and answers Success as a boolean', async () => {
      const res = await api('CreateDataAssetTag', { Key: 'data-owner', Values: ['alice', 'bob', 'alice'], Description: 'who owns it', ValueType: 'String', Managers: ['12345'] });
      expect(res).toEqual({ status: 200, body: { RequestId: expect.any(String), Success: true } });
      expect(keyOf('data-owner')).toMatchObject({ values: ['alice', 'bob'], description: 'who owns it', managers: ['12345'], category: 'Normal', createUser: CALLER_ID });
    });

    it('refuses a key that breaks the key rules', async () => {
      for (const Key of ['data_owner', 'dw:level', 'aliyun-x', 'a'.repeat(65)]) {
        expect(await api('CreateDataAssetTag', { Key })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.Key' } });
      }
    });

    it('refuses a key that exists', async () => {
      expect(await api('CreateDataAssetTag', { Key: 'pii' })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.TagKey.AlreadyExist' } });
    });

    it('refuses bad values and Values that are not a JSON string list', async () => {
      expect(await api('CreateDataAssetTag', { Key: 'site', Values: ['https://x'] })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.Values' } });
      expect(await api('CreateDataAssetTag', { Key: 'site', Values: 'a,b' })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.Values' } });
      expect(await api('CreateDataAssetTag', { Key: 'site', Values: [1, 2] })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.Values' } });
      expect(keyOf('site')).toBeUndefined();
    });

    it('answers MissingParameter.Key without a Key', async () => {
      expect(await api('CreateDataAssetTag', { Values: ['a'] })).toMatchObject({ status: 400, body: { Code: 'MissingParameter.Key' } });
    });
  });

  describe('updateDataAssetTag', () => {
    it('replaces the value list; a superset records no violation', async () => {
      const res = await api('UpdateDataAssetTag', { Key: 'classification', Values: ['public', 'internal', 'confidential', 'restricted', 'secret'] });
      expect(res).toEqual({ status: 200, body: { RequestId: expect.any(String), Success: true } });
      expect(keyOf('classification')?.values).toEqual(['public', 'internal', 'confidential', 'restricted', 'secret']);
      expect(emu.violations()).toEqual([]);
    });

    it('applies a list that drops values and records a dropped-tag-value violation', async () => {
      await expecting('dropped-tag-value');
      const res = await api('UpdateDataAssetTag', { Key: 'classification', Values: ['public', 'confidential'] });
      expect(res.status).toBe(200);
      expect(keyOf('classification')?.values).toEqual(['public', 'confidential']);
      expect(emu.violations()).toEqual([
        expect.objectContaining({
          kind: 'dropped-tag-value',
          action: 'UpdateDataAssetTag',
          requestId: res.body.RequestId,
          detail: { key: 'classification', dropped: ['internal', 'restricted'], stillBound: 1 },
        }),
      ]);
    });

    it('keeps the values when only the description changes', async () => {
      await api('UpdateDataAssetTag', { Key: 'pii', Description: 'personal data' });
      expect(keyOf('pii')).toMatchObject({ values: ['true'], description: 'personal data', modifyUser: CALLER_ID });
      expect(emu.violations()).toEqual([]);
    });

    it('refuses an unknown key, a ValueType, and a System key', async () => {
      expect(await api('UpdateDataAssetTag', { Key: 'nope', Values: ['a'] })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.TagKey.NotExist' } });
      expect(await api('UpdateDataAssetTag', { Key: 'pii', ValueType: 'String' })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter' } });
      expect(await api('UpdateDataAssetTag', { Key: 'sensitivity-level', Values: ['L1'] })).toMatchObject({ status: 403, body: { Code: 'Forbidden.SystemTag' } });
    });
  });

  describe('deleteDataAssetTag', () => {
    it('refuses with 403 Forbidden, keeps the key, and records a delete-called violation', async () => {
      await expecting('delete-called');
      const res = await api('DeleteDataAssetTag', { Key: 'pii' });
      expect(res).toMatchObject({ status: 403, body: { Code: 'Forbidden' } });
      expect(keyOf('pii')).toBeDefined();
      expect(emu.violations()).toEqual([expect.objectContaining({ kind: 'delete-called', action: 'DeleteDataAssetTag', requestId: res.body.RequestId })]);
    });

    it('records the violation even for a request that fails authentication', async () => {
      await expecting('delete-called');
      await call(sdkClient(emu, { accessKeyId: emu.credentials.accessKeyId, accessKeySecret: 'wrong' }), 'DeleteDataAssetTag', { Key: 'pii' });
      expect(emu.violations().map((v) => v.kind)).toEqual(['delete-called']);
    });
  });
});
