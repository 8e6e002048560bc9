/**
 * Pieces of the rule-set FILE format that the rule set's schema (`schema.ts`) and the conditions
 * (`conditions/`) share: text where text is expected. (Closed objects come from shared/json; workspace ids and
 * env from shared/discovery, whose sources' sections use them too.)
 */
import { z } from 'zod';
import { LIMITS, TAG_KEY_PATTERN, TAG_VALUE_PATTERN } from '../dataworks';

/** Text, or what YAML reads as a number or boolean where the text was meant; `string` says which text. */
const textAs = (string: z.ZodString) => z.union([string, z.number(), z.boolean()], { error: 'expected text (a string; unquoted numbers and true/false are read as text)' });

/** Where text is expected, YAML's unquoted `true` or `3` is accepted too and read as text (see normalize.ts). */
export const text = textAs(z.string());

// The constraints below are JSON Schema only (`.meta`), for editors: the loader checks the same rules itself
// (shared/dataworks tags.ts), with messages that say what to change.

/** A tag key. */
export const tagKey = z.string().meta({ pattern: TAG_KEY_PATTERN, description: `1-${LIMITS.maxKeyLength} letters, digits and -@#*<>|[]()+=&%$!~ (no "_", "." or space), not starting with dw:, aliyun or acs:` });

/** A tag value, as text. */
export const tagValue = textAs(z.string().meta({ maxLength: LIMITS.maxValueLength, pattern: TAG_VALUE_PATTERN }));
export const textOrList = z.union([text, z.array(text).min(1)], { error: 'expected a value or a non-empty list of values' });

/** A value where text is expected, as the file may hold it. */
export type Scalar = z.output<typeof text>;
