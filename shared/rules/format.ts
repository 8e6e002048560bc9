/**
 * Pieces of the rule-set FILE format that the rule set's schema (`schema.ts`) and the conditions
 * (`conditions/`) share: text where text is expected. (Closed objects come from shared/json; workspace ids and
 * env from shared/discovery, whose sources' sections use them too.)
 */
import { z } from 'zod';

/** Where text is expected, YAML's unquoted `true` or `3` is accepted too and read as text (see normalize.ts). */
export const text = z.union([z.string(), z.number(), z.boolean()], {
  error: 'expected text (a string; unquoted numbers and true/false are read as text)',
});
export const textOrList = z.union([text, z.array(text).min(1)], { error: 'expected a value or a non-empty list of values' });

/** A value where text is expected, as the file may hold it. */
export type Scalar = z.output<typeof text>;
