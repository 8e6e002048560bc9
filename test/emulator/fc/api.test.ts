import { Readable } from 'node:stream';
import OpenApi, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import { RuntimeOptions } from '@alicloud/tea-util';
import { startLocalFc, ASYNC_PAYLOAD_LIMIT, type LocalFc } from '../../../emulator/fc';
import { InvalidInputError } from '../../../shared/errors';
import { createFc2Invoker, createFc3Invoker, InvocationError } from '../../../shared/fanout';
import { CALLER, fixtureBundle, ROLE, STS_CALLER } from '../../support/local-fc';

/** An InvokeFunction call through @alicloud/openapi-client, the way shared/fanout's FC 3.0 invoker makes it, with any headers. */
async function invoke3(fc: LocalFc, name: string, body: Buffer | string, headers: Record<string, string>, credentials = CALLER) {
  const client = new OpenApi(new Config({ ...credentials, endpoint: fc.endpoint.endpoint, protocol: 'HTTP', regionId: fc.region }));
  const params = new Params({ action: 'InvokeFunction', version: '2023-03-30', protocol: 'HTTP', pathname: `/2023-03-30/functions/${name}/invocations`, method: 'POST', authType: 'AK', style: 'ROA', reqBodyType: 'binary', bodyType: 'string' });
  try {
    const res = await client.callApi(params, new OpenApiRequest({ headers, stream: Readable.from([Buffer.from(body)]) }), new RuntimeOptions({ autoretry: false }));
    return { status: res.statusCode as number, headers: res.headers as Record<string, string>, body: res.body as string };
  } catch (e) {
    const err = e as { code?: string; data?: { statusCode?: number; Message?: string; RequestId?: string } };
    return { status: err.data?.statusCode ?? 0, code: err.code, data: err.data };
  }
}

describe('emulator/fc API (InvokeFunction)', () => {
  let fc: LocalFc;
  beforeAll(async () => {
    fc = await startLocalFc({
      callers: [CALLER, STS_CALLER],
      functions: [
        { name: 'worker', bundle: fixtureBundle('behave'), timeout: 10, maxAsyncRetryAttempts: 0, service: 'autotag' },
        { name: 'tasks', bundle: fixtureBundle('behave'), timeout: 10, maxAsyncRetryAttempts: 0, asyncTask: true },
        { name: 'echo', bundle: fixtureBundle('echo'), timeout: 10, role: ROLE, env: { AUTOTAG_RULES: 'rules/x.yaml' } },
      ],
    });
  });
  afterAll(() => fc.stop());
  const record = (requestId: string | undefined) => fc.invocations().filter((r) => r.requestId === requestId);

  describe('FC 3.0 (POST /2023-03-30/functions/{name}/invocations)', () => {
    it('createFc3Invoker reaches it: its ACS3 signature verifies, the call is queued (202) and run once', async () => {
      const invoker = createFc3Invoker({ accountId: fc.accountId, region: fc.region, credentials: STS_CALLER, endpoint: fc.endpoint });
      const { requestId } = await invoker.invokeAsync('worker', { mode: 'shard', n: 1 });
      expect(requestId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
      await fc.waitIdle();
      const [r] = record(requestId);
      expect(r).toMatchObject({ functionName: 'worker', invocationType: 'Async', via: 'fc3-api', caller: STS_CALLER.accessKeyId, status: 'succeeded', delivery: 1 });
      expect(JSON.parse(r.payload.toString())).toEqual({ mode: 'shard', n: 1 });
      expect(r.attempts).toHaveLength(1);
      expect(r.attempts[0]).toMatchObject({ outcome: 'succeeded', instanceId: expect.stringMatching(/^c-worker-\d+$/), durationMs: expect.any(Number) });
      // the instance's peak resident set, read inside it when the handler ended: a Node process holds tens of MiB
      expect(r.attempts[0].peakRssMiB).toBeGreaterThan(10);
      expect(r.result).toMatchObject({ ok: true, payload: { mode: 'shard', n: 1 } });
    });

    it("keeps a function that logs faster than its logs are read waiting, as FC's log pipe does, not queueing them in its memory", async () => {
      // 96 MiB of log lines written in one synchronous loop: queued in the instance, they would lift its peak past 96 MiB
      const log = { lines: 3072, bytes: 32 * 1024 };
      const { requestId } = await createFc3Invoker({ accountId: fc.accountId, region: fc.region, credentials: STS_CALLER, endpoint: fc.endpoint }).invokeAsync('worker', { log });
      await fc.waitIdle();
      const [attempt] = record(requestId)[0].attempts;
      expect(attempt.outcome).toBe('succeeded');
      // every line whole, with this invocation (after its instance's cold start line, if it started one)
      const lines = attempt.logs.filter((line) => !line.startsWith('cold start'));
      expect(lines).toHaveLength(log.lines);
      expect(lines.every((line) => line.length === log.bytes)).toBe(true);
      expect(attempt.peakRssMiB).toBeLessThan(96);
    });

    it('answers a sync invocation with the handler’s result', async () => {
      const res = await invoke3(fc, 'worker', '{"text":"hello"}', { 'x-fc-invocation-type': 'Sync' });
      expect(res).toMatchObject({ status: 200, body: 'hello' });
      expect(res.headers?.['x-fc-request-id']).toMatch(/^1-/);
    });

    it('answers a failed sync invocation 200 with x-fc-error-type and the error', async () => {
      const res = await invoke3(fc, 'worker', '{"fail":"sync"}', {});
      expect(res.status).toBe(200);
      expect(res.headers?.['x-fc-error-type']).toBe('UnhandledInvocationError');
      expect(JSON.parse(res.body!)).toMatchObject({ errorMessage: 'told to fail (sync)', errorType: 'TypeError', stackTrace: expect.any(Array) });
      expect(record(res.headers?.['x-fc-request-id'])).toEqual([expect.objectContaining({ invocationType: 'Sync', status: 'failed', attempts: [expect.objectContaining({ outcome: 'error' })] })]);
    });

    it('hands the function its context and the environment FC sets at cold start, and tails its log when asked', async () => {
      const res = await invoke3(fc, 'echo', 'payload', { 'x-fc-log-type': 'Tail' });
      const answer = JSON.parse(res.body!);
      const requestId = res.headers?.['x-fc-request-id'];
      expect(Buffer.from(res.headers?.['x-fc-log-result'] ?? '', 'base64').toString()).toContain(`echo ${requestId}`);
      expect(record(requestId)[0].attempts[0].logs).toEqual([expect.stringMatching(new RegExp(`^\\S+ ${requestId} \\[INFO\\] echo 1$`)), `echo ${requestId}`]);
      expect(answer.event).toBe('payload');
      expect(answer.context).toMatchObject({ credentials: { accessKeyId: ROLE.accessKeyId, securityToken: ROLE.securityToken }, function: { name: 'echo', timeout: 10, memory: 512 }, accountId: fc.accountId, region: fc.region });
      expect(answer.env).toMatchObject({
        AUTOTAG_RULES: 'rules/x.yaml',
        FC_FUNCTION_NAME: 'echo',
        FC_ACCOUNT_ID: fc.accountId,
        FC_REGION: fc.region,
        ALIBABA_CLOUD_ACCESS_KEY_ID: ROLE.accessKeyId,
        ALIBABA_CLOUD_SECURITY_TOKEN: ROLE.securityToken,
        FC_INSTANCE_ID: expect.stringMatching(/^c-echo-/),
      });
      expect(Object.keys(answer.env).filter((k) => !/^(FC_|ALIBABA_CLOUD_|AUTOTAG_)/.test(k))).toEqual([]);
    });

    it('refuses a wrong secret with 403 SignatureNotMatch, through the invoker as a non-retryable InvocationError', async () => {
      const invoker = createFc3Invoker({ accountId: fc.accountId, region: fc.region, credentials: { ...CALLER, accessKeySecret: 'wrong' }, endpoint: fc.endpoint });
      const error = await invoker.invokeAsync('worker', {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvocationError);
      expect(error).toMatchObject({ serviceCode: 'SignatureNotMatch', httpStatus: 403, retryable: false, requestId: expect.stringMatching(/^1-/) });
    });

    it('answers 404 FunctionNotFound for a function it does not have', async () => {
      const invoker = createFc3Invoker({ accountId: fc.accountId, region: fc.region, credentials: CALLER, endpoint: fc.endpoint });
      await expect(invoker.invokeAsync('nope', {})).rejects.toMatchObject({ serviceCode: 'FunctionNotFound', httpStatus: 404 });
    });

    it('refuses an async payload over 128 KB with 400 EntityTooLarge, and takes it synchronously', async () => {
      const big = JSON.stringify({ text: 'x'.repeat(ASYNC_PAYLOAD_LIMIT) });
      expect(await invoke3(fc, 'worker', big, { 'x-fc-invocation-type': 'Async' })).toMatchObject({ status: 400, code: 'EntityTooLarge', data: { Message: `payload size exceeds maximum allowed size (${ASYNC_PAYLOAD_LIMIT} bytes)` } });
      expect((await invoke3(fc, 'worker', big, { 'x-fc-invocation-type': 'Sync' })).status).toBe(200);
    });

    it('refuses a repeated x-fc-async-task-id with 409 when the function has async tasks, and ignores it otherwise', async () => {
      const headers = { 'x-fc-invocation-type': 'Async', 'x-fc-async-task-id': 'continuation-run1-7' };
      const first = await invoke3(fc, 'tasks', '{}', headers);
      expect(first).toMatchObject({ status: 202, headers: { 'x-fc-async-task-id': 'continuation-run1-7' } });
      expect(await invoke3(fc, 'tasks', '{}', headers)).toMatchObject({ status: 409, code: 'AsyncTaskAlreadyExists' });
      expect((await invoke3(fc, 'worker', '{}', headers)).status).toBe(202);
      expect((await invoke3(fc, 'worker', '{}', headers)).status).toBe(202);
      expect(await invoke3(fc, 'tasks', '{}', { ...headers, 'x-fc-async-task-id': '9-starts-with-a-digit' })).toMatchObject({ status: 400, code: 'InvalidArgument' });
      await fc.waitIdle();
      expect(fc.invocations().filter((r) => r.asyncTaskId === 'continuation-run1-7')).toHaveLength(1);
    });
  });

  describe('FC 2.0 (POST /2016-08-15/services/{service}/functions/{fn}/invocations)', () => {
    it('createFc2Invoker reaches it: its `FC <id>:<signature>` verifies, the call is queued and run', async () => {
      const invoker = createFc2Invoker({ accountId: fc.accountId, region: fc.region, serviceName: 'autotag', credentials: STS_CALLER, endpoint: fc.endpoint });
      const { requestId } = await invoker.invokeAsync('worker', { mode: 'shard', via: 'fc2' });
      await fc.waitIdle();
      expect(record(requestId)).toEqual([expect.objectContaining({ via: 'fc2-api', caller: STS_CALLER.accessKeyId, status: 'succeeded', invocationType: 'Async' })]);
    });

    it('refuses a wrong secret (403 SignatureNotMatch) and names a missing service or function (404)', async () => {
      const wrong = createFc2Invoker({ accountId: fc.accountId, region: fc.region, serviceName: 'autotag', credentials: { ...CALLER, accessKeySecret: 'wrong' }, endpoint: fc.endpoint });
      await expect(wrong.invokeAsync('worker', {})).rejects.toMatchObject({ serviceCode: 'SignatureNotMatch', httpStatus: 403, retryable: false });
      const other = createFc2Invoker({ accountId: fc.accountId, region: fc.region, serviceName: 'elsewhere', credentials: CALLER, endpoint: fc.endpoint });
      await expect(other.invokeAsync('worker', {})).rejects.toMatchObject({ serviceCode: 'ServiceNotFound', httpStatus: 404 });
      const right = createFc2Invoker({ accountId: fc.accountId, region: fc.region, serviceName: 'autotag', credentials: CALLER, endpoint: fc.endpoint });
      await expect(right.invokeAsync('echo', {})).rejects.toMatchObject({ serviceCode: 'FunctionNotFound', httpStatus: 404 });
    });
  });

  it('answers 400 PathNotSupported for any other path', async () => {
    const res = await fetch(`${fc.url}/2023-03-30/functions`, { method: 'GET' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ Code: 'PathNotSupported', RequestId: expect.stringMatching(/^1-/) });
  });

  it('refuses options it cannot honour before starting, naming the field', async () => {
    await expect(startLocalFc({ callers: [] })).rejects.toThrow(InvalidInputError);
    const error = await startLocalFc({ callers: [CALLER], functions: [{ name: 'f', bundle: 'dist/f/index.js', timeout: 3 }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues).toEqual([expect.objectContaining({ field: 'function.bundle', message: 'must be an absolute path' })]);
  });
});
