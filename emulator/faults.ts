/**
 * Injected failures, decided per DataWorks request from a seeded generator so a run can be replayed:
 * `5xx` answers 503 ServiceUnavailable or 500 InternalError without doing anything; `throttle` answers 400
 * Throttling.User as an exhausted quota does (others sharing the account's budget: a throttling storm, at any
 * rate, whatever the QPS); `reset` destroys the socket before reading the request; `lostResponse` handles the
 * request (a write is applied) and then destroys the socket without answering; `latency` delays the answer
 * by `latencyMs` (default 2000). `latencyMs` with no `failRate` or `rates` is a base latency: every request
 * is delayed by it. `actions` narrows faults to requests for those actions (a test can make GetTable fail
 * while the listings answer).
 *
 * How often: `failRate` (0..1) split evenly among `kinds` (default every kind but `throttle`), or `rates`, each
 * kind's own share (e.g. 2.5 % 5xx, 2.5 % resets and 2 % lost responses).
 */
import { z } from 'zod';
import { pick, seededRandom, type Random } from './prng';
import { FAULT_KINDS, type FaultKind } from './stats';

/** what `failRate` picks among when no `kinds` are given (as before `throttle` existed: replays stay the same) */
const DEFAULT_KINDS: readonly FaultKind[] = ['5xx', 'reset', 'lostResponse', 'latency'];

export const faultOptionsSchema = z
  .object({
    /** 0..1 share of requests that get a fault, split evenly among `kinds` */
    failRate: z.number().min(0).max(1).optional(),
    kinds: z.array(z.enum(FAULT_KINDS)).min(1).optional(),
    /** each kind's own share of requests (instead of failRate and kinds) */
    rates: z.partialRecord(z.enum(FAULT_KINDS), z.number().min(0).max(1)).optional(),
    latencyMs: z.number().int().min(0).optional(),
    seed: z.number().int().optional(),
    /** only requests for these actions get faults (default: every action) */
    actions: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .refine((o) => !(o.rates && (o.failRate !== undefined || o.kinds)), { message: 'give either rates, or failRate and kinds', path: ['rates'] })
  .refine((o) => Object.values(o.rates ?? {}).reduce((a, b) => a + b, 0) <= 1, { message: 'the rates add up to more than 1', path: ['rates'] });

export type FaultOptions = z.infer<typeof faultOptionsSchema>;

const DEFAULT_LATENCY_MS = 2000;

/** An answer a fault gives instead of the handler's. */
export interface FaultAnswer {
  status: number;
  code: string;
  message: string;
}

const SERVER_ERRORS: readonly FaultAnswer[] = [
  { status: 503, code: 'ServiceUnavailable', message: 'The request has failed due to a temporary failure of the server.' },
  { status: 500, code: 'InternalError', message: 'The request processing has failed due to some unknown error.' },
];
/** the answer the QPS budget gives (throttle.ts) */
export const THROTTLED: FaultAnswer = { status: 400, code: 'Throttling.User', message: 'Request was denied due to user flow control.' };

export interface FaultDecision {
  kind?: FaultKind;
  /** how long to hold the answer (a latency fault, or the base latency) */
  delayMs: number;
  /** for `5xx` and `throttle`: the answer given instead of handling the request */
  answer?: FaultAnswer;
}

export class FaultInjector {
  private readonly random: Random;
  private readonly options: FaultOptions;

  constructor(options: FaultOptions | undefined) {
    this.options = faultOptionsSchema.parse(options ?? {});
    this.random = seededRandom(this.options.seed ?? 1);
  }

  next(action: string): FaultDecision {
    const { failRate = 0, rates, latencyMs, actions } = this.options;
    const baseDelay = failRate === 0 && !rates ? (latencyMs ?? 0) : 0;
    if (actions && !actions.includes(action)) return { delayMs: baseDelay };
    const kind = this.draw();
    if (!kind) return { delayMs: baseDelay };
    if (kind === 'latency') return { kind, delayMs: latencyMs ?? DEFAULT_LATENCY_MS };
    if (kind === '5xx') return { kind, delayMs: 0, answer: this.random() < 0.5 ? SERVER_ERRORS[0] : SERVER_ERRORS[1] };
    if (kind === 'throttle') return { kind, delayMs: 0, answer: THROTTLED };
    return { kind, delayMs: 0 };
  }

  private draw(): FaultKind | undefined {
    const { failRate = 0, kinds = DEFAULT_KINDS, rates } = this.options;
    if (rates) {
      let r = this.random();
      for (const kind of FAULT_KINDS) {
        const share = rates[kind] ?? 0;
        if (r < share) return kind;
        r -= share;
      }
      return undefined;
    }
    if (failRate === 0 || this.random() >= failRate) return undefined;
    return pick(this.random, kinds);
  }
}
