/**
 * Test wiring for "the cloud" with Function Compute in it: the DataWorks emulator and the local FC started
 * together with one set of identities (a caller's AccessKey pair, an STS caller, and the functions' role,
 * which both services accept: the role is what a function calls DataWorks and FC with), the fixture and
 * built bundles by name, and an HTTP-trigger request signed exactly as FC's official Node.js sample signs
 * one (`@alicloud/openapi-util` getAuthorization, research.md §1), sent with node:http (./http.ts).
 */
import { resolve } from 'node:path';
import * as $tea from '@alicloud/tea-typescript';
import Util from '@alicloud/openapi-util';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { startLocalFc, type LocalFc, type LocalFcOptions } from '../../emulator/fc';
import { sendRequest, type HttpAnswer } from './http';

export const CALLER = { accessKeyId: 'LTAIcallerkey0001', accessKeySecret: 'caller-secret-0123456789' };
export const STS_CALLER = { accessKeyId: 'STS.callerkey0001', accessKeySecret: 'sts-caller-secret-0123456789', securityToken: 'sts-caller-token-abcdef' };
/** the functions' RAM role, as the STS triple FC hands each invocation, and who STS says it is */
export const ROLE = {
  accessKeyId: 'STS.rolekey0001',
  accessKeySecret: 'role-secret-0123456789',
  securityToken: 'role-token-abcdef',
  identity: { arn: 'acs:ram::1234567890123456:assumed-role/autotag-fc/fc-invocation' },
};

/** a fixture bundle under test/fixtures/fc/ */
export const fixtureBundle = (name: string) => resolve(__dirname, '..', 'fixtures', 'fc', `${name}.js`);
/** a function bundle built by jest's global setup (dist/<name>/index.js) */
export const builtBundle = (name: string) => resolve(__dirname, '..', '..', 'dist', name, 'index.js');

export interface Cloud {
  dataworks: Emulator;
  fc: LocalFc;
  stop(): Promise<void>;
}

/** Fast by default (no DataWorks QPS limits) unless the options say otherwise. */
export async function startCloud(options: { dataworks?: EmulatorOptions; fc?: Partial<LocalFcOptions> } = {}): Promise<Cloud> {
  const dataworks = await startEmulator({ readQps: 0, writeQps: 0, ...options.dataworks, credentials: [CALLER, ROLE] });
  try {
    const fc = await startLocalFc({ callers: [CALLER, STS_CALLER, ROLE], ...options.fc });
    return { dataworks, fc, stop: async () => void (await Promise.all([fc.stop(), dataworks.stop()])) };
  } catch (error) {
    await dataworks.stop();
    throw error;
  }
}

export interface SignOptions {
  credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  /** default now, ISO 8601 with milliseconds as the Node.js sample sends it */
  date?: string;
  /** sign this body hash too, as `x-acs-content-sha256` and the payload line (what an SDK V3 client does) */
  contentSha256?: string;
}

/** The official sample's headers: `x-acs-date`, `x-acs-security-token` ('' without STS), `authorization`. */
export function signedTriggerHeaders(method: string, url: string, { credentials, date, contentSha256 }: SignOptions): Record<string, string> {
  const u = new URL(url);
  const headers: Record<string, string> = { 'x-acs-date': date ?? new Date().toISOString(), 'x-acs-security-token': credentials.securityToken ?? '' };
  if (contentSha256 !== undefined) headers['x-acs-content-sha256'] = contentSha256;
  const request = new $tea.Request();
  request.method = method;
  request.pathname = u.pathname.replace('$', '%24');
  request.headers = headers;
  request.query = Object.fromEntries(u.searchParams);
  headers.authorization = Util.getAuthorization(request, 'ACS3-HMAC-SHA256', contentSha256 ?? '', credentials.accessKeyId, credentials.accessKeySecret);
  return headers;
}

/** One request to a trigger URL (path and query included), unsigned unless its headers are. */
export const triggerRequest = sendRequest;

/** A request signed as the official sample signs it. */
export function signedTriggerRequest(url: string, sign: SignOptions, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<HttpAnswer> {
  const method = options.method ?? 'GET';
  return triggerRequest(url, { ...options, method, headers: { ...options.headers, ...signedTriggerHeaders(method, url, sign) } });
}
