import { fakeClock } from '../../shared/clock';
import { InvalidInputError } from '../../shared/errors';
import { parseCatalog, startEmulator, type Catalog, type Emulator } from '../../emulator';
import { adminCall, call, sdkClient } from './client';
import { DIM_CUSTOMER, FIXED_TASK_ID, STAT_TASK, USER_TABLE, testCatalog } from './fixtures';

const TABLE = 'ACS::DataWorks::Table';
const SALES = 'maxcompute-project:::sales_dw';
const STAT_ID = String(STAT_TASK.id);

describe('emulator/visibility (delayed assets)', () => {
  let emu: Emulator;
  afterEach(() => emu?.stop());

  const api = (action: string, params: Record<string, unknown> = {}) => call(sdkClient(emu), action, params);
  const tableIds = async (params: Record<string, unknown> = {}) =>
    (await api('ListTables', { ParentMetaEntityId: SALES, PageSize: 100, ...params })).body.PagingInfo.Tables.map((t: { Id: string }) => t.Id);
  const taskIds = async () => (await api('ListTasks', { ProjectId: 91234 })).body.PagingInfo.Tasks.map((t: { Id: number }) => String(t.Id));
  const assetIds = async () => (await api('ListDataAssets', { PageSize: 100 })).body.PagingInfo.DataAssets.map((a: { Id: string }) => a.Id);
  const getTable = (id: string) => api('GetTable', { Id: id });

  const start = (delayedAssets: Catalog['delayedAssets'], extra: Record<string, unknown> = {}) =>
    startEmulator({ catalog: { ...testCatalog(), delayedAssets }, readQps: 0, writeQps: 0, ...extra }).then((e) => (emu = e));

  it('hides a table and a task from every read until the clock reaches visibleAt', async () => {
    const clock = fakeClock(Date.now());
    const at = clock.now() + 30_000;
    await start(
      [
        { assetId: USER_TABLE.id, visibleAt: at },
        { assetId: STAT_ID, visibleAt: at },
      ],
      { clock, listScope: 'all' },
    );
    expect(await tableIds()).not.toContain(USER_TABLE.id);
    expect(await tableIds()).toContain(DIM_CUSTOMER);
    expect(await getTable(USER_TABLE.id)).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.Id.NotFound' } });
    expect(await taskIds()).toEqual([FIXED_TASK_ID]);
    const hidden = await assetIds();
    expect(hidden).not.toContain(USER_TABLE.id);
    expect(hidden).not.toContain(STAT_ID);
    expect(hidden).toContain(DIM_CUSTOMER);

    clock.advance(29_999);
    expect(await getTable(USER_TABLE.id)).toMatchObject({ status: 400 });
    clock.advance(1);
    expect(await getTable(USER_TABLE.id)).toMatchObject({ status: 200, body: { Table: { Id: USER_TABLE.id } } });
    expect(await tableIds()).toContain(USER_TABLE.id);
    expect(await taskIds()).toEqual([STAT_ID, FIXED_TASK_ID]);
    expect(await assetIds()).toEqual(expect.arrayContaining([USER_TABLE.id, STAT_ID]));
    expect(emu.delayedAssets()).toEqual([]);
  });

  it('shows an asset from the read after visibleAfterReads reads that asked for it; reads it is not in do not count', async () => {
    await start([{ assetId: USER_TABLE.id, visibleAfterReads: 2 }]);
    expect(await tableIds({ Name: 'customer' })).not.toContain(USER_TABLE.id);
    expect(emu.delayedAssets()).toEqual([{ assetId: USER_TABLE.id, visibleAfterReads: 2, reads: 0 }]);
    expect((await getTable(USER_TABLE.id)).status).toBe(400);
    expect(await tableIds()).not.toContain(USER_TABLE.id);
    // two reads have missed it: it is due, so the next read (and any write) sees it
    expect(emu.delayedAssets()).toEqual([]);
    expect((await getTable(USER_TABLE.id)).status).toBe(200);
    expect(await tableIds()).toContain(USER_TABLE.id);
  });

  it('refuses a write naming a hidden asset whole, as for an unknown id, without counting it as a read', async () => {
    await start([{ assetId: DIM_CUSTOMER, visibleAfterReads: 1 }]);
    const tag = (ids: string[]) => api('TagDataAssets', { DataAssetIds: ids, DataAssetType: TABLE, Tags: [{ Key: 'pii', Value: 'true' }] });
    const hidden = await tag([USER_TABLE.id, DIM_CUSTOMER]);
    const unknown = await tag([USER_TABLE.id, 'maxcompute-table:::sales_dw::ghost']);
    expect(hidden).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.DataAssetId' } });
    expect(hidden.body.Message).toBe(unknown.body.Message.replace('maxcompute-table:::sales_dw::ghost', DIM_CUSTOMER));
    const untag = await api('UnTagDataAssets', { DataAssetIds: [DIM_CUSTOMER], DataAssetType: TABLE, Tags: [{ Key: 'pii' }] });
    expect(untag).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.DataAssetId' } });
    expect(emu.catalog().bindings.filter((b) => b.key === 'pii')).toEqual([]);
    expect(emu.delayedAssets()).toEqual([{ assetId: DIM_CUSTOMER, visibleAfterReads: 1, reads: 0 }]);

    expect((await getTable(DIM_CUSTOMER)).status).toBe(400);
    expect((await tag([DIM_CUSTOMER])).status).toBe(200);
    expect(emu.catalog().bindings).toContainEqual(expect.objectContaining({ assetId: DIM_CUSTOMER, key: 'pii', value: 'true' }));
  });

  it('keeps the delays still to come in the catalog snapshot (reads left), and none when all are visible', async () => {
    await start([{ assetId: USER_TABLE.id, visibleAfterReads: 3 }]);
    await getTable(USER_TABLE.id);
    expect(emu.catalog().delayedAssets).toEqual([{ assetId: USER_TABLE.id, visibleAfterReads: 2 }]);
    expect(emu.catalog().tables.map((t) => t.id)).toContain(USER_TABLE.id);
    emu.revealAsset(USER_TABLE.id);
    expect(emu.catalog()).not.toHaveProperty('delayedAssets');
    expect((await getTable(USER_TABLE.id)).status).toBe(200);
  });

  it('hides an asset at run time, for a time from now or a number of reads, and refuses an unknown asset or an empty delay', async () => {
    const clock = fakeClock(Date.now());
    await start(undefined, { clock });
    emu.delayAsset({ assetId: FIXED_TASK_ID, visibleInMs: 5_000 });
    expect(emu.delayedAssets()).toEqual([{ assetId: FIXED_TASK_ID, visibleAt: clock.now() + 5_000, reads: 0 }]);
    expect(await taskIds()).toEqual([STAT_ID]);
    clock.advance(5_000);
    expect(await taskIds()).toEqual([STAT_ID, FIXED_TASK_ID]);
    expect(() => emu.delayAsset({ assetId: 'maxcompute-table:::sales_dw::ghost', visibleAfterReads: 1 })).toThrow(InvalidInputError);
    expect(() => emu.delayAsset({ assetId: FIXED_TASK_ID })).toThrow(InvalidInputError);
    expect(() => emu.delayAsset({ assetId: FIXED_TASK_ID, visibleAt: 1, visibleInMs: 1 })).toThrow(InvalidInputError);
  });

  it('is driven over /__admin/: delay, delayed, reveal', async () => {
    await start(undefined);
    const admin = (method: 'GET' | 'POST', route: string, body?: unknown) => adminCall(emu, method, route, body);
    expect(await admin('POST', 'delay', { assetId: USER_TABLE.id, visibleAfterReads: 5 })).toEqual({ status: 200, body: { ok: true } });
    expect((await getTable(USER_TABLE.id)).status).toBe(400);
    expect(await admin('GET', 'delayed')).toEqual({ status: 200, body: [{ assetId: USER_TABLE.id, visibleAfterReads: 5, reads: 1 }] });
    expect(await admin('POST', 'reveal', { assetId: USER_TABLE.id })).toEqual({ status: 200, body: { ok: true } });
    expect((await getTable(USER_TABLE.id)).status).toBe(200);
    expect(await admin('POST', 'delay', { assetId: 'nope', visibleAfterReads: 1 })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter' } });
    expect((await admin('POST', 'delay', { assetId: 'nope', visibleAfterReads: 1 })).body.Message).toContain('no table or task with id nope');
    expect(await admin('POST', 'delay', { assetId: USER_TABLE.id, visibleAfterReads: 0 })).toMatchObject({ status: 400 });
    expect(await admin('POST', 'delay', { assetId: USER_TABLE.id, after: 1 })).toMatchObject({ status: 400 });
  });

  it('checks delayedAssets in a catalog: an existing asset, once, with a condition', () => {
    const base = testCatalog();
    expect(() => parseCatalog({ ...base, delayedAssets: [{ assetId: 'maxcompute-table:::sales_dw::ghost', visibleAt: 1 }] })).toThrow(/no table or task/);
    expect(() => parseCatalog({ ...base, delayedAssets: [{ assetId: USER_TABLE.id }] })).toThrow(/needs visibleAt or visibleAfterReads/);
    expect(() =>
      parseCatalog({
        ...base,
        delayedAssets: [
          { assetId: USER_TABLE.id, visibleAt: 1 },
          { assetId: USER_TABLE.id, visibleAfterReads: 1 },
        ],
      }),
    ).toThrow(/duplicate/);
    expect(parseCatalog({ ...base, delayedAssets: [{ assetId: FIXED_TASK_ID, visibleAfterReads: 1 }] }).delayedAssets).toEqual([{ assetId: FIXED_TASK_ID, visibleAfterReads: 1 }]);
  });
});
