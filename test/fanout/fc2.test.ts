import { createFc2Invoker } from '../../shared/fanout/fc2';
import { InvocationError } from '../../shared/fanout/invoker';
import { startFcServer } from './loopback';

const credentials = { accessKeyId: 'STS.fc2-key', accessKeySecret: 'fc2-secret-value', securityToken: 'fc2-sts-token' };

describe('fanout/fc2', () => {
  describe('createFc2Invoker', () => {
    it('POSTs to the FC 2.0 path of the service, async, signed "FC <key>:<signature>" with the STS token', async () => {
      const server = await startFcServer(() => ({ status: 202, headers: { 'x-fc-request-id': 'fc2-req-1' } }));
      try {
        const invoker = createFc2Invoker({ accountId: '123', region: 'cn-hangzhou', serviceName: 'autotag', credentials, endpoint: server.endpoint });
        await expect(invoker.invokeAsync('shard', { mode: 'shard', shard: { source: 'tagged' } })).resolves.toEqual({ requestId: 'fc2-req-1' });
        const [req] = server.received;
        expect(req.method).toBe('POST');
        expect(req.url).toBe('/2016-08-15/services/autotag/functions/shard/invocations');
        expect(req.headers['x-fc-invocation-type']).toBe('Async');
        expect(req.headers['authorization']).toMatch(/^FC STS\.fc2-key:.+/);
        expect(req.headers['x-fc-security-token']).toBe('fc2-sts-token');
        expect(JSON.parse(req.body)).toEqual({ mode: 'shard', shard: { source: 'tagged' } });
      } finally {
        await server.close();
      }
    });

    it('reads the status from the client error: 429 is retryable, 403 is not', async () => {
      const server = await startFcServer((_r, i) => ({
        status: i === 0 ? 429 : 403,
        headers: { 'content-type': 'application/json', 'x-fc-request-id': `rid-${i}` },
        body: JSON.stringify({ ErrorCode: i === 0 ? 'ResourceThrottled' : 'AccessDenied', ErrorMessage: 'no' }),
      }));
      try {
        const invoker = createFc2Invoker({ accountId: '123', region: 'cn-hangzhou', serviceName: 'autotag', credentials, endpoint: server.endpoint });
        const throttled = await invoker.invokeAsync('shard', {}).catch((e: unknown) => e);
        const denied = await invoker.invokeAsync('shard', {}).catch((e: unknown) => e);
        expect(throttled).toBeInstanceOf(InvocationError);
        expect(throttled).toMatchObject({ serviceCode: 'ResourceThrottled', httpStatus: 429, requestId: 'rid-0', retryable: true });
        expect(denied).toMatchObject({ serviceCode: 'AccessDenied', httpStatus: 403, requestId: 'rid-1', retryable: false });
      } finally {
        await server.close();
      }
    });
  });
});
