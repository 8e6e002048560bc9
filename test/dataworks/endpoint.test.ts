import { InvalidInputError } from '../../shared/errors';
import { resolveEndpoint } from '../../shared/dataworks';

function problem(fn: () => unknown): { field: string; message: string } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).issues[0];
  }
  throw new Error('expected an InvalidInputError');
}

describe('dataworks/endpoint', () => {
  describe('resolveEndpoint', () => {
    it('builds the regional HTTPS endpoint from a region id', () => {
      expect(resolveEndpoint({ regionId: 'cn-hangzhou', env: {} })).toEqual({
        endpoint: 'dataworks.cn-hangzhou.aliyuncs.com',
        protocol: 'HTTPS',
        regionId: 'cn-hangzhou',
      });
      expect(resolveEndpoint({ regionId: 'ap-southeast-1', env: {} }).endpoint).toBe('dataworks.ap-southeast-1.aliyuncs.com');
    });

    it('sends the regions the official SDK serves centrally to dataworks.aliyuncs.com', () => {
      for (const regionId of ['cn-qingdao', 'cn-huhehaote', 'ap-south-1']) {
        expect(resolveEndpoint({ regionId, env: {} })).toEqual({ endpoint: 'dataworks.aliyuncs.com', protocol: 'HTTPS', regionId });
      }
      expect(resolveEndpoint({ regionId: 'ap-southeast-7', env: {} }).endpoint).toBe('dataworks.ap-southeast-7.aliyuncs.com');
    });

    it('refuses a well-formed region DataWorks does not serve, naming the known ones and DATAWORKS_ENDPOINT', () => {
      expect(problem(() => resolveEndpoint({ regionId: 'cn-nowhere', env: {} }))).toMatchObject({
        field: 'regionId',
        message: expect.stringMatching(/"cn-nowhere" is not a region DataWorks serves \(known: .*cn-hangzhou.*\).*DATAWORKS_ENDPOINT/),
      });
      expect(problem(() => resolveEndpoint({ env: { ALIBABA_CLOUD_REGION_ID: 'xx-moon-1' } }))).toMatchObject({ field: 'ALIBABA_CLOUD_REGION_ID' });
    });

    it('takes the region from ALIBABA_CLOUD_REGION_ID, then FC_REGION', () => {
      expect(resolveEndpoint({ env: { ALIBABA_CLOUD_REGION_ID: 'cn-shanghai', FC_REGION: 'cn-beijing' } }).regionId).toBe('cn-shanghai');
      expect(resolveEndpoint({ env: { FC_REGION: 'cn-beijing' } }).endpoint).toBe('dataworks.cn-beijing.aliyuncs.com');
    });

    it('rejects a region id of the wrong shape', () => {
      for (const regionId of ['CN-HANGZHOU', 'hangzhou', 'cn_hangzhou', 'cn-hangzhou.evil.com', 'cn-hangzhou/x']) {
        expect(problem(() => resolveEndpoint({ regionId, env: {} }))).toMatchObject({ field: 'regionId', message: expect.stringMatching(/not a region id/) });
      }
    });

    it('says what to set when there is no region and no endpoint', () => {
      expect(problem(() => resolveEndpoint({ env: {} })).message).toMatch(/ALIBABA_CLOUD_REGION_ID.*DATAWORKS_ENDPOINT/);
    });

    it('uses an explicit https URL for any host, keeping a port', () => {
      expect(resolveEndpoint({ endpoint: 'https://dataworks-vpc.cn-hangzhou.aliyuncs.com', regionId: 'cn-hangzhou', env: {} })).toEqual({
        endpoint: 'dataworks-vpc.cn-hangzhou.aliyuncs.com',
        protocol: 'HTTPS',
        regionId: 'cn-hangzhou',
      });
      expect(resolveEndpoint({ endpoint: 'https://proxy.example.com:8443/', env: {} })).toEqual({
        endpoint: 'proxy.example.com:8443',
        protocol: 'HTTPS',
        regionId: undefined,
      });
    });

    it('allows plain http only for loopback hosts', () => {
      expect(resolveEndpoint({ endpoint: 'http://127.0.0.1:8080', env: {} })).toMatchObject({ endpoint: '127.0.0.1:8080', protocol: 'HTTP' });
      expect(resolveEndpoint({ endpoint: 'http://127.3.2.1:80', env: {} }).endpoint).toBe('127.3.2.1');
      expect(resolveEndpoint({ endpoint: 'http://localhost:9000', env: {} }).endpoint).toBe('localhost:9000');
      expect(resolveEndpoint({ endpoint: 'http://[::1]:9000', env: {} }).endpoint).toBe('[::1]:9000');
      for (const endpoint of ['http://10.0.0.1:8080', 'http://dataworks.cn-hangzhou.aliyuncs.com', 'http://128.0.0.1', 'http://localhost.evil.com']) {
        expect(problem(() => resolveEndpoint({ endpoint, env: {} }))).toMatchObject({ field: 'endpoint', message: expect.stringMatching(/only allowed for loopback/) });
      }
    });

    it('prefers the endpoint option over DATAWORKS_ENDPOINT, and DATAWORKS_ENDPOINT over the region', () => {
      const env = { DATAWORKS_ENDPOINT: 'http://127.0.0.1:7000', ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' };
      expect(resolveEndpoint({ env })).toEqual({ endpoint: '127.0.0.1:7000', protocol: 'HTTP', regionId: 'cn-hangzhou' });
      expect(resolveEndpoint({ endpoint: 'https://a.example.com', env }).endpoint).toBe('a.example.com');
      expect(problem(() => resolveEndpoint({ env: { DATAWORKS_ENDPOINT: 'http://192.168.1.5' } })).field).toBe('DATAWORKS_ENDPOINT');
    });

    it('rejects what is not a bare http(s) origin', () => {
      expect(problem(() => resolveEndpoint({ endpoint: 'dataworks.cn-hangzhou.aliyuncs.com', env: {} })).message).toMatch(/not a URL/);
      expect(problem(() => resolveEndpoint({ endpoint: 'localhost:8080', env: {} })).message).toMatch(/https:\/\//);
      expect(problem(() => resolveEndpoint({ endpoint: 'ftp://example.com', env: {} })).message).toMatch(/https:\/\//);
      for (const endpoint of ['https://example.com/api', 'https://example.com?x=1', 'https://user:pw@example.com']) {
        expect(problem(() => resolveEndpoint({ endpoint, env: {} })).message).toMatch(/bare origin/);
      }
    });
  });
});
