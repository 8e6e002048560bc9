import { createFc3Invoker } from '../../shared/fanout/fc3';
import { InvocationError, MAX_ASYNC_PAYLOAD_BYTES } from '../../shared/fanout/invoker';
import { InvalidInputError } from '../../shared/errors';
import { startFcServer, type Answer } from './loopback';

const credentials = { accessKeyId: 'STS.test-key', accessKeySecret: 'test-secret-value', securityToken: 'test-sts-token' };
const queued: Answer = { status: 202, headers: { 'x-fc-request-id': 'fc-req-1', 'content-type': 'application/json' } };

async function withServer(answer: () => Answer, test: (s: Awaited<ReturnType<typeof startFcServer>>) => Promise<void>) {
  const server = await startFcServer(answer);
  try {
    await test(server);
  } finally {
    await server.close();
  }
}

describe('fanout/fc3', () => {
  describe('createFc3Invoker', () => {
    it('POSTs the payload to /2023-03-30/functions/{name}/invocations as an async, ACS3-signed call', () =>
      withServer(
        () => queued,
        async (server) => {
          const invoker = createFc3Invoker({ accountId: '123', region: 'cn-hangzhou', credentials, endpoint: server.endpoint });
          const payload = { ruleSet: 'default', mode: 'shard', shard: { source: 'tagged' } };
          await expect(invoker.invokeAsync('autotag-scheduled', payload)).resolves.toEqual({ requestId: 'fc-req-1' });
          const [req] = server.received;
          expect(req.method).toBe('POST');
          expect(req.url).toBe('/2023-03-30/functions/autotag-scheduled/invocations');
          expect(req.headers['x-fc-invocation-type']).toBe('Async');
          expect(req.headers['authorization']).toMatch(/^ACS3-HMAC-SHA256 Credential=STS\.test-key,SignedHeaders=[^,]+,Signature=[0-9a-f]{64}$/);
          expect(req.headers['x-acs-security-token']).toBe('test-sts-token');
          expect(req.headers['x-acs-action']).toBe('InvokeFunction');
          expect(req.headers['x-acs-version']).toBe('2023-03-30');
          expect(JSON.parse(req.body)).toEqual(payload);
        },
      ));

    it('asks a credentials provider at each call', () =>
      withServer(
        () => queued,
        async (server) => {
          let asked = 0;
          const provider = async () => ({ accessKeyId: `AK${++asked}`, accessKeySecret: 's-' + asked });
          const invoker = createFc3Invoker({ accountId: '123', region: 'cn-hangzhou', credentials: provider, endpoint: server.endpoint });
          await invoker.invokeAsync('f', {});
          await invoker.invokeAsync('f', {});
          expect(server.received.map((r) => /Credential=(\w+)/.exec(String(r.headers['authorization']))?.[1])).toEqual(['AK1', 'AK2']);
        },
      ));

    it.each([
      [429, 'TooManyRequests', true],
      [503, 'ServiceUnavailable', true],
      [403, 'AccessDenied', false],
      [404, 'FunctionNotFound', false],
    ])('turns HTTP %i (%s) into an InvocationError, retryable: %s', (status, code, retryable) =>
      withServer(
        () => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Code: code, Message: 'no', RequestId: 'rid-9' }) }),
        async (server) => {
          const invoker = createFc3Invoker({ accountId: '123', region: 'cn-hangzhou', credentials, endpoint: server.endpoint });
          const error = await invoker.invokeAsync('f', {}).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(InvocationError);
          expect(error).toMatchObject({ code: 'FANOUT_INVOKE_FAILED', serviceCode: code, httpStatus: status, requestId: 'rid-9', retryable });
          expect(JSON.stringify(error)).not.toContain('test-secret-value');
        },
      ));

    it('refuses a payload over the async limit before calling', () =>
      withServer(
        () => queued,
        async (server) => {
          const invoker = createFc3Invoker({ accountId: '123', region: 'cn-hangzhou', credentials, endpoint: server.endpoint });
          await expect(invoker.invokeAsync('f', { big: 'x'.repeat(MAX_ASYNC_PAYLOAD_BYTES) })).rejects.toThrow(InvalidInputError);
          expect(server.received).toEqual([]);
        },
      ));

    it('reports a refused connection as a retryable InvocationError', async () => {
      const server = await startFcServer(() => queued);
      await server.close();
      const invoker = createFc3Invoker({ accountId: '123', region: 'cn-hangzhou', credentials, endpoint: server.endpoint });
      await expect(invoker.invokeAsync('f', {})).rejects.toMatchObject({ retryable: true, httpStatus: undefined });
    });
  });
});
