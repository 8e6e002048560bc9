import {
  canonicalQueryString,
  decodeQuery,
  parseAuthorization,
  percentEncode,
  sha256Hex,
  signRequest,
} from '../../emulator/signature';

const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const TEST_KEY = { accessKeyId: 'TESTAK', accessKeySecret: 'TESTSECRET' };

// Test vectors from shared/reference/dataworks-api.md §6.6
const VECTOR_A = {
  wireQuery:
    'DataAssetIds=%5B%22odps.prj.tbl_a%22%2C%22odps.prj.tbl%20(b)*%22%5D&DataAssetType=ACS%3A%3ADataWorks%3A%3ATable&ProjectId=10000&EnvType=Prod' +
    '&AutoTraceEnabled=false&Tags=%5B%7B%22Key%22%3A%22owner%22%2C%22Value%22%3A%22L3%20data%20~team!%22%7D%5D',
  canonicalQuery:
    'AutoTraceEnabled=false&DataAssetIds=%5B%22odps.prj.tbl_a%22%2C%22odps.prj.tbl%20%28b%29%2A%22%5D&DataAssetType=ACS%3A%3ADataWorks%3A%3ATable' +
    '&EnvType=Prod&ProjectId=10000&Tags=%5B%7B%22Key%22%3A%22owner%22%2C%22Value%22%3A%22L3%20data%20~team%21%22%7D%5D',
  headers: {
    host: 'dataworks.cn-shanghai.aliyuncs.com',
    'x-acs-action': 'TagDataAssets',
    'x-acs-version': '2024-05-18',
    'x-acs-date': '2025-01-01T00:00:00Z',
    'x-acs-signature-nonce': 'abc123',
    'x-acs-content-sha256': EMPTY,
    'user-agent': 'AlibabaCloud (linux; x64) Node.js/v20 Core/1.0.1 TeaDSL/1',
    accept: 'application/json',
  },
  authorization:
    'ACS3-HMAC-SHA256 Credential=TESTAK,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,' +
    'Signature=1ee156360ffc0a2502cc7c18d7f353108c8d5e6294e3419fceaf28f3732d18ac',
};

const VECTOR_B = {
  query: [
    ['PageNumber', '1'],
    ['PageSize', '100'],
    ['Tags', '[{"Key":"owner","Value":"a b"}]'],
  ] as [string, string][],
  headers: {
    host: 'dataworks.cn-hangzhou.aliyuncs.com',
    'x-acs-action': 'ListDataAssets',
    'x-acs-version': '2024-05-18',
    'x-acs-date': '2025-01-01T00:00:00Z',
    'x-acs-signature-nonce': 'n-1',
    'x-acs-content-sha256': EMPTY,
    'x-acs-accesskey-id': 'STS.TESTAK',
    'x-acs-security-token': 'TESTTOKEN',
  },
  authorization:
    'ACS3-HMAC-SHA256 Credential=STS.TESTAK,SignedHeaders=host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;' +
    'x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=9d267e15eb0b4f1657a6c5e476826abbb326586d9c37f4e1fde649db726a5617',
};

describe('emulator/signature', () => {
  describe('signRequest', () => {
    it('reproduces test vector A (POST, decoded wire query with !()* left raw)', () => {
      const query = decodeQuery(VECTOR_A.wireQuery);
      expect(signRequest({ method: 'POST', path: '/', query, headers: VECTOR_A.headers, payloadHash: sha256Hex('') }, TEST_KEY)).toBe(VECTOR_A.authorization);
    });

    it('reproduces test vector B (STS: x-acs-accesskey-id and x-acs-security-token signed)', () => {
      const auth = signRequest({ method: 'GET', path: '/', query: VECTOR_B.query, headers: VECTOR_B.headers, payloadHash: EMPTY }, {
        accessKeyId: 'STS.TESTAK',
        accessKeySecret: 'TESTSECRET',
      });
      expect(auth).toBe(VECTOR_B.authorization);
    });

    it('changes when the secret changes', () => {
      const query = decodeQuery(VECTOR_A.wireQuery);
      const auth = signRequest({ method: 'POST', path: '/', query, headers: VECTOR_A.headers, payloadHash: EMPTY }, { ...TEST_KEY, accessKeySecret: 'OTHER' });
      expect(auth).not.toBe(VECTOR_A.authorization);
    });
  });

  describe('canonicalQueryString', () => {
    it('sorts by name and RFC 3986-encodes the decoded values (vector A)', () => {
      expect(canonicalQueryString(decodeQuery(VECTOR_A.wireQuery))).toBe(VECTOR_A.canonicalQuery);
    });

    it('is empty for no parameters and keeps an empty value as `name=`', () => {
      expect(canonicalQueryString([])).toBe('');
      expect(canonicalQueryString([['b', ''], ['a', 'x']])).toBe('a=x&b=');
    });
  });

  describe('percentEncode', () => {
    it('keeps unreserved characters and encodes the rest with upper-case hex', () => {
      expect(percentEncode("AZaz09-_.~ !'()*+/:é")).toBe("AZaz09-_.~%20%21%27%28%29%2A%2B%2F%3A%C3%A9");
    });
  });

  describe('decodeQuery', () => {
    it('decodes %XX and + as a space, keeping parameter order', () => {
      expect(decodeQuery('b=a+b&a=%7E%21&c')).toEqual([
        ['b', 'a b'],
        ['a', '~!'],
        ['c', ''],
      ]);
    });
  });

  describe('parseAuthorization', () => {
    it('reads credential, signed headers and signature', () => {
      expect(parseAuthorization(VECTOR_B.authorization)).toEqual({
        accessKeyId: 'STS.TESTAK',
        signedHeaders: ['host', 'x-acs-accesskey-id', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-security-token', 'x-acs-signature-nonce', 'x-acs-version'],
        signature: '9d267e15eb0b4f1657a6c5e476826abbb326586d9c37f4e1fde649db726a5617',
      });
    });

    it('refuses anything else', () => {
      expect(parseAuthorization('ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=xyz')).toBeUndefined();
      expect(parseAuthorization('Bearer token')).toBeUndefined();
    });
  });
});
