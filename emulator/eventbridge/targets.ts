/**
 * Event targets (CreateRule `EventTargets`, PutTargets `Targets`): their wire shape, and what an
 * `acs.fc.function` target means, the only type emulated (research.md §3). Checked strictly, since a
 * target the real service accepted but we misread would deliver nowhere:
 * - Endpoint `acs:fc:<region>:<account>:functions/<fn>` (FC 3.0, inferred form) or
 *   `acs:fc:<region>:<account>:services/<svc>[.<qualifier>]/functions/<fn>` (FC 2.0), in the fake's own
 *   region and account (the limits page: targets are in the same region and the caller's account).
 * - ParamList, each ResourceKey once: `functionName` (CONSTANT, equal to the endpoint's), `serviceName`
 *   (CONSTANT, exactly when the endpoint names a service), `Qualifier` (CONSTANT, default LATEST),
 *   `InvocationType` (CONSTANT Sync | Async, default Sync: the key is commonly cited, not documented),
 *   and `Body`: ORIGINAL (the whole CloudEvent, as JSON), JSONPATH (`$` or `$.a.b`; `$.data` is the
 *   RawData schema: the payload only) or CONSTANT (`Value` as is). TEMPLATE is not emulated.
 */
import { z } from 'zod';

export const PUSH_RETRY_STRATEGIES = ['BACKOFF_RETRY', 'EXPONENTIAL_DECAY_RETRY'] as const;

/** the limits page: template and value texts */
const MAX_PARAM_TEXT = 10_240;

const paramSchema = z
  .object({
    ResourceKey: z.string().min(1),
    Form: z.enum(['CONSTANT', 'ORIGINAL', 'TEMPLATE', 'JSONPATH']),
    Value: z.string().max(MAX_PARAM_TEXT).optional(),
    Template: z.string().max(MAX_PARAM_TEXT).optional(),
  })
  .strict();

export const targetSchema = z
  .object({
    Id: z.string().min(1),
    Type: z.string().min(1),
    Endpoint: z.string().min(1).optional(),
    PushRetryStrategy: z.enum(PUSH_RETRY_STRATEGIES).optional(),
    ErrorsTolerance: z.enum(['ALL', 'NONE']).optional(),
    DeadLetterQueue: z.object({ Arn: z.string().min(1) }).strict().optional(),
    ConcurrentConfig: z.object({ Concurrency: z.number().int().positive() }).strict().optional(),
    ParamList: z.array(paramSchema),
  })
  .strict();

export type EventTarget = z.infer<typeof targetSchema>;
type Param = EventTarget['ParamList'][number];

export type BodySpec = { form: 'ORIGINAL' } | { form: 'JSONPATH'; path: string[] } | { form: 'CONSTANT'; value: string };

export interface FcTarget {
  functionName: string;
  /** FC 2.0 functions only */
  serviceName?: string;
  qualifier: string;
  invocationType: 'Sync' | 'Async';
  body: BodySpec;
}

/** Why a target is refused; the message goes to the caller. */
export class TargetError extends Error {}

export const FC_TARGET_TYPE = 'acs.fc.function';
const FC_KEYS = new Set(['serviceName', 'functionName', 'Qualifier', 'InvocationType', 'Body']);
const JSON_PATH = /^\$((?:\.[A-Za-z0-9_-]+)*)$/;

function constant(param: Param | undefined, key: string): string | undefined {
  if (!param) return undefined;
  if (param.Form !== 'CONSTANT' || param.Value === undefined) throw new TargetError(`ParamList ${key} must be CONSTANT with a Value`);
  return param.Value;
}

function bodySpec(param: Param | undefined): BodySpec {
  if (!param) throw new TargetError('ParamList needs a Body (ORIGINAL for the CloudEvent, JSONPATH $.data for its payload)');
  switch (param.Form) {
    case 'ORIGINAL':
      return { form: 'ORIGINAL' };
    case 'CONSTANT':
      if (param.Value === undefined) throw new TargetError('a CONSTANT Body needs a Value');
      return { form: 'CONSTANT', value: param.Value };
    case 'JSONPATH': {
      const m = JSON_PATH.exec(param.Value ?? '');
      if (!m) throw new TargetError(`a JSONPATH Body takes $ or $.field.field, not ${JSON.stringify(param.Value)}`);
      return { form: 'JSONPATH', path: m[1].split('.').filter(Boolean) };
    }
    case 'TEMPLATE':
      throw new TargetError('a TEMPLATE Body is not emulated');
  }
}

/** What the target asks of FC, or a TargetError saying why it is refused. */
export function fcTarget(target: EventTarget, region: string, accountId: string): FcTarget {
  if (target.Type !== FC_TARGET_TYPE) throw new TargetError(`target type ${target.Type} is not emulated (only ${FC_TARGET_TYPE})`);
  const endpoint = target.Endpoint ?? '';
  const prefix = `acs:fc:${region}:${accountId}:`;
  if (!endpoint.startsWith(prefix)) throw new TargetError(`Endpoint is ${endpoint || 'missing'}; it must start ${prefix} (same region and account)`);
  const m = /^(?:services\/([^/.]+)(?:\.([^/]+))?\/)?functions\/([^/]+)$/.exec(endpoint.slice(prefix.length));
  if (!m) throw new TargetError(`Endpoint is ${endpoint}; it must be ${prefix}functions/<name> or ${prefix}services/<service>/functions/<name>`);
  const [, endpointService, endpointQualifier, endpointFunction] = m;

  const params = new Map<string, Param>();
  for (const p of target.ParamList) {
    if (!FC_KEYS.has(p.ResourceKey)) throw new TargetError(`ParamList ResourceKey ${p.ResourceKey} is not a parameter of ${FC_TARGET_TYPE} (or not emulated)`);
    if (params.has(p.ResourceKey)) throw new TargetError(`ParamList names ${p.ResourceKey} twice`);
    params.set(p.ResourceKey, p);
  }
  const functionName = constant(params.get('functionName'), 'functionName');
  if (functionName !== endpointFunction) throw new TargetError(`ParamList functionName is ${functionName ?? 'missing'}, the Endpoint names ${endpointFunction}`);
  const serviceName = constant(params.get('serviceName'), 'serviceName');
  if (serviceName !== endpointService)
    throw new TargetError(endpointService ? `ParamList serviceName is ${serviceName ?? 'missing'}, the Endpoint names ${endpointService}` : 'an FC 3.0 Endpoint takes no serviceName');
  const qualifier = constant(params.get('Qualifier'), 'Qualifier') ?? endpointQualifier ?? 'LATEST';
  if (endpointQualifier !== undefined && qualifier !== endpointQualifier) throw new TargetError(`ParamList Qualifier is ${qualifier}, the Endpoint names ${endpointQualifier}`);
  const invocationType = constant(params.get('InvocationType'), 'InvocationType') ?? 'Sync';
  if (invocationType !== 'Sync' && invocationType !== 'Async') throw new TargetError(`ParamList InvocationType must be Sync or Async, not ${invocationType}`);
  return { functionName, ...(serviceName !== undefined && { serviceName }), qualifier, invocationType, body: bodySpec(params.get('Body')) };
}

/** The bytes FC hands the function as `event`, for this event and body spec. */
export function invocationBody(spec: BodySpec, event: Record<string, unknown>): Buffer {
  if (spec.form === 'CONSTANT') return Buffer.from(spec.value);
  if (spec.form === 'ORIGINAL') return Buffer.from(JSON.stringify(event));
  let value: unknown = event;
  for (const field of spec.path) value = typeof value === 'object' && value !== null && Object.hasOwn(value, field) ? (value as Record<string, unknown>)[field] : undefined;
  // a string is sent as it is; a path that leads nowhere sends an empty body (the docs do not say)
  return Buffer.from(typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value));
}
