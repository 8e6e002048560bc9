/**
 * Checking what a caller hands a stand-in (start options, control requests): a strict zod schema, and on
 * failure an InvalidInputError naming every field at fault, so a typo in a test's options fails loudly.
 */
import type { z } from 'zod';
import { InvalidInputError, toInputIssues } from '../shared/errors';

export function checkedOptions<S extends z.ZodType>(schema: S, value: unknown, subject: string): z.infer<S> {
  const checked = schema.safeParse(value);
  if (!checked.success) throw new InvalidInputError(toInputIssues(checked.error), subject);
  return checked.data;
}
