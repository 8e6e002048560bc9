/**
 * Closed objects: input schemas (zod) whose unknown keys fail, each with a did-you-mean against the keys the
 * object allows, so a typo'd key is named and never silently ignored. Rule files and their sections use them.
 */
import { z } from 'zod';
import { closest } from './closest';

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
