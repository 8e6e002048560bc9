/**
 * The client against the DataWorks emulator over loopback: the real openapi-client signs and sends every
 * call, the emulator checks signatures, quotas and parameters and counts what it saw.
 */
import { inspect } from 'node:util';
import { fakeClock, systemClock, type Clock } from '../../shared/clock';
import {
  createApiLimiters,
  createDataWorksClient,
  resolveEndpoint,
  type ActionName,
  type ApiLimiters,
  type ClientOptions,
  type ResolvedEndpoint,
} from '../../shared/dataworks';
import { createTransport } from '../../shared/dataworks/transport';
import {
  AuthenticationError,
  DeadlineExceededError,
  ForbiddenActionError,
  InvalidInputError,
  InvalidRequestError,
  TransientError,
} from '../../shared/errors';
import { createLogger } from '../../shared/log';
import { FIXED_TASK, maxcomputeProjectEntityId, startEmulator, tableAssetId, type Emulator } from '../../emulator';

const TASK = 'ACS::DataWorks::Task' as const;
const STS = { accessKeyId: 'STS.autotagTest', accessKeySecret: 'stsSecret-Q2w3E4r5T6y7', securityToken: 'stsToken-CAIS-a1b2c3d4e5f6' };
const WRONG_SECRET = 'wrongSecret-Z9y8X7w6V5';

let emu: Emulator;
let endpoint: ResolvedEndpoint;
/** everything a test printed, logged or threw: checked for secrets at the end */
const seen: string[] = [];

function record(value: unknown): void {
  seen.push(typeof value === 'string' ? value : `${inspect(value, { depth: 12, showHidden: true })}\n${JSON.stringify(value)}`);
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e as Error,
  );
  record(error);
  record(error.message);
  return error;
}

function client(options: Partial<ClientOptions> = {}) {
  return createDataWorksClient({
    credentials: emu.credentials,
    endpoint,
    logger: createLogger({ level: 'debug', write: (line) => seen.push(line) }),
    limits: options.limiters ? undefined : { readQps: 1000, writeQps: 1000 },
    ...options,
  });
}

const writesOf = (action: ActionName) => emu.calls().byAction[action]?.calls ?? 0;

/** Also what reaches the process's output streams or the console while these tests run. */
function recordOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      record(String(chunk));
      return write(chunk, ...rest);
    }) as typeof stream.write);
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => args.forEach(record));
  }
}

beforeAll(async () => {
  recordOutput();
  emu = await startEmulator({ assets: 100, seed: 11, readQps: 0, writeQps: 0, credentials: [{ accessKeyId: 'LTAItest', accessKeySecret: 'emuSecret-H8j7K6l5M4n3' }, STS] });
  endpoint = resolveEndpoint({ endpoint: emu.url, env: {} });
});

afterAll(async () => {
  await emu?.stop();
  jest.restoreAllMocks();
});

beforeEach(() => {
  emu.resetStats();
  emu.setFaults(undefined);
  emu.setQps(0, 0);
});

describe('dataworks/client (emulator)', () => {
  describe('createDataWorksClient', () => {
    it('round-trips every operation', async () => {
      const api = client();
      const key = 'autotag-roundtrip';

      const keys = await api.listDataAssetTags({});
      expect(keys.items.map((k) => k.key)).toEqual(expect.arrayContaining(['classification', 'team']));

      await expect(api.createDataAssetTag({ key, values: ['a'], valueType: 'String', description: 'test' })).resolves.toEqual({
        requestId: expect.any(String),
      });
      await api.updateDataAssetTag({ key, values: ['a', 'b'] });
      expect((await api.listDataAssetTags({ key })).items).toEqual([expect.objectContaining({ key, values: ['a', 'b'] })]);

      const tasks = await api.listTasks({ projectId: FIXED_TASK.projectId, projectEnv: 'Prod', ids: [FIXED_TASK.id] });
      expect(tasks.items).toEqual([expect.objectContaining({ id: FIXED_TASK.id, name: FIXED_TASK.name, owner: FIXED_TASK.owner })]);

      const tables = await api.listTables({ parentMetaEntityId: maxcomputeProjectEntityId('sales_dw'), name: 'dim_customer' });
      expect(tables.items.map((t) => t.id)).toContain(tableAssetId('sales_dw', 'dim_customer'));
      const table = await api.getTable({ id: tableAssetId('sales_dw', 'dim_customer') });
      expect(table).toMatchObject({ name: 'dim_customer', owner: 'alice', projectId: 91234 });

      const assetId = String(FIXED_TASK.id);
      await api.tagDataAssets({ tags: [{ key, value: 'b' }], dataAssetIds: [assetId], dataAssetType: TASK, projectId: 91234, envType: 'Prod' });
      const tagged = await api.listDataAssets({ dataAssetIds: [assetId], dataAssetType: TASK });
      expect(tagged.items).toEqual([expect.objectContaining({ id: assetId, tags: [expect.objectContaining({ key, value: 'b' })] })]);

      await api.unTagDataAssets({ tags: [{ key, value: 'b' }], dataAssetIds: [assetId], dataAssetType: TASK });
      const after = await api.listDataAssets({ dataAssetIds: [assetId], dataAssetType: TASK });
      expect(after.items.flatMap((a) => a.tags).filter((t) => t.key === key)).toEqual([]);

      const expected = {
        ListDataAssetTags: 2,
        CreateDataAssetTag: 1,
        UpdateDataAssetTag: 1,
        ListTasks: 1,
        ListTables: 1,
        GetTable: 1,
        TagDataAssets: 1,
        ListDataAssets: 2,
        UnTagDataAssets: 1,
      };
      expect(api.metrics()).toEqual({ calls: expected, retries: 0, throttled: 0 });
      for (const [action, n] of Object.entries(expected)) expect(emu.calls().byAction[action]).toMatchObject({ calls: n, succeeded: n });
      expect(emu.violations()).toEqual([]);
    });

    it('works with an STS triple from a provider', async () => {
      const api = client({ credentials: async () => ({ ...STS }) });
      await expect(api.listDataAssetTags({ pageSize: 5 })).resolves.toMatchObject({ pageSize: 5 });
      expect(emu.calls().authFailures).toBe(0);
    });

    it('reports a wrong secret as AuthenticationError with a clear message, and does not retry it', async () => {
      const api = client({ credentials: { accessKeyId: 'LTAItest', accessKeySecret: WRONG_SECRET } });
      const error = await failure(api.listDataAssetTags({}));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error).toMatchObject({ serviceCode: 'SignatureDoesNotMatch', httpStatus: 403, requestId: expect.any(String) });
      expect(error.message).toMatch(/check that the AccessKey secret belongs to the AccessKey ID/);
      expect(emu.calls().authFailures).toBe(1);
      expect(api.metrics().retries).toBe(0);
    });

    it('reports a wrong STS token as AuthenticationError', async () => {
      const api = client({ credentials: { ...STS, securityToken: 'stsToken-not-the-right-one' } });
      const error = await failure(api.listDataAssetTags({}));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toMatch(/security token/);
    });

    it('retries a throttled call and succeeds, lowering the rate of its budget', async () => {
      emu.setQps(1, 0); // one read per second: the second read is throttled until the window moves on
      const limiters = createApiLimiters(systemClock, { readQps: 100, writeQps: 100 });
      const api = client({ limiters, retry: { maxAttempts: 10, baseDelayMs: 200, maxDelayMs: 800 } });
      await api.listDataAssetTags({});
      await expect(api.listDataAssetTags({})).resolves.toMatchObject({ items: expect.any(Array) });
      const metrics = api.metrics();
      expect(metrics.throttled).toBeGreaterThanOrEqual(1);
      expect(metrics.retries).toBe(metrics.throttled);
      expect(metrics.calls.ListDataAssetTags).toBe(2 + metrics.retries);
      expect(emu.calls().throttled).toBe(metrics.throttled);
      expect(limiters.read.currentRate()).toBeLessThan(100);
      expect(limiters.write.currentRate()).toBe(100);
    });

    it('retries server errors and connection resets', async () => {
      emu.setFaults({ failRate: 0.5, kinds: ['5xx', 'reset'], seed: 3 });
      const api = client({ clock: fakeClock(), retry: { maxAttempts: 10 } });
      for (let i = 0; i < 6; i++) await api.listDataAssetTags({ pageSize: 1 });
      expect(emu.calls().faultsInjected).toBeGreaterThan(0);
      expect(api.metrics().retries).toBe(emu.calls().faultsInjected);
    });

    it('turns a lost response into a retryable timeout', async () => {
      emu.setFaults({ latencyMs: 1500 });
      const api = client({ clock: fakeClock(), timeoutMs: 150, retry: { maxAttempts: 2 } });
      const error = await failure(api.listDataAssetTags({}));
      expect(error).toBeInstanceOf(TransientError);
      expect(error).toMatchObject({ serviceCode: 'RequestTimeout' });
      expect(api.metrics()).toMatchObject({ calls: { ListDataAssetTags: 2 }, retries: 1 });
    });

    it('does not retry an InvalidParameter: exactly one call reaches the service', async () => {
      const api = client();
      const error = await failure(
        api.tagDataAssets({ tags: [{ key: 'classification', value: 'nope' }], dataAssetIds: [String(FIXED_TASK.id)], dataAssetType: TASK }),
      );
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error).toMatchObject({ serviceCode: 'InvalidParameter.TagValue.NotExist', httpStatus: 400 });
      expect(writesOf('TagDataAssets')).toBe(1);
      expect(api.metrics()).toMatchObject({ calls: { TagDataAssets: 1 }, retries: 0 });
    });

    it('checks input before any call', async () => {
      const api = client();
      const error = await failure(api.tagDataAssets({ tags: [{ key: 'team', value: 'x' }], dataAssetIds: Array(101).fill('1'), dataAssetType: TASK }));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error.message).toMatch(/dataAssetIds: at most 100/);
      expect(emu.calls().total).toBe(0);
    });

    it('starts no call at or after the deadline, and no sleep ends past it', async () => {
      emu.setFaults({ failRate: 1, kinds: ['5xx'] });
      const clock = fakeClock(0);
      const sleeps: { from: number; ms: number }[] = [];
      const recording: Clock = { now: clock.now, sleep: (ms) => (sleeps.push({ from: clock.now(), ms }), clock.sleep(ms)) };
      const starts: number[] = [];
      const limiters = watched(createApiLimiters(recording, { readQps: 1000, writeQps: 1000 }), recording, starts);
      const api = client({ clock: recording, random: () => 0.999, deadline: 1000, limiters });

      const error = await failure(api.listDataAssetTags({}));
      expect(error).toBeInstanceOf(TransientError); // the last failure, not a bare "deadline"
      expect(sleeps.map((s) => s.from + s.ms).every((end) => end < 1000)).toBe(true);
      expect(starts.every((t) => t < 1000)).toBe(true);
      expect(starts).toHaveLength(3); // 0, 199, 598: a fourth would follow a sleep of 799 ms, past the deadline
      expect(emu.calls().byAction.ListDataAssetTags.calls).toBe(3);

      const late = client({ clock: fakeClock(5000), deadline: 1000 });
      expect(await failure(late.listDataAssetTags({}))).toBeInstanceOf(DeadlineExceededError);
      expect(emu.calls().byAction.ListDataAssetTags.calls).toBe(3);
    });

    it('keeps a burst of 200 writes under the write rate: the service throttles none', async () => {
      const rate = 50;
      emu.setQps(0, rate);
      const api = client({ clock: systemClock, limits: { readQps: 1000, writeQps: rate } });
      const key = 'autotag-burst';
      const ids = emu.catalog().tasks.map((t) => String(t.id));
      const write = (i: number) =>
        api.tagDataAssets({ tags: [{ key, value: `v${i % 7}` }], dataAssetIds: [ids[i % ids.length]], dataAssetType: TASK }).catch((e: unknown) => e);
      await api.createDataAssetTag({ key, values: [] });
      await Promise.all(Array.from({ length: 10 }, (_, i) => write(i))); // warm up the code paths and connections
      emu.resetStats();
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => write(i)));
      results.filter((r) => r instanceof Error).forEach(record);
      // every write reached the service (some may be refused as tag conflicts); none was throttled
      expect(emu.calls().throttled).toBe(0);
      expect(api.metrics().throttled).toBe(0);
      expect(writesOf('TagDataAssets')).toBe(200);
    }, 20_000);

    it('has no function for DeleteDataAssetTag', () => {
      const api = client();
      expect(Object.keys(api).filter((name) => /delete/i.test(name))).toEqual([]);
      expect((api as unknown as Record<string, unknown>).deleteDataAssetTag).toBeUndefined();
    });

    it('cannot be made to send DeleteDataAssetTag: the transport refuses the action name before anything else', async () => {
      const send = createTransport({ credentials: emu.credentials, endpoint, timeoutMs: 1000 });
      for (const action of ['DeleteDataAssetTag', 'deletedataassettag', ' DeleteDataAssetTag ']) {
        const error = await failure(send({ action: action as ActionName, method: 'POST', query: { Key: 'team' } }));
        expect(error).toBeInstanceOf(ForbiddenActionError);
      }
      expect(emu.calls().total).toBe(0);
      expect(emu.violations()).toEqual([]);
    });

    it('rejects unknown options', () => {
      expect(() => client({ timeout: 5 } as never)).toThrow(InvalidInputError);
      expect(() => client({ limits: { readQps: 5 }, limiters: createApiLimiters(systemClock) })).toThrow(/either limits or limiters/);
    });
  });

  // Runs last: everything recorded above, and the metrics, must be free of every secret used.
  describe('secrets', () => {
    it('appear in no output, log line, error message or error JSON', () => {
      const secrets = [emu.credentials.accessKeySecret, STS.accessKeySecret, STS.securityToken, WRONG_SECRET];
      expect(seen.length).toBeGreaterThan(10);
      for (const text of seen) for (const secret of secrets) expect(text).not.toContain(secret);
    });
  });
});

/** Limiters that record when each call is let through. */
function watched(limiters: ApiLimiters, clock: Clock, starts: number[]): ApiLimiters {
  const wrap = (limiter: ApiLimiters['read']) => ({
    ...limiter,
    currentRate: limiter.currentRate,
    throttled: limiter.throttled,
    acquire: async (deadline?: number) => {
      await limiter.acquire(deadline);
      starts.push(clock.now());
    },
  });
  return { read: wrap(limiters.read), write: wrap(limiters.write) };
}
