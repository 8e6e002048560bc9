import { RequestAuthenticator } from '../../../emulator/auth';
import { FC_REFUSALS } from '../../../emulator/fc/errors';
import { verifyFc2 } from '../../../emulator/fc/fc2-signature';
import { fc2Signature, fc2StringToSign, goCanonicalHeaderKey, HTTP_TRIGGER_RULES } from '../../../emulator/fc';
import { ServiceError } from '../../../emulator/service-error';
import { canonicalRequest, computeSignature, formatAuthorization } from '../../../emulator/signature';

// Test vectors from the team's research notes (research.md §1 vectors C and D, §6 vectors E and F), computed
// there with @alicloud/openapi-util 0.3.3 and @alicloud/fc2 2.6.6 and cross-checked by hand.
const SECRET = 'TESTSECRET';
const DATE = '2025-01-01T00:00:00Z';
const AT_DATE = () => Date.parse(DATE);

const VECTOR_C = {
  headers: { 'x-acs-date': DATE, 'x-acs-security-token': '' },
  canonical: 'POST\n/hello\nfoo=bar\nx-acs-date:2025-01-01T00:00:00Z\nx-acs-security-token:\n\nx-acs-date;x-acs-security-token\n',
  authorization: 'ACS3-HMAC-SHA256 Credential=TESTAK,SignedHeaders=x-acs-date;x-acs-security-token,Signature=8f7fcc8db8a8ef3bb69ec0e50baa5c4915a769f709831a0c58ff4b4db21063be',
};
const VECTOR_D = {
  headers: { 'x-acs-date': DATE, 'x-acs-security-token': 'TESTTOKEN' },
  authorization: 'ACS3-HMAC-SHA256 Credential=STS.TESTAK,SignedHeaders=x-acs-date;x-acs-security-token,Signature=20ff54a511cd7064448eb556a1a1428328109bc2116e770c533f902dce9cda7e',
};
const FC2_DATE = 'Wed, 01 Jan 2025 00:00:00 GMT';
const VECTOR_E = {
  request: {
    method: 'POST',
    path: '/2016-08-15/services/svc/functions/fn/invocations',
    headers: { 'content-type': 'application/octet-stream', date: FC2_DATE, 'x-fc-account-id': '123456789', 'x-fc-invocation-type': 'Async' },
    query: [] as [string, string][],
  },
  stringToSign: 'POST\n\napplication/octet-stream\nWed, 01 Jan 2025 00:00:00 GMT\nx-fc-account-id:123456789\nx-fc-invocation-type:Async\n/2016-08-15/services/svc/functions/fn/invocations',
  authorization: 'FC TESTAK:d8ReiyxvJkxTw75eUceKeAwND5lFDSoDpCirMa1fZ3w=',
};
const VECTOR_F = {
  request: { method: 'GET', path: '/2016-08-15/proxy/svc/fn/a b/c', headers: { date: FC2_DATE }, query: [['x', '1'], ['x', '3'], ['a', '2']] as [string, string][] },
  stringToSign: 'GET\n\n\nWed, 01 Jan 2025 00:00:00 GMT\n/2016-08-15/proxy/svc/fn/a b/c\na=2\nx=1\nx=3',
  authorization: 'FC TESTAK:B2DpSdO8dp9aY25CsFBEQ4h4lAueqWXSc3Pd7AaaudY=',
};

const triggerAuth = (credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string }[]) =>
  new RequestAuthenticator(credentials, AT_DATE, HTTP_TRIGGER_RULES, FC_REFUSALS);
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof ServiceError ? { status: e.status, code: e.code } : e;
  }
  return 'accepted';
};

describe('emulator/fc signatures', () => {
  describe('HTTP trigger (ACS3-HMAC-SHA256, the official sample’s canonical request)', () => {
    const input = (headers: Record<string, string>) => ({ method: 'POST', path: '/hello', query: [['foo', 'bar']] as [string, string][], headers, signedHeaders: ['x-acs-date', 'x-acs-security-token'], payloadHash: '' });

    it('reproduces vector C: no STS, an empty token still signed, an empty payload line', () => {
      expect(canonicalRequest(input(VECTOR_C.headers))).toBe(VECTOR_C.canonical);
      const signature = computeSignature(SECRET, canonicalRequest(input(VECTOR_C.headers)));
      expect(formatAuthorization('TESTAK', ['x-acs-date', 'x-acs-security-token'], signature)).toBe(VECTOR_C.authorization);
    });

    it('reproduces vector D: an STS key signs its token', () => {
      const signature = computeSignature(SECRET, canonicalRequest(input(VECTOR_D.headers)));
      expect(formatAuthorization('STS.TESTAK', ['x-acs-date', 'x-acs-security-token'], signature)).toBe(VECTOR_D.authorization);
    });

    it('the gateway’s verifier accepts vectors C and D whatever the body (the body is not signed)', () => {
      const auth = triggerAuth([{ accessKeyId: 'TESTAK', accessKeySecret: SECRET }, { accessKeyId: 'STS.TESTAK', accessKeySecret: SECRET, securityToken: 'TESTTOKEN' }]);
      const request = (headers: Record<string, string>, authorization: string) => ({ method: 'POST', path: '/hello', rawQuery: 'foo=bar', headers: { ...headers, authorization }, body: Buffer.from('any body') });
      expect(auth.verify(request(VECTOR_C.headers, VECTOR_C.authorization)).accessKeyId).toBe('TESTAK');
      expect(auth.verify(request(VECTOR_D.headers, VECTOR_D.authorization)).accessKeyId).toBe('STS.TESTAK');
      expect(refusal(() => auth.verify({ ...request(VECTOR_C.headers, VECTOR_C.authorization), rawQuery: 'foo=baz' }))).toEqual({ status: 403, code: 'SignatureNotMatch' });
      expect(refusal(() => auth.verify(request({ ...VECTOR_D.headers, 'x-acs-security-token': 'OTHER' }, VECTOR_D.authorization)))).toEqual({ status: 403, code: 'AccessDenied' });
    });

    it('refuses a signature that leaves x-acs-date out of SignedHeaders', () => {
      const auth = triggerAuth([{ accessKeyId: 'TESTAK', accessKeySecret: SECRET }]);
      const canonical = canonicalRequest({ ...input(VECTOR_C.headers), signedHeaders: ['x-acs-security-token'] });
      const authorization = formatAuthorization('TESTAK', ['x-acs-security-token'], computeSignature(SECRET, canonical));
      expect(refusal(() => auth.verify({ method: 'POST', path: '/hello', rawQuery: 'foo=bar', headers: { ...VECTOR_C.headers, authorization }, body: Buffer.alloc(0) }))).toEqual({ status: 403, code: 'SignatureNotMatch' });
    });
  });

  describe('FC 2.0 (`FC <id>:<signature>`, as @alicloud/fc2 signs)', () => {
    it.each([
      ['E (an invocation: x-fc-* headers signed)', VECTOR_E],
      ['F (a /proxy/ path: its query signed, one sorted line per value)', VECTOR_F],
    ])('reproduces vector %s', (_name, vector) => {
      expect(fc2StringToSign(vector.request)).toBe(vector.stringToSign);
      expect(`FC TESTAK:${fc2Signature(SECRET, vector.stringToSign)}`).toBe(vector.authorization);
    });

    it('verifies vector E, and refuses it changed, stale or from an unknown key', () => {
      const keys = [{ accessKeyId: 'TESTAK', accessKeySecret: SECRET }];
      const signed = { ...VECTOR_E.request, headers: { ...VECTOR_E.request.headers, authorization: VECTOR_E.authorization } };
      const at = Date.parse(FC2_DATE);
      expect(verifyFc2(signed, keys, at, FC_REFUSALS)).toBe('TESTAK');
      expect(refusal(() => verifyFc2({ ...signed, path: signed.path.replace('fn', 'other') }, keys, at, FC_REFUSALS))).toEqual({ status: 403, code: 'SignatureNotMatch' });
      expect(refusal(() => verifyFc2(signed, keys, at + 16 * 60_000, FC_REFUSALS))).toEqual({ status: 403, code: 'RequestTimeTooSkewed' });
      expect(refusal(() => verifyFc2(signed, [{ ...keys[0], accessKeyId: 'OTHER' }], at, FC_REFUSALS))).toEqual({ status: 403, code: 'InvalidAccessKeyID' });
      expect(refusal(() => verifyFc2({ ...signed, headers: { ...signed.headers, date: '' } }, keys, at, FC_REFUSALS))).toEqual({ status: 400, code: 'MissingRequiredHeader' });
    });
  });

  describe('goCanonicalHeaderKey', () => {
    it('upper-cases the first letter and each after a dash, like Go’s net/http', () => {
      expect(['x-acs-date', 'content-type', 'AUTHORIZATION', 'x-fc-log-type', 'etag'].map(goCanonicalHeaderKey)).toEqual(['X-Acs-Date', 'Content-Type', 'Authorization', 'X-Fc-Log-Type', 'Etag']);
    });
  });
});
