/**
 * The DataWorks API client: one typed function per entry of the action table (actions/; DeleteDataAssetTag
 * has none). Each call is checked by its entry's request schema, waits for its budget's rate limiter, goes
 * through the one transport, is retried with backoff when throttled or transient (feeding throttling back to
 * the limiter), never starts or sleeps past the deadline or once stopped, and has its answer checked by its
 * entry's response schema. Transient failures are retried `retry.maxAttempts` times; throttling is retried
 * until the deadline (a storm slows a run, the limiter converging to what the service grants), or for 15
 * minutes per call when there is no deadline, and a deadline that ends it is DeadlineExceededError, not a
 * failure of the call. Counts calls per action, retries and throttled answers for the run report.
 */
import { z } from 'zod';
import { clockSchema, systemClock, type Clock } from '../clock';
import type { CredentialsSource } from '../credentials';
import { InvalidInputError, ThrottledError, UnexpectedResponseError, toInputIssues } from '../errors';
import { redactAndClip, silentLogger, type Logger } from '../log';
import { backoffOptionsSchema, isAbortSignal, retry, type BackoffOptions } from '../retry';
import { ACTIONS, methodName, toWireCall, type ActionSpec, type DataWorksApi, type RequestOf, type ResponseOf } from './actions';
import { createApiLimiters, type ApiLimiters, type BudgetOptions } from './budgets';
import type { ResolvedEndpoint } from './endpoint';
import { createTransport, type WireCall, type WireResponse } from './transport';

export interface ClientOptions {
  /** fixed credentials, or a provider asked before each request (see shared/credentials) */
  credentials: CredentialsSource;
  /** from resolveEndpoint */
  endpoint: ResolvedEndpoint;
  clock?: Clock;
  logger?: Logger;
  /** uniform in [0, 1), for backoff jitter (default Math.random) */
  random?: () => number;
  /** epoch ms: no call starts and no wait ends at or after it */
  deadline?: number;
  /**
   * A deadline that can come early: once it fires (the CLI's SIGINT/SIGTERM), waits end and no call starts,
   * exactly as at the deadline; the refused calls' DeadlineExceededError says `reason: 'interrupted'`.
   */
  stop?: AbortSignal;
  retry?: BackoffOptions;
  /** the account's QPS budgets (default read 50, write 20) and how many shards share them */
  limits?: BudgetOptions;
  /** limiters shared with other clients of the same run (instead of `limits`) */
  limiters?: ApiLimiters;
  /** per request (default 10 s) */
  timeoutMs?: number;
}

/** What a client has done so far, for run reports: calls per action, retries, throttled answers. */
export interface ApiMetrics {
  calls: Record<string, number>;
  retries: number;
  throttled: number;
}

export interface DataWorksClient extends DataWorksApi {
  /** a snapshot of the calls made so far */
  metrics(): ApiMetrics;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** how much of an unexpected answer an error quotes */
const MAX_QUOTED = 500;

const isFunction = (v: unknown) => typeof v === 'function';
const hasFunctions = (...names: string[]) => (v: unknown) =>
  typeof v === 'object' && v !== null && names.every((n) => isFunction((v as Record<string, unknown>)[n]));

const optionsSchema = z
  .strictObject({
    credentials: z.union([
      z.strictObject({ accessKeyId: z.string().min(1), accessKeySecret: z.string().min(1), securityToken: z.string().optional() }),
      z.custom<() => Promise<never>>(isFunction),
    ]),
    endpoint: z.strictObject({ endpoint: z.string().min(1), protocol: z.enum(['HTTPS', 'HTTP']), regionId: z.string().optional() }),
    clock: clockSchema.default(systemClock),
    logger: z.custom<Logger>(hasFunctions('debug', 'info', 'warn', 'error'), 'must be a Logger').default(silentLogger),
    random: z.custom<() => number>(isFunction, 'must be a function').default(() => Math.random),
    deadline: z.number().finite().optional(),
    stop: z.custom<AbortSignal>(isAbortSignal, 'must be an AbortSignal').optional(),
    retry: backoffOptionsSchema.default(backoffOptionsSchema.parse({})),
    limits: z
      .strictObject({
        readQps: z.number().positive().optional(),
        writeQps: z.number().positive().optional(),
        shards: z.number().int().min(1).optional(),
      })
      .optional(),
    limiters: z.custom<ApiLimiters>((v) => hasFunctions('acquire', 'throttled')((v as ApiLimiters)?.read) && hasFunctions('acquire', 'throttled')((v as ApiLimiters)?.write), 'must hold read and write rate limiters').optional(),
    timeoutMs: z.number().int().positive().max(300_000).default(DEFAULT_TIMEOUT_MS),
  })
  .refine((o) => !(o.limits && o.limiters), { message: 'give either limits or limiters, not both', path: ['limiters'] });

export function createDataWorksClient(options: ClientOptions): DataWorksClient {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error), 'DataWorks client options');
  const { clock, logger, random, deadline, stop, retry: backoff, timeoutMs } = parsed.data;
  const limiters = parsed.data.limiters ?? createApiLimiters(clock, parsed.data.limits);
  const transport = createTransport({ credentials: options.credentials, endpoint: options.endpoint, timeoutMs });
  const counts: ApiMetrics = { calls: {}, retries: 0, throttled: 0 };

  async function perform<A extends ActionSpec>(action: A, request: RequestOf<A>): Promise<ResponseOf<A>> {
    const call = toWireCall(action, request);
    const budget = action.budget;
    const limiter = limiters[budget];
    const response = await retry(
      async () => {
        await limiter.acquire(deadline, stop);
        const startedAt = clock.now();
        counts.calls[call.action] = (counts.calls[call.action] ?? 0) + 1;
        try {
          return await transport(call);
        } catch (error) {
          if (error instanceof ThrottledError) {
            counts.throttled++;
            limiter.throttled(startedAt);
          }
          throw error;
        }
      },
      {
        ...backoff,
        clock,
        random,
        deadline,
        stop,
        persistent: (error) => error instanceof ThrottledError,
        onRetry: ({ attempt, delayMs, error }) => {
          counts.retries++;
          const e = error as ThrottledError;
          logger.warn('retrying DataWorks call', {
            action: call.action,
            attempt,
            delayMs,
            code: e.serviceCode,
            requestId: e.requestId,
            budget,
            rate: limiter.currentRate(),
          });
        },
      },
    );
    return readBody<A['response']>(call, response, action.response);
  }

  // One method per entry of the table. DataWorksApi is read off the same table; the cast is only because
  // Object.fromEntries cannot say which key holds which method (a test calls every one).
  const api = Object.fromEntries(
    ACTIONS.map((action) => [methodName(action.name), (request: RequestOf<typeof action>) => perform(action, request)]),
  ) as DataWorksApi;
  return { ...api, metrics: () => ({ calls: { ...counts.calls }, retries: counts.retries, throttled: counts.throttled }) };
}

/** The answer as our type, or UnexpectedResponseError quoting (a redacted start of) what came back. */
function readBody<S extends z.ZodType>(call: WireCall, response: WireResponse, reader: S): z.output<S> {
  const parsed = reader.safeParse(response.body);
  if (parsed.success) return parsed.data;
  const received = redactAndClip(JSON.stringify(response.body) ?? String(response.body), MAX_QUOTED);
  const problem = toInputIssues(parsed.error)
    .slice(0, 3)
    .map((issue) => `${issue.field}: ${issue.message}`)
    .join('; ');
  const requestId = typeof response.body?.RequestId === 'string' ? response.body.RequestId : undefined;
  throw new UnexpectedResponseError(
    { action: call.action, serviceCode: 'UnexpectedResponse', httpStatus: response.statusCode, requestId },
    received,
    problem,
  );
}
