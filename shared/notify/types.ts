/**
 * What a notification is made from and what sending one returns. A run's outcome is plain data (counts and a
 * few examples), so the engine's run report, a failed invocation or a CLI run can each be mapped onto it; the
 * schema here checks it at the boundary.
 */
import { z } from 'zod';

/** examples carried per list; the message shows fewer */
export const MAX_EXAMPLES = 20;

const examples = <T extends z.ZodType>(item: T) =>
  z.strictObject({ count: z.number().int().min(0), examples: z.array(item).max(MAX_EXAMPLES).default([]) }).default({ count: 0, examples: [] });

export const runOutcomeSchema = z.strictObject({
  runId: z.string().min(1),
  ruleSet: z.string().optional(),
  /** how the run started: timer, event, http, cli */
  trigger: z.string().min(1),
  /** ISO time the run started */
  startedAt: z.iso.datetime({ offset: true }),
  durationMs: z.number().min(0).optional(),
  dryRun: z.boolean().default(false),
  /**
   * ok; partial (some bindings failed or a source could not be read); blocked (a guard stopped it before any
   * write); deadline (the time budget cut it short); failed (it threw before finishing)
   */
  status: z.enum(['ok', 'partial', 'blocked', 'deadline', 'failed']),
  /** why it stopped or failed */
  error: z.strictObject({ code: z.string(), message: z.string() }).optional(),
  /** bindings written (new tags bound, or values overwritten) */
  bound: examples(z.strictObject({ asset: z.string(), key: z.string(), value: z.string() })),
  /** bindings left alone because the asset carries another value and the rule says skip */
  conflicts: examples(z.strictObject({ asset: z.string(), key: z.string(), value: z.string(), currentValue: z.string() })),
  /** bindings that failed: `count` of them in all, `examples` grouped by reason */
  failures: examples(z.strictObject({ reason: z.string(), code: z.string().optional(), assets: z.number().int().min(0) })),
  /** partitions discovery could not read */
  sourceErrors: examples(z.strictObject({ partition: z.string(), message: z.string() })),
  /** where the run's report and coverage page can be read */
  links: z.strictObject({ report: z.url().optional(), coverage: z.url().optional() }).optional(),
});

/** A run's outcome, as given (lists may be left out). */
export type RunOutcomeInput = z.input<typeof runOutcomeSchema>;
/** A run's outcome, checked, every list present. */
export type RunOutcome = z.output<typeof runOutcomeSchema>;

/** What sending returned: never thrown, so a notification can never fail a run. */
export interface NotifyResult {
  /** false when no configured event applied, or when sending failed */
  sent: boolean;
  /** the configured events this outcome raised (none: nothing was sent) */
  events: string[];
  /** the channel and host, never the URL (it may carry a token) */
  target: string;
  attempts: number;
  /** why it was not sent, secrets masked */
  error?: { code: string; message: string };
}
