import { startEmulator, type Emulator } from '../../emulator';
import { call, rawCall, sdkClient, smallCatalog } from './client';

const KEY = { accessKeyId: 'LTAItestkey0001', accessKeySecret: 'secret-one-0123456789' };
const STS = { accessKeyId: 'STS.NTestRole0001', accessKeySecret: 'sts-secret-0123456789', securityToken: 'sts-token-abcdef' };

describe('emulator/auth', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ catalog: smallCatalog(), credentials: [KEY, STS] });
  });
  afterAll(() => emu.stop());

  describe('RequestAuthenticator.verify', () => {
    it('accepts a request the SDK signed with a known AccessKey', async () => {
      const res = await call(sdkClient(emu), 'ListDataAssetTags', { Key: 'pii' });
      expect(res.status).toBe(200);
      expect(res.body.PagingInfo.DataAssetTags).toHaveLength(1);
    });

    it('accepts an STS credential that sends its security token', async () => {
      const res = await call(sdkClient(emu, STS), 'ListDataAssetTags', {});
      expect(res.status).toBe(200);
    });

    it('answers 403 SignatureDoesNotMatch for a wrong secret', async () => {
      const res = await call(sdkClient(emu, { ...KEY, accessKeySecret: 'wrong-secret' }), 'ListDataAssetTags', {});
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ Code: 'SignatureDoesNotMatch', HostId: emu.endpoint });
      expect(typeof res.body.RequestId).toBe('string');
      expect(typeof res.body.Recommend).toBe('string');
    });

    it('answers 403 SignatureDoesNotMatch for an unsigned request', async () => {
      const res = await rawCall(emu, { action: 'ListDataAssetTags', tamper: (r) => delete r.headers.authorization });
      expect(res).toMatchObject({ status: 403, body: { Code: 'SignatureDoesNotMatch' } });
    });

    it('answers 403 SignatureDoesNotMatch when the query was changed after signing', async () => {
      const res = await rawCall(emu, { action: 'ListDataAssetTags', query: { Key: 'pii' }, tamper: (r) => (r.wireQuery = 'Key=layer') });
      expect(res).toMatchObject({ status: 403, body: { Code: 'SignatureDoesNotMatch' } });
    });

    it('verifies the decoded query, so characters the SDK leaves raw on the wire still match', async () => {
      const res = await call(sdkClient(emu), 'ListDataAssets', { Name: "x (a)*!'~ é" });
      expect(res.status).toBe(200);
    });

    it('answers 403 SignatureDoesNotMatch when an x-acs- header is left out of SignedHeaders', async () => {
      const res = await rawCall(emu, {
        action: 'ListDataAssetTags',
        tamper: (r) => {
          r.headers['x-acs-extra'] = '1';
        },
      });
      expect(res).toMatchObject({ status: 403, body: { Code: 'SignatureDoesNotMatch' } });
      expect(res.body.Message).toContain('x-acs-extra');
    });

    it('answers 404 InvalidAccessKeyId.NotFound for an unknown AccessKey', async () => {
      const res = await call(sdkClient(emu, { accessKeyId: 'LTAIunknown', accessKeySecret: 'x' }), 'ListDataAssetTags', {});
      expect(res).toMatchObject({ status: 404, body: { Code: 'InvalidAccessKeyId.NotFound' } });
    });

    it('refuses an STS credential without its security token', async () => {
      const res = await rawCall(emu, { action: 'ListDataAssetTags', credentials: { accessKeyId: STS.accessKeyId, accessKeySecret: STS.accessKeySecret } });
      expect(res).toMatchObject({ status: 403, body: { Code: 'InvalidSecurityToken.MismatchWithAccessKey' } });
    });

    it('answers 400 InvalidTimeStamp.Expired for a date more than 15 minutes off', async () => {
      const res = await rawCall(emu, { action: 'ListDataAssetTags', date: '2025-01-01T00:00:00Z' });
      expect(res).toMatchObject({ status: 400, body: { Code: 'InvalidTimeStamp.Expired' } });
    });

    it('answers 400 SignatureNonceUsed when a nonce is reused by the same AccessKey', async () => {
      const nonce = `reuse-${Date.now()}`;
      expect((await rawCall(emu, { action: 'ListDataAssetTags', nonce })).status).toBe(200);
      const again = await rawCall(emu, { action: 'ListDataAssetTags', nonce });
      expect(again).toMatchObject({ status: 400, body: { Code: 'SignatureNonceUsed' } });
    });

    it('counts refused requests as auth failures', async () => {
      emu.resetStats();
      await call(sdkClient(emu, { ...KEY, accessKeySecret: 'wrong-secret' }), 'ListDataAssetTags', {});
      expect(emu.calls()).toMatchObject({ authFailures: 1, succeeded: 0 });
    });
  });

  describe('dispatch', () => {
    it('answers 404 InvalidApi.NotFound for an action the service does not have', async () => {
      const res = await call(sdkClient(emu), 'GetTask', { Id: '1' });
      expect(res).toMatchObject({ status: 404, body: { Code: 'InvalidApi.NotFound' } });
    });

    it('answers 404 InvalidApi.NotFound for another API version', async () => {
      const res = await rawCall(emu, { action: 'ListDataAssetTags', version: '2020-05-18' });
      expect(res).toMatchObject({ status: 404, body: { Code: 'InvalidApi.NotFound' } });
    });

    it('dispatches on x-acs-action whatever the path', async () => {
      const res = await call(sdkClient(emu), 'ListDataAssetTags', { Key: 'pii' }, { pathname: '/api/v1/data-governance/tags' });
      expect(res.body.PagingInfo.DataAssetTags[0].Key).toBe('pii');
    });

    it('answers 400 InvalidParameter for a parameter given twice', async () => {
      const res = await rawCall(emu, { action: 'ListDataAssetTags', wireQuery: 'Key=pii&Key=layer' });
      expect(res).toMatchObject({ status: 400, body: { Code: 'InvalidParameter' } });
      expect(res.body.Message).toContain('Key');
    });

    it('answers 400 InvalidParameter for a parameter the action does not take', async () => {
      const res = await call(sdkClient(emu), 'ListDataAssetTags', { Keys: 'pii' });
      expect(res).toMatchObject({ status: 400, body: { Code: 'InvalidParameter' } });
      expect(res.body.Message).toContain('Keys');
    });
  });
});
