/**
 * Pieces of the rule-set FILE format that the rule set's schema (`schema.ts`) and the conditions
 * (`conditions/`) share: closed objects with a did-you-mean, text where text is expected, workspace ids, env.
 */
import { z } from 'zod';
import { ENV_TYPES } from '../dataworks';
import { closest } from './issues';

/** A closed object: unknown keys are rejected, with a did-you-mean against the keys it allows. */
export function closed<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? unknownKeysMessage(iss.keys, allowed) : undefined),
  });
}

function unknownKeysMessage(keys: readonly string[], allowed: readonly string[]): string {
  const each = keys.map((k) => {
    const near = closest(k, allowed);
    return `unknown key "${k}"${near ? ` (did you mean "${near}"?)` : ''}`;
  });
  return `${each.join('; ')}; allowed keys here: ${allowed.join(', ')}`;
}

/** Where text is expected, YAML's unquoted `true` or `3` is accepted too and read as text (see normalize.ts). */
export const text = z.union([z.string(), z.number(), z.boolean()], {
  error: 'expected text (a string; unquoted numbers and true/false are read as text)',
});
export const textOrList = z.union([text, z.array(text).min(1)], { error: 'expected a value or a non-empty list of values' });

/** A value where text is expected, as the file may hold it. */
export type Scalar = z.output<typeof text>;

export const env = z.enum(ENV_TYPES);
export const projectIds = z.array(z.number().int().positive()).min(1).meta({ description: 'DataWorks workspace ids' });
