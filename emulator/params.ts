/**
 * Request parameters as they arrive: a flat map of strings (query string, or the form body of ListTasks),
 * arrays and objects as JSON text in one value. Each action declares a strict zod schema over that map, so
 * a missing parameter answers `MissingParameter.<Name>`, a bad one `InvalidParameter.<Name>`, and a name
 * the API does not have (or the emulator does not emulate) `InvalidParameter`, instead of being ignored.
 */
import { z } from 'zod';
import { missingParameter, invalidParameter } from './service-error';

export type WireParams = Record<string, string>;

const integer = z
  .string()
  .regex(/^-?\d+$/, 'must be an integer')
  .transform(Number);

export const wire = {
  integer,
  positiveInteger: integer.pipe(z.number().int().min(1, 'must be at least 1')),
  boolean: z.enum(['true', 'false']).transform((v) => v === 'true'),
  /** a value holding JSON text, checked against `schema` */
  json<T extends z.ZodType>(schema: T) {
    return z
      .string()
      .transform((text, ctx): unknown => {
        try {
          return JSON.parse(text);
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be JSON text' });
          return z.NEVER;
        }
      })
      .pipe(schema);
  },
};

/** PageNumber / PageSize as every list action takes them; the PageSize limit is checked by `pageOf`. */
export const pagingParams = {
  PageNumber: wire.positiveInteger.optional(),
  PageSize: wire.positiveInteger.optional(),
};

export function parseParams<S extends z.ZodType>(schema: S, params: WireParams): z.infer<S> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue.code === 'unrecognized_keys')
    throw invalidParameter('InvalidParameter', `Unknown parameter ${issue.keys.join(', ')} (not in the API, or not emulated).`);
  const name = String(issue.path[0] ?? '');
  if (params[name] === undefined) throw missingParameter(name);
  const where = issue.path.length > 1 ? `${name}${issue.path.slice(1).map((p) => `[${String(p)}]`).join('')}` : name;
  throw invalidParameter(`InvalidParameter.${name}`, `The parameter ${where} is invalid: ${issue.message}.`);
}
