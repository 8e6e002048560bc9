/**
 * Where the DataWorks API is: the region's host (regions.ts: `dataworks.<region>.aliyuncs.com`, or the central
 * `dataworks.aliyuncs.com` for the regions the official SDK sends there) over HTTPS, unless an explicit endpoint URL
 * (option, else the DATAWORKS_ENDPOINT environment variable) says otherwise. Plain HTTP is accepted only for
 * loopback hosts (the emulator), so a signed request never crosses a network in clear text.
 */
import { InvalidInputError } from '../errors';
import { dataworksHost, PUBLIC_REGIONS } from './regions';

/** What openapi-client's Config wants. */
export interface ResolvedEndpoint {
  /** `host[:port]` */
  endpoint: string;
  protocol: 'HTTPS' | 'HTTP';
  regionId?: string;
}

/** The endpoint as a URL origin: `https://host` or `http://127.0.0.1:port`. */
export function endpointUrl(e: ResolvedEndpoint): string {
  return `${e.protocol.toLowerCase()}://${e.endpoint}`;
}

export interface EndpointOptions {
  /** e.g. `cn-hangzhou`; defaults to ALIBABA_CLOUD_REGION_ID, then FC_REGION (set inside Function Compute) */
  regionId?: string;
  /** a URL such as `https://dataworks-vpc.cn-hangzhou.aliyuncs.com` or `http://127.0.0.1:8080`; wins over DATAWORKS_ENDPOINT */
  endpoint?: string;
  /** default process.env */
  env?: Record<string, string | undefined>;
}

const REGION_ID = /^[a-z]{2,}(?:-[a-z0-9]+){1,4}$/;
const LOOPBACK = /^(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i;

export function resolveEndpoint(options: EndpointOptions = {}): ResolvedEndpoint {
  const env = options.env ?? process.env;
  const region = pickSetting([
    ['regionId', options.regionId],
    ['ALIBABA_CLOUD_REGION_ID', env.ALIBABA_CLOUD_REGION_ID],
    ['FC_REGION', env.FC_REGION],
  ]);
  if (region && !REGION_ID.test(region.value)) {
    fail(region.field, `"${region.value}" is not a region id; use one such as cn-hangzhou or ap-southeast-1`);
  }
  const regionId = region?.value;
  const url = pickSetting([
    ['endpoint', options.endpoint],
    ['DATAWORKS_ENDPOINT', env.DATAWORKS_ENDPOINT],
  ]);
  if (url) return { ...parseEndpointUrl(url.field, url.value), regionId };
  if (!regionId) {
    fail('regionId', 'no region given: pass the region id (e.g. cn-hangzhou) or set ALIBABA_CLOUD_REGION_ID, or set DATAWORKS_ENDPOINT to the API URL');
  }
  const host = dataworksHost(regionId);
  if (!host) {
    fail(
      region!.field,
      `"${regionId}" is not a region DataWorks serves (known: ${PUBLIC_REGIONS.join(', ')}); check the region id, or set DATAWORKS_ENDPOINT to the API URL`,
    );
  }
  return { endpoint: host, protocol: 'HTTPS', regionId };
}

/** The first setting that holds a non-blank value, with the name it was given under. */
function pickSetting(candidates: [field: string, value: string | undefined][]): { field: string; value: string } | undefined {
  for (const [field, value] of candidates) if (value !== undefined && value.trim() !== '') return { field, value: value.trim() };
  return undefined;
}

function parseEndpointUrl(field: string, text: string): Omit<ResolvedEndpoint, 'regionId'> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(field, `"${text}" is not a URL; give one such as https://dataworks.cn-hangzhou.aliyuncs.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fail(field, `"${text}" must start with https:// (or http:// for a loopback host)`);
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    // not quoted: a user:password part must not reach an error message
    fail(field, 'must be a bare origin (scheme, host, optional port) without user, path, query or fragment: every DataWorks call goes to "/"');
  }
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    fail(field, `plain http:// is only allowed for loopback hosts (127.0.0.0/8, localhost, ::1), not "${url.hostname}": requests are signed and carry tokens, use https://`);
  }
  return { endpoint: url.host, protocol: url.protocol === 'https:' ? 'HTTPS' : 'HTTP' };
}

function fail(field: string, message: string): never {
  throw new InvalidInputError([{ field, message }], 'DataWorks endpoint');
}
