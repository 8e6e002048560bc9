/**
 * Which DataWorks OpenAPI host serves each region, as the official SDK routes them
 * (aliyun/alibabacloud-typescript-sdk `dataworks-public-20240518/src/client.ts`, `_endpointMap`, read 2026-12):
 * most regions have their own `dataworks.<region>.aliyuncs.com`; a few are served by the central
 * `dataworks.aliyuncs.com`. A region in neither list is refused (DATAWORKS_ENDPOINT reaches any host), because
 * the SDK's fallback for unlisted regions (`dataworks-public.<region>.aliyuncs.com`) contradicts the endpoint
 * page for at least one (ap-southeast-7, which the page lists as regional and is added here).
 */

export const CENTRAL_HOST = 'dataworks.aliyuncs.com';

const REGIONAL = [
  'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-3', 'ap-southeast-5', 'ap-southeast-7',
  'cn-beijing', 'cn-beijing-finance-1', 'cn-chengdu', 'cn-hangzhou', 'cn-hongkong', 'cn-north-2-gov-1', 'cn-shanghai',
  'cn-shanghai-finance-1', 'cn-shenzhen', 'cn-shenzhen-finance-1', 'cn-wulanchabu', 'cn-zhangjiakou', 'eu-central-1',
  'eu-west-1', 'me-central-1', 'me-east-1', 'us-east-1', 'us-west-1',
] as const;

/** The SDK's central entries, internal ones included, so a region the SDK knows is never refused here. */
const CENTRAL = [
  'ap-northeast-2-pop', 'ap-south-1', 'ap-southeast-2', 'cn-beijing-finance-pop', 'cn-beijing-gov-1', 'cn-beijing-nu16-b01',
  'cn-edge-1', 'cn-fujian', 'cn-haidian-cm12-c01', 'cn-hangzhou-bj-b01', 'cn-hangzhou-finance', 'cn-hangzhou-internal-prod-1',
  'cn-hangzhou-internal-test-1', 'cn-hangzhou-internal-test-2', 'cn-hangzhou-internal-test-3', 'cn-hangzhou-test-306',
  'cn-hongkong-finance-pop', 'cn-huhehaote', 'cn-huhehaote-nebula-1', 'cn-qingdao', 'cn-qingdao-nebula', 'cn-shanghai-et15-b01',
  'cn-shanghai-et2-b01', 'cn-shanghai-inner', 'cn-shanghai-internal-test-1', 'cn-shenzhen-inner', 'cn-shenzhen-st4-d01',
  'cn-shenzhen-su18-b01', 'cn-wuhan', 'cn-yushanfang', 'cn-zhangbei', 'cn-zhangbei-na61-b01', 'cn-zhangjiakou-na62-a01',
  'cn-zhengzhou-nebula-1', 'eu-west-1-oxs', 'rus-west-1-pop',
] as const;

const HOSTS = new Map<string, string>([
  ...REGIONAL.map((r): [string, string] => [r, `dataworks.${r}.aliyuncs.com`]),
  ...CENTRAL.map((r): [string, string] => [r, CENTRAL_HOST]),
]);

/** The API host of a region, or undefined for a region DataWorks is not known to serve. */
export function dataworksHost(regionId: string): string | undefined {
  return HOSTS.get(regionId);
}

/** The public regions, for messages. */
export const PUBLIC_REGIONS: readonly string[] = [...REGIONAL.filter((r) => !/finance|gov/.test(r)), 'cn-huhehaote', 'cn-qingdao'].sort();
