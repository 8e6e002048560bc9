/**
 * The functions the local FC knows, registered by name as `s deploy` would create them: the built bundle
 * (`dist/<name>/index.js`) and its export, environment variables, timeout and memory, the role whose STS
 * triple FC hands each invocation, `asyncInvokeConfig` (maxAsyncRetryAttempts 0–8, default 3; asyncTask),
 * how many instances may run at once, and optionally the FC 2.0 service the function is reachable in.
 * FC allows whole seconds of timeout (1–86400); fractions are accepted here so tests can force timeouts.
 */
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { InvalidInputError, toInputIssues } from '../../shared/errors';
import { credentialSchema, type AccessKeyCredential } from '../auth';

const FC_NAME = /^[_a-zA-Z][-_a-zA-Z0-9]{0,127}$/;

export const functionSpecSchema = z
  .object({
    name: z.string().regex(FC_NAME, 'must be an FC function name'),
    /** absolute path of the bundle's entry file */
    bundle: z.string().refine(isAbsolute, 'must be an absolute path'),
    /** the exported handler, default `handler` (s.yaml `handler: index.handler`) */
    handler: z.string().min(1).default('handler'),
    env: z.record(z.string(), z.string()).default({}),
    /** seconds */
    timeout: z.number().positive().max(86_400),
    /** MB: the instance's V8 heap limit */
    memory: z.number().int().min(128).max(32_768).default(512),
    role: credentialSchema.optional(),
    maxAsyncRetryAttempts: z.number().int().min(0).max(8).default(3),
    asyncTask: z.boolean().default(false),
    maxInstances: z.number().int().min(1).max(100).default(3),
    /** FC 2.0: the service the function can be invoked in through `/2016-08-15/services/<service>/...` */
    service: z.string().regex(FC_NAME, 'must be an FC service name').optional(),
  })
  .strict();

export type FunctionSpecInput = z.input<typeof functionSpecSchema>;
export type FunctionSpec = z.output<typeof functionSpecSchema> & { role?: AccessKeyCredential };

export class FunctionRegistry {
  private readonly byName = new Map<string, FunctionSpec>();

  register(input: FunctionSpecInput): FunctionSpec {
    const parsed = functionSpecSchema.safeParse(input);
    if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error, 'function'), 'local FC function');
    const spec = parsed.data;
    this.byName.set(spec.name, spec);
    return spec;
  }

  get(name: string): FunctionSpec | undefined {
    return this.byName.get(name);
  }

  /** the function of that name in that FC 2.0 service */
  inService(service: string, name: string): FunctionSpec | undefined {
    const spec = this.byName.get(name);
    return spec?.service === service ? spec : undefined;
  }

  hasService(service: string): boolean {
    return [...this.byName.values()].some((s) => s.service === service);
  }

  all(): FunctionSpec[] {
    return [...this.byName.values()];
  }
}
