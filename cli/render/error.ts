/**
 * Errors as a user can act on them: input issues one per line (file, rule, field, what to change), a
 * denied call with the RAM action it needs and the command that prints the policy, bad credentials with
 * where the default chain looks, throttling with the budget to lower. Expected errors never show a stack
 * trace; only an error autotag did not expect (a bug) does.
 */
import {
  AuthenticationError,
  AutotagError,
  formatIssue,
  InvalidInputError,
  PermissionError,
  ThrottledError,
  TransientError,
} from '../../shared/errors';
import { redact, redactString } from '../../shared/log';

export interface ErrorContext {
  /** the rule file of the command, to name it in `autotag policy --rules <file>` */
  rulesFile?: string;
}

const CREDENTIAL_CHAIN =
  'autotag reads credentials from the default chain: ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET ' +
  '(and ALIBABA_CLOUD_SECURITY_TOKEN), then ~/.alibabacloud/credentials, then the instance RAM role. ' +
  'For the local emulator, use the pair `autotag emulator` prints.';

export function renderError(e: unknown, context: ErrorContext = {}): string {
  if (e instanceof InvalidInputError) {
    return [`Invalid ${e.subject}:`, ...e.issues.map((i) => `  - ${formatIssue(i)}`)].join('\n');
  }
  if (e instanceof PermissionError) {
    return (
      `Permission denied: ${e.action} needs the RAM action "${e.ramAction}" (${e.serviceCode}${e.requestId ? `, request ${e.requestId}` : ''}).\n` +
      `Print the policy this rule set needs with: autotag policy --rules ${context.rulesFile ?? '<file>'}`
    );
  }
  if (e instanceof AuthenticationError) return `${e.message}\nThe credentials were refused. ${CREDENTIAL_CHAIN}`;
  if (e instanceof ThrottledError) {
    return `${e.message}\nThe account's DataWorks quota (50 reads/s, 20 writes/s per region) is shared by every caller: lower --read-qps / --write-qps.`;
  }
  if (e instanceof TransientError) return `${e.message}\nThe service could not be reached or failed; nothing more was attempted. Check --region / --endpoint and retry.`;
  if (e instanceof AutotagError) return e.message;
  const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
  return `Unexpected error (a bug in autotag; please report it with this text):\n${redactString(text)}`;
}

/** The error as the one JSON document `--json` prints. */
export function errorDocument(e: unknown): { error: unknown } {
  if (e instanceof AutotagError) return { error: redact(e) };
  return { error: { name: 'UnexpectedError', code: 'UNEXPECTED', message: redactString(e instanceof Error ? e.message : String(e)) } };
}
