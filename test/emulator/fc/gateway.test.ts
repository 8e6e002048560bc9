import { startLocalFc, type HttpTrigger, type LocalFc } from '../../../emulator/fc';
import { sha256Hex } from '../../../emulator/signature';
import { CALLER, fixtureBundle, ROLE, signedTriggerHeaders, signedTriggerRequest, STS_CALLER, triggerRequest } from '../../support/local-fc';

describe('emulator/fc gateway (HTTP trigger, authType: function)', () => {
  let fc: LocalFc;
  let trigger: HttpTrigger;
  beforeAll(async () => {
    fc = await startLocalFc({
      callers: [CALLER, STS_CALLER],
      functions: [{ name: 'web', bundle: fixtureBundle('http-echo'), timeout: 10, memory: 256, role: ROLE, maxAsyncRetryAttempts: 0 }],
    });
    trigger = await fc.startHttpTrigger('web');
  });
  afterAll(() => fc.stop());

  const signed = { credentials: CALLER };

  describe('a request signed as the official sample signs it', () => {
    it('reaches the handler as the FC 3.0 HTTP event, with FC’s context', async () => {
      const res = await signedTriggerRequest(`${trigger.url}/runs/a%20b?dryRun=true&q=a%20%2B%20b`, signed, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'autotag-test/1', 'x-custom-thing': 'v' },
        body: '{"ruleSet":"pii"}',
      });
      expect(res.status).toBe(201);
      const { event, context } = res.json();
      expect(event).toMatchObject({
        version: 'v1',
        rawPath: '/runs/a%20b',
        queryParameters: { dryRun: 'true', q: 'a + b' },
        body: '{"ruleSet":"pii"}',
        isBase64Encoded: false,
        requestContext: {
          accountId: fc.accountId,
          domainName: trigger.domainName,
          domainPrefix: trigger.domainName.split('.')[0],
          http: { method: 'POST', path: '/runs/a b', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'autotag-test/1' },
        },
      });
      expect(event.headers).toMatchObject({ 'Content-Type': 'application/json', 'User-Agent': 'autotag-test/1', 'X-Custom-Thing': 'v', 'X-Acs-Date': expect.any(String) });
      expect(event.headers.Authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAIcallerkey0001,SignedHeaders=x-acs-date;x-acs-security-token,Signature=/);
      expect(event.headers).not.toHaveProperty('Host');
      expect(event.requestContext.requestId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
      expect(event.requestContext.timeEpoch).toMatch(/^\d{13}$/);
      expect(event.requestContext.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(context).toEqual({
        requestId: event.requestContext.requestId,
        credentials: { accessKeyId: ROLE.accessKeyId, accessKeySecret: ROLE.accessKeySecret, securityToken: ROLE.securityToken },
        function: { name: 'web', handler: 'index.handler', memory: 256, timeout: 10 },
        service: { logProject: '', logStore: '', qualifier: 'LATEST', versionId: '' },
        region: fc.region,
        accountId: fc.accountId,
      });
      expect(res.headers['x-fc-request-id']).toBe(event.requestContext.requestId);
    });

    it('verifies a path with `$` as the sample signs it (escaped to %24)', async () => {
      const res = await signedTriggerRequest(`${trigger.url}/price$list`, signed);
      expect(res.status).toBe(201);
      expect(res.json().event.rawPath).toBe('/price$list');
    });

    it('maps the returned struct to the response and drops the headers FC reserves', async () => {
      const res = await signedTriggerRequest(`${trigger.url}/x`, signed);
      expect(res.status).toBe(201);
      expect(res.headers['x-echo']).toBe('yes');
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.headers['x-fc-forged']).toBeUndefined();
      expect(res.headers['date']).not.toBe('never');
    });

    it('decodes a base64 body the handler returns, and sends a bare result as a 200 body', async () => {
      const binary = await signedTriggerRequest(`${trigger.url}/binary`, signed);
      expect(binary.status).toBe(200);
      expect([...binary.body]).toEqual([0, 1, 2, 255]);
      const plain = await signedTriggerRequest(`${trigger.url}/plain`, signed);
      expect([plain.status, plain.body.toString()]).toEqual([200, 'just text']);
    });

    it('hands a binary request body over base64-encoded', async () => {
      const res = await signedTriggerRequest(`${trigger.url}/up`, signed, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0xff, 0, 0x10]) });
      expect(res.json().event).toMatchObject({ body: Buffer.from([0xff, 0, 0x10]).toString('base64'), isBase64Encoded: true });
    });

    it('accepts an STS caller that signs its security token', async () => {
      const res = await signedTriggerRequest(`${trigger.url}/sts`, { credentials: STS_CALLER });
      expect(res.status).toBe(201);
      expect(fc.invocations().at(-1)).toMatchObject({ via: 'http-trigger', caller: STS_CALLER.accessKeyId, invocationType: 'Sync', status: 'succeeded' });
    });

    it('checks the body when the caller declares its hash in x-acs-content-sha256', async () => {
      const url = `${trigger.url}/hashed`;
      const body = '{"a":1}';
      const headers = () => signedTriggerHeaders('POST', url, { ...signed, contentSha256: sha256Hex(body) });
      expect((await triggerRequest(url, { method: 'POST', headers: headers(), body })).status).toBe(201);
      const tampered = await triggerRequest(url, { method: 'POST', headers: headers(), body: '{"a":2}' });
      expect(tampered.status).toBe(403);
      expect(tampered.json()).toMatchObject({ ErrorCode: 'SignatureNotMatch' });
    });

    it('queues the request when it asks for an async invocation: 202 and no function output', async () => {
      const res = await signedTriggerRequest(`${trigger.url}/later`, signed, { headers: { 'x-fc-invocation-type': 'Async' } });
      expect(res.status).toBe(202);
      expect(res.body.length).toBe(0);
      await fc.waitIdle(20_000);
      const record = fc.invocations().find((r) => r.requestId === res.headers['x-fc-request-id']);
      expect(record).toMatchObject({ invocationType: 'Async', status: 'succeeded', result: { statusCode: 201 } });
      expect(JSON.parse(record!.payload.toString()).rawPath).toBe('/later');
    });

    it('answers 502 with the error type when the handler fails', async () => {
      const res = await signedTriggerRequest(`${trigger.url}/fail`, signed);
      expect(res.status).toBe(502);
      expect(res.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
      expect(res.json()).toMatchObject({ errorMessage: 'the handler failed', errorType: 'Error' });
    });
  });

  describe('refuses, before the function runs,', () => {
    const invocationsBefore = () => fc.invocations().length;

    it.each([
      ['an unsigned request', () => ({}), 403, 'AccessDenied'],
      ['a wrong secret', () => signedTriggerHeaders('GET', `${trigger.url}/x`, { credentials: { ...CALLER, accessKeySecret: 'not-the-secret' } }), 403, 'SignatureNotMatch'],
      ['an unknown AccessKey', () => signedTriggerHeaders('GET', `${trigger.url}/x`, { credentials: { accessKeyId: 'LTAInobody', accessKeySecret: 'x' } }), 403, 'InvalidAccessKeyID'],
      ['a date more than 15 minutes old', () => signedTriggerHeaders('GET', `${trigger.url}/x`, { ...signed, date: new Date(Date.now() - 16 * 60_000).toISOString() }), 403, 'RequestTimeTooSkewed'],
      ['a signed request without its date', () => ({ ...signedTriggerHeaders('GET', `${trigger.url}/x`, signed), 'x-acs-date': undefined }), 400, 'MissingRequiredHeader'],
      ['an STS key without its token', () => signedTriggerHeaders('GET', `${trigger.url}/x`, { credentials: { ...STS_CALLER, securityToken: undefined } }), 403, 'AccessDenied'],
      ['a Bearer token in Authorization', () => ({ authorization: 'Bearer abc', 'x-acs-date': new Date().toISOString() }), 403, 'SignatureNotMatch'],
    ])('%s', async (_what, headers, status, code) => {
      const before = invocationsBefore();
      const clean = Object.fromEntries(Object.entries(headers()).filter(([, v]) => v !== undefined)) as Record<string, string>;
      const res = await triggerRequest(`${trigger.url}/x`, { headers: clean });
      expect(res.status).toBe(status);
      expect(res.json()).toMatchObject({ ErrorCode: code, ErrorMessage: expect.any(String) });
      expect(res.headers['x-fc-request-id']).toMatch(/^1-/);
      expect(invocationsBefore()).toBe(before);
    });

    it('a request whose query was changed after signing', async () => {
      const headers = signedTriggerHeaders('GET', `${trigger.url}/x?dryRun=true`, signed);
      const res = await triggerRequest(`${trigger.url}/x?dryRun=false`, { headers });
      expect(res.status).toBe(403);
      expect(res.json().ErrorCode).toBe('SignatureNotMatch');
    });

    it('a request whose path was changed after signing', async () => {
      const headers = signedTriggerHeaders('GET', `${trigger.url}/rules`, signed);
      expect((await triggerRequest(`${trigger.url}/runs`, { headers })).status).toBe(403);
    });

    it('the stale-date message names both times, as FC’s FAQ shows it', async () => {
      const date = '2025-01-01T00:00:00Z';
      const res = await triggerRequest(`${trigger.url}/x`, { headers: signedTriggerHeaders('GET', `${trigger.url}/x`, { ...signed, date }) });
      expect(res.json().ErrorMessage).toMatch(/^the difference between the request time 'Wed, 01 Jan 2025 00:00:00 GMT' and the current time '.+ GMT' is too large$/);
    });
  });

  it('an anonymous trigger runs the function for an unsigned request; repeated headers and query keys are comma-joined', async () => {
    const open = await fc.startHttpTrigger('web', { authType: 'anonymous' });
    try {
      const res = await triggerRequest(`${open.url}/open?tag=x&tag=y`, { headers: { 'x-many': ['1', '2'] } });
      expect(res.status).toBe(201);
      expect(res.json().event).toMatchObject({ rawPath: '/open', queryParameters: { tag: 'x,y' }, headers: { 'X-Many': '1,2' } });
    } finally {
      await open.stop();
    }
  });
});
