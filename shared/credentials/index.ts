/**
 * Where the credentials for DataWorks come from: inside Function Compute, the STS triple FC hands each
 * invocation in `context.credentials`; elsewhere, the `@alicloud/credentials` default chain (environment
 * variables, CLI profile, credentials file, ECS RAM role, credentials URI). Every secret and token obtained
 * here is registered with the logger's redaction before it goes anywhere, and no error built here holds one.
 */
import Credential from '@alicloud/credentials';
import { z } from 'zod';
import { InvalidInputError, toInputIssues } from '../errors';
import { redactAndClip, registerSecret } from '../log';

/** Static credentials (AccessKey pair, or an STS triple). Never logged, never returned. */
export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** Fixed credentials, or a function asked before each call (so rotating STS tokens stay current). */
export type CredentialsSource = Credentials | (() => Promise<Credentials>);

/** The credentials to sign one call with (a provider is asked each time: its STS tokens rotate). */
export async function credentialsNow(source: CredentialsSource): Promise<Credentials> {
  return typeof source === 'function' ? source() : source;
}

const credentialsSchema = z.object({
  accessKeyId: z.string().min(1, 'is empty'),
  accessKeySecret: z.string().min(1, 'is empty'),
  securityToken: z.string().min(1, 'is empty').optional(),
});

/** Registers the secret parts of `credentials` for redaction and returns them. */
export function protectCredentials(credentials: Credentials): Credentials {
  registerSecret(credentials.accessKeySecret);
  registerSecret(credentials.securityToken);
  return credentials;
}

/**
 * The STS triple of an FC invocation (`context.credentials`), or undefined when the function has no role
 * (FC then passes no usable credentials). A triple that is present but malformed is an error, not a fallback.
 */
export function credentialsFromContext(context: { credentials?: unknown } | undefined): Credentials | undefined {
  const raw = context?.credentials;
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'object' && !(raw as { accessKeyId?: unknown }).accessKeyId) return undefined;
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InvalidInputError(toInputIssues(parsed.error, 'context.credentials'), 'Function Compute credentials');
  }
  // Keep only the three fields (the context object may carry more) and never an empty token.
  const { accessKeyId, accessKeySecret, securityToken } = parsed.data;
  return protectCredentials(securityToken ? { accessKeyId, accessKeySecret, securityToken } : { accessKeyId, accessKeySecret });
}

/**
 * The `@alicloud/credentials` default chain as a CredentialsSource. The chain reads its environment when
 * this is called; it fetches (and, for role-based providers, refreshes) on each call of the result.
 */
export function defaultChainCredentials(): () => Promise<Credentials> {
  const chain = new Credential();
  return async () => {
    let found: Awaited<ReturnType<Credential['getCredential']>>;
    try {
      found = await chain.getCredential();
    } catch (error) {
      throw noCredentials(error instanceof Error ? error.message : String(error));
    }
    const parsed = credentialsSchema.safeParse({ ...found, securityToken: found.securityToken || undefined });
    if (!parsed.success) throw noCredentials('the provider returned an incomplete AccessKey pair');
    return protectCredentials(parsed.data);
  };
}

/** Credentials for this invocation: FC's context when it holds them, else the default chain. */
export function resolveCredentials(context?: { credentials?: unknown }): CredentialsSource {
  return credentialsFromContext(context) ?? defaultChainCredentials();
}

function noCredentials(reason: string): InvalidInputError {
  const detail = redactAndClip(reason, 500);
  return new InvalidInputError(
    [
      {
        field: 'credentials',
        message:
          `no Alibaba Cloud credentials found (${detail}). Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET ` +
          `(and ALIBABA_CLOUD_SECURITY_TOKEN for STS), or configure a profile in ~/.alibabacloud/credentials; ` +
          `in Function Compute, give the function a role.`,
      },
    ],
    'credentials',
  );
}
