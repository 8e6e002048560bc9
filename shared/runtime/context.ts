/**
 * What a handler reads from FC's `context` (reference, function-compute §1.2): request id, function name,
 * account, region, the invocation's STS credentials, and the time budget. Node.js has no remaining-time
 * call, so the deadline is computed: handler start + `context.function.timeout` seconds − a margin, after
 * which the engine starts no new API call (the margin leaves time to write the report and return).
 */
import { z } from 'zod';
import { InvalidInputError, toInputIssues } from '../errors';
import { credentialsFromContext, type Credentials } from '../credentials';

/**
 * Used when `context.function.timeout` is absent, which happens only outside FC (local runs, tests):
 * in the cloud FC always sets it.
 */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** The margin is 10% of the timeout, at least 1 s and at most 15 s. */
export function deadlineMarginMs(timeoutMs: number): number {
  return Math.min(15_000, Math.max(1_000, Math.round(timeoutMs * 0.1)));
}

// FC's context also holds a logger, tracing and service fields we do not read; they are ignored.
// `credentials` is checked by shared/credentials, which also registers its secrets for redaction.
const fcContextSchema = z.object({
  requestId: z.string().min(1),
  accountId: z.string().optional(),
  region: z.string().optional(),
  credentials: z.unknown().optional(),
  function: z.object({ name: z.string().optional(), timeout: z.number().positive().optional() }).optional(),
});

export interface InvocationContext {
  requestId: string;
  functionName?: string;
  accountId?: string;
  /** the function's region (`context.region`, else `FC_REGION`) */
  region?: string;
  /** the invocation's STS credentials; absent when the function has no role (use the default chain) */
  credentials?: Credentials;
  timeoutSeconds: number;
  /** epoch ms after which no new API call starts */
  deadline: number;
}

/**
 * `startedAt`: epoch ms when the handler was entered. The credentials' secret and token are registered
 * with the logger (by shared/credentials), so no log line can print them.
 */
export function readInvocationContext(context: unknown, startedAt: number, env: Record<string, string | undefined>): InvocationContext {
  const parsed = fcContextSchema.safeParse(context);
  if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error, 'context'), 'FC context');
  const c = parsed.data;

  const timeoutSeconds = c.function?.timeout ?? DEFAULT_TIMEOUT_SECONDS;
  const timeoutMs = timeoutSeconds * 1000;
  return {
    requestId: c.requestId,
    functionName: c.function?.name ?? env.FC_FUNCTION_NAME,
    accountId: c.accountId ?? env.FC_ACCOUNT_ID,
    region: c.region ?? env.FC_REGION,
    credentials: credentialsFromContext(c),
    timeoutSeconds,
    deadline: startedAt + timeoutMs - deadlineMarginMs(timeoutMs),
  };
}
