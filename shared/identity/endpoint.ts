/**
 * Where STS is asked: the URL given (AUTOTAG_STS_ENDPOINT), else, beside a DataWorks endpoint on loopback, that
 * same stand-in (the emulator answers STS too: nothing leaves the machine), else the region's public endpoint
 * `sts.<region>.aliyuncs.com` as the STS SDK's regional rule and `@alicloud/credentials` form it (`sts.aliyuncs.com`
 * without a region). A function with no internet access sets AUTOTAG_STS_ENDPOINT to `https://sts-vpc.<region>.aliyuncs.com`.
 */
import type { ResolvedEndpoint } from '../dataworks';

const LOOPBACK_HOST = /^(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(?::\d+)?$/i;

export function stsEndpoint(options: { explicit?: ResolvedEndpoint; dataworks: ResolvedEndpoint; regionId?: string }): ResolvedEndpoint {
  const regionId = options.regionId ?? options.dataworks.regionId;
  if (options.explicit) return { ...options.explicit, regionId };
  if (LOOPBACK_HOST.test(options.dataworks.endpoint)) return { ...options.dataworks, regionId };
  return { endpoint: regionId ? `sts.${regionId}.aliyuncs.com` : 'sts.aliyuncs.com', protocol: 'HTTPS', regionId };
}
