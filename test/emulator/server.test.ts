import { InvalidInputError } from '../../shared/errors';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { call, sdkClient } from './client';
import { ORDER_TABLE, testCatalog } from './fixtures';

const TAG_ORDER = { DataAssetIds: [ORDER_TABLE.id], DataAssetType: 'ACS::DataWorks::Table', Tags: [{ Key: 'pii', Value: 'true' }] };

describe('emulator/server', () => {
  let emu: Emulator;
  const start = async (options: EmulatorOptions = {}) => {
    emu = await startEmulator({ catalog: testCatalog(), readQps: 0, writeQps: 0, ...options });
  };
  afterEach(() => emu?.stop());
  const orderTags = () => emu.catalog().bindings.filter((b) => b.assetId === ORDER_TABLE.id);

  describe('startEmulator', () => {
    it('listens on loopback and reports url, endpoint and a generated AccessKey pair', async () => {
      await start();
      expect(emu.url).toBe(`http://127.0.0.1:${emu.port}`);
      expect(emu.endpoint).toBe(`127.0.0.1:${emu.port}`);
      expect(emu.credentials.accessKeyId).toMatch(/^LTAI/);
      expect(emu.credentials.accessKeySecret.length).toBeGreaterThanOrEqual(20);
      expect((await call(sdkClient(emu), 'ListDataAssetTags')).status).toBe(200);
    });

    it('generates the default catalog from assets and seed', async () => {
      emu = await startEmulator({ assets: 100, seed: 3 });
      const first = emu.catalog();
      await emu.stop();
      emu = await startEmulator({ assets: 100, seed: 3 });
      expect(emu.catalog()).toEqual(first);
      expect(first.tables.length + first.tasks.length).toBe(100);
    });

    it('refuses unknown options and an invalid catalog', async () => {
      await expect(startEmulator({ asset: 10 } as EmulatorOptions)).rejects.toThrow(InvalidInputError);
      await expect(startEmulator({ catalog: { ...testCatalog(), tasks: [{ id: 'x' }] } as never })).rejects.toThrow(InvalidInputError);
    });
  });

  describe('QPS budgets', () => {
    it('answers 400 Throttling.User over the read budget, and counts it', async () => {
      await start({ readQps: 2 });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await call(sdkClient(emu), 'ListDataAssetTags');
        statuses.push(res.status);
        if (res.status !== 200) expect(res.body.Code).toBe('Throttling.User');
      }
      const throttled = statuses.filter((s) => s === 400).length;
      expect(throttled).toBeGreaterThanOrEqual(1);
      expect(emu.calls()).toMatchObject({ throttled, readCalls: 5 });
      expect(emu.calls().byAction.ListDataAssetTags.throttled).toBe(throttled);
    });

    it('keeps reads and writes in separate budgets, changeable at run time', async () => {
      await start({ readQps: 1, writeQps: 1 });
      expect((await call(sdkClient(emu), 'ListDataAssetTags')).status).toBe(200);
      expect((await call(sdkClient(emu), 'TagDataAssets', TAG_ORDER)).status).toBe(200);
      expect(await call(sdkClient(emu), 'UnTagDataAssets', TAG_ORDER)).toMatchObject({ status: 400, body: { Code: 'Throttling.User' } });
      emu.setQps(0, 0);
      expect((await call(sdkClient(emu), 'UnTagDataAssets', TAG_ORDER)).status).toBe(200);
    });
  });

  describe('faults', () => {
    it('5xx: answers 503 ServiceUnavailable or 500 InternalError and applies nothing', async () => {
      await start({ faults: { failRate: 1, kinds: ['5xx'] } });
      const res = await call(sdkClient(emu), 'TagDataAssets', TAG_ORDER);
      expect([503, 500]).toContain(res.status);
      expect(res.body.Code).toBe(res.status === 503 ? 'ServiceUnavailable' : 'InternalError');
      expect(orderTags()).toEqual([]);
      expect(emu.calls()).toMatchObject({ faultsInjected: 1, faultsByKind: { '5xx': 1 }, succeeded: 0 });
    });

    it('reset: drops the connection before doing anything', async () => {
      await start({ faults: { failRate: 1, kinds: ['reset'] } });
      await expect(call(sdkClient(emu), 'TagDataAssets', TAG_ORDER)).rejects.toThrow();
      expect(orderTags()).toEqual([]);
      expect(emu.calls().faultsByKind.reset).toBe(1);
    });

    it('lostResponse: applies the write, then drops the connection without answering', async () => {
      await start({ faults: { failRate: 1, kinds: ['lostResponse'] } });
      await expect(call(sdkClient(emu), 'TagDataAssets', TAG_ORDER)).rejects.toThrow();
      expect(orderTags()).toEqual([expect.objectContaining({ key: 'pii', value: 'true' })]);
      expect(emu.calls().byAction.TagDataAssets).toMatchObject({ calls: 1, succeeded: 1, faults: 1 });
    });

    it('latency: holds the answer for latencyMs', async () => {
      await start({ faults: { failRate: 1, kinds: ['latency'], latencyMs: 300 } });
      await expect(call(sdkClient(emu), 'ListDataAssetTags', {}, { runtime: { readTimeout: 50 } })).rejects.toThrow(/timeout/i);
      emu.setFaults({ failRate: 1, kinds: ['latency'], latencyMs: 5 });
      expect((await call(sdkClient(emu), 'ListDataAssetTags', {}, { runtime: { readTimeout: 2000 } })).status).toBe(200);
      expect(emu.calls().faultsByKind.latency).toBe(2);
    });

    it('throttle: answers 400 Throttling.User, as an exhausted quota does, and applies nothing', async () => {
      await start({ faults: { failRate: 1, kinds: ['throttle'] } });
      expect(await call(sdkClient(emu), 'TagDataAssets', TAG_ORDER)).toMatchObject({ status: 400, body: { Code: 'Throttling.User' } });
      expect(orderTags()).toEqual([]);
      expect(emu.calls()).toMatchObject({ faultsByKind: { throttle: 1 }, succeeded: 0 });
    });

    it('rates: gives each kind its own share of the requests', async () => {
      await start({ faults: { rates: { '5xx': 0.25, throttle: 0.25 }, seed: 5 } });
      for (let i = 0; i < 200; i++) await call(sdkClient(emu), 'ListDataAssetTags');
      const { faultsByKind, succeeded } = emu.calls();
      // 50 each expected: far from 0 and from 100, whatever the seed
      for (const n of [faultsByKind['5xx'], faultsByKind.throttle]) expect(n).toBeGreaterThan(25);
      for (const n of [faultsByKind['5xx'], faultsByKind.throttle]) expect(n).toBeLessThan(75);
      expect(faultsByKind.reset + faultsByKind.lostResponse + faultsByKind.latency).toBe(0);
      expect(succeeded).toBe(200 - faultsByKind['5xx'] - faultsByKind.throttle);
    });

    it('refuses rates that add up to more than 1, or rates beside failRate', async () => {
      await expect(startEmulator({ faults: { rates: { '5xx': 0.6, reset: 0.6 } } })).rejects.toThrow(/the rates add up to more than 1/);
      await expect(startEmulator({ faults: { rates: { '5xx': 0.1 }, failRate: 0.1 } })).rejects.toThrow(/give either rates, or failRate and kinds/);
    });

    it('repeats the same faults for the same seed', async () => {
      await start({ faults: { failRate: 0.5, kinds: ['5xx'], seed: 42 } });
      const run = async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 12; i++) statuses.push((await call(sdkClient(emu), 'ListDataAssetTags')).status);
        return statuses;
      };
      const first = await run();
      expect(first.filter((s) => s === 200).length).toBeGreaterThan(0);
      expect(first.filter((s) => s !== 200).length).toBeGreaterThan(0);
      emu.setFaults({ failRate: 0.5, kinds: ['5xx'], seed: 42 });
      expect(await run()).toEqual(first);
    });

    it('stops when faults are cleared', async () => {
      await start({ faults: { failRate: 1, kinds: ['5xx'] } });
      emu.setFaults(undefined);
      expect((await call(sdkClient(emu), 'ListDataAssetTags')).status).toBe(200);
    });
  });

  describe('statistics', () => {
    it('counts reads and writes per action, and forgets them on resetStats', async () => {
      await start();
      await call(sdkClient(emu), 'ListDataAssets', { PageSize: 100 });
      await call(sdkClient(emu), 'TagDataAssets', TAG_ORDER);
      expect(emu.calls()).toMatchObject({ total: 2, readCalls: 1, writeCalls: 1, succeeded: 2, maxDataAssetIds: 1, maxTags: 1 });
      expect(emu.calls().byAction.TagDataAssets).toMatchObject({ calls: 1, succeeded: 1, maxDataAssetIds: 1, maxTags: 1 });
      emu.resetStats();
      expect(emu.calls()).toMatchObject({ total: 0, writeCalls: 0, byAction: {} });
    });
  });

  describe('admin endpoints', () => {
    const admin = async (method: 'GET' | 'POST', route: string, body?: unknown) => {
      const res = await fetch(`${emu.url}/__admin/${route}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    };

    it('serves state, calls and violations without a signature', async () => {
      await start({ expectViolations: ['delete-called'] });
      await call(sdkClient(emu), 'DeleteDataAssetTag', { Key: 'pii' });
      expect(await admin('GET', 'state')).toEqual({ status: 200, body: emu.catalog() });
      expect((await admin('GET', 'calls')).body).toMatchObject({ writeCalls: 1, byAction: { DeleteDataAssetTag: { calls: 1 } } });
      expect((await admin('GET', 'violations')).body).toEqual([expect.objectContaining({ kind: 'delete-called' })]);
    });

    it('sets faults and QPS, and resets statistics', async () => {
      await start();
      expect(await admin('POST', 'faults', { failRate: 1, kinds: ['5xx'] })).toEqual({ status: 200, body: { ok: true } });
      expect((await call(sdkClient(emu), 'ListDataAssetTags')).status).toBeGreaterThanOrEqual(500);
      await admin('POST', 'faults', null);
      await admin('POST', 'qps', { read: 1, write: 1 });
      await call(sdkClient(emu), 'ListDataAssetTags');
      expect((await call(sdkClient(emu), 'ListDataAssetTags')).body.Code).toBe('Throttling.User');
      await admin('POST', 'reset');
      expect((await admin('GET', 'calls')).body).toMatchObject({ total: 0 });
    });

    it('is never faulted, and refuses bad bodies and unknown routes', async () => {
      await start({ faults: { failRate: 1, kinds: ['reset'] } });
      expect((await admin('GET', 'calls')).status).toBe(200);
      expect(await admin('POST', 'faults', { failrate: 1 })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter' } });
      expect(await admin('POST', 'qps', { read: -1, write: 1 })).toMatchObject({ status: 400 });
      expect(await admin('GET', 'nope')).toMatchObject({ status: 404 });
    });
  });
});
