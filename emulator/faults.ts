/**
 * Injected failures, decided per DataWorks request from a seeded generator so a run can be replayed:
 * `5xx` answers 503 ServiceUnavailable or 500 InternalError without doing anything; `reset` destroys the
 * socket before reading the request; `lostResponse` handles the request (a write is applied) and then
 * destroys the socket without answering; `latency` delays the answer by `latencyMs` (default 2000).
 * `latencyMs` with no `failRate` is a base latency: every request is delayed by it. `actions` narrows faults
 * to requests for those actions (a test can make GetTable fail while the listings answer).
 */
import { z } from 'zod';
import { pick, seededRandom, type Random } from './prng';
import { FAULT_KINDS, type FaultKind } from './stats';

export const faultOptionsSchema = z
  .object({
    /** 0..1 share of requests that get a fault, split evenly among `kinds` */
    failRate: z.number().min(0).max(1).optional(),
    kinds: z.array(z.enum(FAULT_KINDS)).min(1).optional(),
    latencyMs: z.number().int().min(0).optional(),
    seed: z.number().int().optional(),
    /** only requests for these actions get faults (default: every action) */
    actions: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

export type FaultOptions = z.infer<typeof faultOptionsSchema>;

const DEFAULT_LATENCY_MS = 2000;

export interface FaultDecision {
  kind?: FaultKind;
  /** how long to hold the answer (a latency fault, or the base latency) */
  delayMs: number;
  /** for `5xx`: which server error */
  status?: 500 | 503;
}

export class FaultInjector {
  private readonly random: Random;
  private readonly options: FaultOptions;

  constructor(options: FaultOptions | undefined) {
    this.options = faultOptionsSchema.parse(options ?? {});
    this.random = seededRandom(this.options.seed ?? 1);
  }

  next(action: string): FaultDecision {
    const { failRate = 0, kinds = FAULT_KINDS, latencyMs, actions } = this.options;
    const baseDelay = failRate === 0 ? (latencyMs ?? 0) : 0;
    if (actions && !actions.includes(action)) return { delayMs: baseDelay };
    if (failRate === 0 || this.random() >= failRate) return { delayMs: baseDelay };
    const kind = pick(this.random, kinds);
    if (kind === 'latency') return { kind, delayMs: latencyMs ?? DEFAULT_LATENCY_MS };
    if (kind === '5xx') return { kind, delayMs: 0, status: this.random() < 0.5 ? 503 : 500 };
    return { kind, delayMs: 0 };
  }
}
