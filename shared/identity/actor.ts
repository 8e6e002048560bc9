/**
 * The actor of audit records: the ARN of the RAM identity a run acts as, asked of STS once per resolver (the
 * CLI makes one per process, a function one per invocation, whose credentials FC hands over per invocation) and
 * kept, failure included. A failure never fails a run: it is one warning, and the records leave `actor` out.
 * STS is not DataWorks: the call takes nothing of the DataWorks read budget.
 */
import type { CredentialsSource } from '../credentials';
import type { ResolvedEndpoint } from '../dataworks';
import { isAutotagError } from '../errors';
import type { Logger } from '../log';
import { getCallerIdentity } from './sts';

/** STS answers in milliseconds; past this a run does not wait longer for its audit field */
export const IDENTITY_TIMEOUT_MS = 3_000;

export interface ActorOptions {
  credentials: CredentialsSource;
  endpoint: ResolvedEndpoint;
  logger: Logger;
  timeoutMs?: number;
  /** told of a failure, besides the log line (the CLI prints it) */
  onFailure?: (message: string) => void;
}

/** The ARN, or undefined when STS could not say; asked at the first call, the same answer after. */
export function createActorResolver(options: ActorOptions): () => Promise<string | undefined> {
  let asked: Promise<string | undefined> | undefined;
  const ask = async () => {
    try {
      return (await getCallerIdentity({ credentials: options.credentials, endpoint: options.endpoint, timeoutMs: options.timeoutMs ?? IDENTITY_TIMEOUT_MS })).arn;
    } catch (e) {
      const error = isAutotagError(e) ? e.toJSON() : { message: e instanceof Error ? e.message : String(e) };
      const message = `the RAM identity the run acts as could not be read from STS (${String(error.message)}): its audit records leave out the actor`;
      options.logger.warn(message, { sts: options.endpoint.endpoint, error });
      options.onFailure?.(message);
      return undefined;
    }
  };
  return () => (asked ??= ask());
}
