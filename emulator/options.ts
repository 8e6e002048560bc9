/**
 * What every loopback stand-in (the DataWorks emulator, the EventBridge fake, the local FC) takes and tells:
 * where it listens (loopback only), which AccessKeys it accepts and (EventBridge, FC) the account it stands for, then its
 * address once started. Options are checked with
 * a strict zod schema; a failure is an InvalidInputError naming every field at fault, so a typo in a test's
 * options fails loudly. (The local FC names its AccessKeys `callers` and has no default pair: who may invoke
 * is always the test's choice.)
 */
import { z } from 'zod';
import { InvalidInputError, toInputIssues } from '../shared/errors';
import { credentialSchema, generateCredential, type AccessKeyCredential } from './auth';
import { endpointOf, type RunningServer } from './http';

export interface StandInOptions {
  /** default 0 (a free port) */
  port?: number;
  /** default '127.0.0.1' */
  host?: string;
  /** default: one generated AccessKey pair */
  credentials?: AccessKeyCredential[];
}

/** Loopback only: a stand-in accepts throwaway keys and serves its state unsigned, so no other host may reach it. */
const LOOPBACK_HOST = /^(127(\.\d{1,3}){3}|localhost|::1)$/;

export const standInOptionShape = {
  port: z.number().int().min(0).max(65535, 'must be a port from 0 to 65535 (0 = a free one)').optional(),
  host: z.string().regex(LOOPBACK_HOST, 'must be a loopback address (127.0.0.1, another 127.x.y.z, localhost or ::1): a stand-in serves throwaway keys and its state unsigned').optional(),
  credentials: z.array(credentialSchema).min(1).optional(),
};

/** The Alibaba Cloud account and region a stand-in stands for (in ARNs, FC endpoints, a function's context). */
export interface CloudAccount {
  accountId: string;
  region: string;
}

/** the DataWorks samples' account; the same default everywhere, so stand-ins started together agree */
const DEFAULT_ACCOUNT: CloudAccount = { accountId: '1234567890123456', region: 'cn-hangzhou' };

export const accountOptionShape = {
  region: z.string().regex(/^[a-z]+(-[a-z0-9]+)+$/, 'must be a region id such as cn-hangzhou').optional(),
  accountId: z.string().regex(/^\d+$/, 'must be digits').optional(),
};

export function accountOf(options: Partial<CloudAccount>): CloudAccount {
  return { accountId: options.accountId ?? DEFAULT_ACCOUNT.accountId, region: options.region ?? DEFAULT_ACCOUNT.region };
}

export interface RunningStandIn {
  /** 'http://127.0.0.1:<port>' */
  url: string;
  /** '127.0.0.1:<port>': openapi-client's Config.endpoint, with protocol 'HTTP' */
  endpoint: string;
  port: number;
  /** the first credential pair */
  credentials: AccessKeyCredential;
  stop(): Promise<void>;
}

export function checkedOptions<S extends z.ZodType>(schema: S, value: unknown, subject: string): z.infer<S> {
  const checked = schema.safeParse(value);
  if (!checked.success) throw new InvalidInputError(toInputIssues(checked.error), subject);
  return checked.data;
}

/** The AccessKeys a stand-in accepts: the options' or a generated pair. */
export function credentialsOf(options: StandInOptions): AccessKeyCredential[] {
  return options.credentials ?? [generateCredential()];
}

export function runningStandIn(host: string, server: RunningServer, credentials: AccessKeyCredential[]): RunningStandIn {
  const endpoint = endpointOf(host, server.port);
  return { url: `http://${endpoint}`, endpoint, port: server.port, credentials: { ...credentials[0] }, stop: server.stop };
}
