/**
 * Errors as a user can act on them: input issues one per line (file, rule, field, what to change), a
 * denied call with the RAM action it needs and the command that prints the policy, bad credentials with
 * where the default chain looks, throttling with the budget to lower. Expected errors never show a stack
 * trace; only an error autotag did not expect (a bug) does.
 */
import { formatIssue, hasCode, isAutotagError } from '../../shared/errors';
import { redact, redactString } from '../../shared/log';

export interface ErrorContext {
  /** the rule file of the command, to name it in `autotag policy --rules <file>` */
  rulesFile?: string;
}

const CREDENTIAL_CHAIN =
  'autotag reads credentials from the default chain: ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET ' +
  '(and ALIBABA_CLOUD_SECURITY_TOKEN), then ~/.alibabacloud/credentials, then the instance RAM role. ' +
  'For the local emulator, use the pair `autotag emulator` prints.';

/**
 * By code, not class: `autotag invoke` sees errors built by a function's own bundle. Masked like every log line
 * (a value quoted in an issue could be a registered secret, say a notification's), as the JSON document is.
 */
export function renderError(e: unknown, context: ErrorContext = {}): string {
  return redactString(describe(e, context));
}

function describe(e: unknown, context: ErrorContext): string {
  if (hasCode(e, 'INVALID_INPUT')) {
    return [`Invalid ${e.subject}:`, ...e.issues.map((i) => `  - ${formatIssue(i)}`)].join('\n');
  }
  if (hasCode(e, 'INVALID_CONFIGURATION')) {
    return ['Invalid configuration:', ...e.issues.map((i) => `  - ${formatIssue(i)}`)].join('\n');
  }
  if (hasCode(e, 'API_PERMISSION')) {
    return (
      `Permission denied: ${e.action} needs the RAM action "${e.ramAction}" (${e.serviceCode}${e.requestId ? `, request ${e.requestId}` : ''}).\n` +
      `Print the policy this rule set needs with: autotag policy --rules ${context.rulesFile ?? '<file>'}`
    );
  }
  if (hasCode(e, 'API_AUTHENTICATION')) return `${e.message}\nThe credentials were refused. ${CREDENTIAL_CHAIN}`;
  if (hasCode(e, 'API_THROTTLED')) {
    return `${e.message}\nThe account's DataWorks quota (50 reads/s, 20 writes/s per region) is shared by every caller: lower --read-qps / --write-qps.`;
  }
  if (hasCode(e, 'API_TRANSIENT')) return `${e.message}\nThe service could not be reached or failed; nothing more was attempted. Check --region / --endpoint and retry.`;
  if (isAutotagError(e)) return e.message;
  const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
  return `Unexpected error (a bug in autotag; please report it with this text):\n${redactString(text)}`;
}

/** The error as the one JSON document `--json` prints. */
export function errorDocument(e: unknown): { error: unknown } {
  if (isAutotagError(e)) return { error: redact(e) };
  return { error: { name: 'UnexpectedError', code: 'UNEXPECTED', message: redactString(e instanceof Error ? e.message : String(e)) } };
}
