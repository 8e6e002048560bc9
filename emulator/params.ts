/**
 * Request parameters as they arrive: a flat map of strings (query string, or the form body of ListTasks),
 * arrays and objects as JSON text in one value. Each action declares a strict zod schema over that map, so
 * a missing parameter answers `MissingParameter.<Name>`, a bad one `InvalidParameter.<Name>`, and a name
 * the API does not have (or the emulator does not emulate) `InvalidParameter`, instead of being ignored.
 */
import { z } from 'zod';
import { missingParameter, invalidParameter, ServiceError } from './service-error';
import { decodeQuery, headerOf, type HeaderMap, type QueryPairs } from './signature';

export type WireParams = Record<string, string>;

/** Query and form-body parameters as one map (an RPC call may carry either); a name given twice is refused. */
export function collectParams(query: QueryPairs, request: { headers: HeaderMap; body: Buffer }): WireParams {
  let form: QueryPairs = [];
  if ((headerOf(request.headers, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
    try {
      form = decodeQuery(request.body.toString('utf8'));
    } catch {
      throw new ServiceError(400, 'InvalidParameter', 'The form body has a malformed percent-encoding.');
    }
  }
  const pairs = [...query, ...form];
  const names = new Set<string>();
  for (const [name] of pairs) {
    if (names.has(name)) throw new ServiceError(400, 'InvalidParameter', `The parameter ${name} is given more than once.`);
    names.add(name);
  }
  // fromEntries defines own properties, so a parameter named __proto__ is just an unknown parameter
  return Object.fromEntries(pairs);
}

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
  // an unknown name at the top is an unknown parameter; inside a JSON value it is a bad value of that parameter
  if (issue.code === 'unrecognized_keys' && issue.path.length === 0)
    throw invalidParameter('InvalidParameter', `Unknown parameter ${issue.keys.join(', ')} (not in the API, or not emulated).`);
  const name = String(issue.path[0] ?? '');
  if (params[name] === undefined) throw missingParameter(name);
  const where = issue.path.length > 1 ? `${name}${issue.path.slice(1).map((p) => `[${String(p)}]`).join('')}` : name;
  throw invalidParameter(`InvalidParameter.${name}`, `The parameter ${where} is invalid: ${issue.message}.`);
}
