/**
 * Test helpers that talk to the loopback stand-ins (the DataWorks emulator, the EventBridge fake) the way
 * autotag will: `call` through the real @alicloud/openapi-client (RPC, parameters in the query, arrays as
 * JSON text; ListTasks as a form body), `sdkClient` with a static key pair or `credentialClient` through
 * the real @alicloud/credentials, and `rawCall` for requests the SDK would never send (old dates, reused
 * nonces, tampered signatures). Deliberately small: the production client lives in shared/dataworks/.
 */
import { randomUUID } from 'node:crypto';
import { stringify } from 'node:querystring';
import Credential, { Config as CredentialConfig } from '@alicloud/credentials';
import OpenApi, * as $OpenApi from '@alicloud/openapi-client';
import * as $Util from '@alicloud/tea-util';
import { generateCatalog, type Catalog } from '../../emulator';
import { decodeQuery, sha256Hex, signRequest } from '../../emulator/signature';
import { sendRequest } from '../support/http';

export interface Answer {
  status: number;
  body: Record<string, any>;
}

export interface ClientCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** A stand-in on loopback: the DataWorks emulator or the EventBridge fake. */
export interface StandIn {
  url: string;
  endpoint: string;
  credentials: ClientCredentials;
}

export function sdkClient(emu: StandIn, credentials: ClientCredentials = emu.credentials): OpenApi {
  return new OpenApi(new $OpenApi.Config({ ...credentials, endpoint: emu.endpoint, protocol: 'HTTP' }));
}

/** A client whose keys come from an @alicloud/credentials Credential (AccessKey, or STS with a token), as production builds it. */
export function credentialClient(emu: StandIn, credentials: ClientCredentials = emu.credentials): OpenApi {
  const config = new CredentialConfig({ type: credentials.securityToken ? 'sts' : 'access_key', ...credentials });
  return new OpenApi(new $OpenApi.Config({ credential: new Credential(config), endpoint: emu.endpoint, protocol: 'HTTP' }));
}

const FORM_ACTIONS = new Set(['ListTasks']);
const READ_PREFIXES = ['List', 'Get'];

/** Wire values: arrays and objects as JSON text, scalars as strings. */
function wireParams(params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]),
  );
}

export interface CallOptions {
  /** RuntimeOptions fields, e.g. `readTimeout` */
  runtime?: Record<string, unknown>;
  /** default '/' */
  pathname?: string;
  /** default '2024-05-18' (DataWorks) */
  version?: string;
  /** default: GET for DataWorks reads, else POST */
  method?: 'GET' | 'POST';
}

/** One call through the SDK; HTTP errors come back as an Answer (status, POP error body), network errors throw. */
export async function call(client: OpenApi, action: string, params: Record<string, unknown> = {}, options: CallOptions = {}): Promise<Answer> {
  const form = FORM_ACTIONS.has(action);
  const method = options.method ?? (form || !READ_PREFIXES.some((p) => action.startsWith(p)) ? 'POST' : 'GET');
  const apiParams = new $OpenApi.Params({
    action,
    version: options.version ?? '2024-05-18',
    protocol: 'HTTP',
    pathname: options.pathname ?? '/',
    method,
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const req = new $OpenApi.OpenApiRequest(form ? { body: wireParams(params) } : { query: wireParams(params) });
  try {
    const res = await client.callApi(apiParams, req, new $Util.RuntimeOptions(options.runtime ?? {}));
    return { status: res.statusCode, body: res.body };
  } catch (err: any) {
    if (typeof err?.statusCode === 'number') return { status: err.statusCode, body: err.data };
    throw err;
  }
}

export interface RawCallOptions {
  action: string;
  version?: string;
  query?: Record<string, unknown>;
  /** the wire query as is, instead of `query` */
  wireQuery?: string;
  credentials?: ClientCredentials;
  date?: string;
  nonce?: string;
  /** change the request after signing */
  tamper?: (req: { wireQuery: string; headers: Record<string, string> }) => void;
}

/** A request signed here with the emulator's own signer (as the SDK signs), sent with node:http. */
export async function rawCall(emu: StandIn, options: RawCallOptions): Promise<Answer> {
  const credentials = options.credentials ?? emu.credentials;
  const req = {
    wireQuery: options.wireQuery ?? stringify(wireParams(options.query ?? {})),
    headers: {
      host: emu.endpoint,
      'x-acs-action': options.action,
      'x-acs-version': options.version ?? '2024-05-18',
      'x-acs-date': options.date ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      'x-acs-signature-nonce': options.nonce ?? randomUUID(),
      'x-acs-content-sha256': sha256Hex(''),
      ...(credentials.securityToken && { 'x-acs-accesskey-id': credentials.accessKeyId, 'x-acs-security-token': credentials.securityToken }),
    } as Record<string, string>,
  };
  req.headers.authorization = signRequest({ method: 'GET', path: '/', query: decodeQuery(req.wireQuery), headers: req.headers, payloadHash: sha256Hex('') }, credentials);
  options.tamper?.(req);
  const answer = await sendRequest(`${emu.url}/?${req.wireQuery}`, { headers: req.headers });
  return { status: answer.status, body: answer.json() };
}

/** The generated workspaces and tag keys with only the fixed assets, plus `extra` tag keys, tables, tasks and bindings. */
export function smallCatalog(extra: Partial<Omit<Catalog, 'workspaces'>> = {}): Catalog {
  const base = generateCatalog({ assets: 3, seed: 1 });
  return {
    workspaces: base.workspaces,
    tagKeys: [...base.tagKeys, ...(extra.tagKeys ?? [])],
    tables: [...base.tables, ...(extra.tables ?? [])],
    tasks: [...base.tasks, ...(extra.tasks ?? [])],
    bindings: [...base.bindings, ...(extra.bindings ?? [])],
  };
}

/** A call to a stand-in's loopback control plane (`/__admin/<route>`), JSON in and out. */
export async function adminCall(emu: StandIn, method: 'GET' | 'POST', route: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${emu.url}/__admin/${route}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
