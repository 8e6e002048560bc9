/**
 * The CLI's HTTP-trigger signer against the test vectors research.md §1 computed with FC's official
 * Node.js sample (`@alicloud/openapi-util` getAuthorization, POST /hello?foo=bar, secret TESTSECRET).
 */
import { signTriggerRequest } from '../../cli/remote/sign';

const url = 'https://autotag-http-abcdefghij.cn-hangzhou.fcapp.run/hello?foo=bar';
const date = '2025-01-01T00:00:00Z';

describe('cli/remote signTriggerRequest', () => {
  it('signs an AccessKey pair as the official sample does (vector C), the empty token signed too', () => {
    expect(signTriggerRequest({ method: 'POST', url, credentials: { accessKeyId: 'TESTAK', accessKeySecret: 'TESTSECRET' }, date })).toEqual({
      'x-acs-date': date,
      'x-acs-security-token': '',
      authorization: 'ACS3-HMAC-SHA256 Credential=TESTAK,SignedHeaders=x-acs-date;x-acs-security-token,Signature=8f7fcc8db8a8ef3bb69ec0e50baa5c4915a769f709831a0c58ff4b4db21063be',
    });
  });

  it('signs an STS triple with its token (vector D)', () => {
    const headers = signTriggerRequest({ method: 'POST', url, credentials: { accessKeyId: 'STS.TESTAK', accessKeySecret: 'TESTSECRET', securityToken: 'TESTTOKEN' }, date });
    expect(headers['x-acs-security-token']).toBe('TESTTOKEN');
    expect(headers.authorization).toBe('ACS3-HMAC-SHA256 Credential=STS.TESTAK,SignedHeaders=x-acs-date;x-acs-security-token,Signature=20ff54a511cd7064448eb556a1a1428328109bc2116e770c533f902dce9cda7e');
  });
});
