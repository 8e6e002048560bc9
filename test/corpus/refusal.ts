/**
 * What every bad-input case of the corpus asserts of what is shown (a CLI's stderr and stdout, an HTTP body,
 * a function's result and log lines), whatever the channel: it names the field, says how to fix it, holds no
 * stack trace and no secret. Each case table gives its `field` and `fix`; each runner adds the channel's own
 * outcome (exit code, status, INVALID_* code) and zero API calls.
 */

export interface Refusal {
  /** what the message must name: a flag, a body field, a variable, an event field */
  field: string | RegExp;
  /** how the message says to fix it: the expected form, an example, the known names, the way out */
  fix: RegExp;
}

/** a call frame of a stack trace, or the CLI's wording for an error it did not expect */
export const STACK_TRACE = /^\s+at \S.*(:\d+:\d+\)?|<anonymous>\)?)$|a bug in autotag|unexpected error/im;

/** `secret` as written and in the encodings an output could carry it in (base64, hex; percent and JSON forms of it are itself) */
function secretForms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex')];
}

/**
 * Fails naming the first of the checks that does not pass: `shown` (the text a person reads) names the field
 * and says the fix; neither it nor `raw` (everything output, e.g. the JSON it was read from) holds a stack
 * trace or a secret.
 */
export function expectRefusal(shown: string, c: Refusal, secrets: readonly string[], raw = shown): void {
  if (typeof c.field === 'string') expect(shown).toContain(c.field);
  else expect(shown).toMatch(c.field);
  expect(shown).toMatch(c.fix);
  expectNothingLeaked(raw === shown ? [shown] : [shown, raw], secrets);
}

/** No stack trace and no secret, in any of `outputs`. */
export function expectNothingLeaked(outputs: readonly string[], secrets: readonly string[]): void {
  for (const output of outputs) {
    expect(output).not.toMatch(STACK_TRACE);
    for (const secret of secrets) for (const form of secretForms(secret)) expect(output).not.toContain(form);
  }
}

/** What a JSON error document says to a person: its message and each issue as `field: message`. */
export function errorText(document: string): string {
  const { error } = JSON.parse(document) as { error: { message: string; issues?: { field: string; message: string }[] } };
  return [error.message, ...(error.issues ?? []).map((i) => `${i.field}: ${i.message}`)].join('\n');
}

/** The same checks on an issue list: one issue names the field (exactly, or by pattern) and says the fix. */
export function expectIssue(issues: readonly { field: string; message: string }[], c: Refusal): void {
  const named = issues.filter((i) => (typeof c.field === 'string' ? i.field === c.field : c.field.test(i.field)));
  expect(named.map((i) => i.field)).not.toEqual([]);
  expect(named.map((i) => i.message)).toContainEqual(expect.stringMatching(c.fix));
}
