/**
 * What a run tells people, for every caller that runs rule sets (the functions and the CLI): which notifier a run
 * uses (its rule set's `notify:` section with its `{ env }` values read, else the AUTOTAG_NOTIFY_* settings, else
 * none), the one mapping of the engine's RunReport (or of what a run threw) onto shared/notify's outcome, and a
 * run wrapped so that how it ended is sent. Sending never fails a run: shared/notify logs and returns what went
 * wrong, and so does a notifier left without time to send.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { auditToLog, type AuditRecord, type BindingAuditRecord, type RunDeps, type RunReport, type RunRequest } from '../engine';
import { isAutotagError } from '../errors';
import { redactString, type Logger } from '../log';
import { createNotifier, MAX_EXAMPLES, resolveNotifySection, type NotifyConfig, type NotifyEvent, type NotifyResult, type RunOutcomeInput } from '../notify';
import type { RuleSet } from '../rules';

/** Less time than this left before `sendBy`: nothing is sent (a message cut off mid-attempt helps nobody). */
const MIN_SEND_MS = 500;

export interface RunNotifierOptions {
  /** AUTOTAG_NOTIFY_*: the settings when the rule set has no `notify:` section */
  fallback?: NotifyConfig;
  /** where the section's `{ env: NAME }` values are read */
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  logger: Logger;
  /** only these of the configured events (a shard tells what went wrong with it; the rest is its coordinator's) */
  only?: readonly NotifyEvent[];
  /** epoch ms by which sending must be over (a function's hard timeout): sending gets the time left */
  sendBy?: number;
  /** told every result (the CLI prints it) */
  onResult?: (result: NotifyResult) => void;
}

export interface RunNotifier {
  /** the channel and host, never the URL */
  readonly target: string;
  notify(outcome: RunOutcomeInput): Promise<NotifyResult>;
}

/**
 * The notifier of a run of `ruleSet`, or undefined when nothing is configured (or no configured event is left).
 * A section naming a variable that is not set, or wrong once read, throws ConfigurationError: before the run.
 */
export function runNotifier(ruleSet: RuleSet, options: RunNotifierOptions): RunNotifier | undefined {
  const config = ruleSet.notify ? resolveNotifySection(ruleSet.notify, options.env) : options.fallback;
  if (!config) return undefined;
  const events = options.only ? config.events.filter((e) => options.only!.includes(e)) : config.events;
  if (!events.length) return undefined;
  const deps = { clock: options.clock, logger: options.logger };
  const notifier = createNotifier({ ...config, events }, deps);
  const send = async (outcome: RunOutcomeInput): Promise<NotifyResult> => {
    const left = options.sendBy === undefined ? Infinity : options.sendBy - options.clock.now();
    if (left >= config.totalTimeoutMs) return notifier.notify(outcome);
    if (left >= MIN_SEND_MS) return createNotifier({ ...config, events, totalTimeoutMs: Math.floor(left), timeoutMs: Math.min(config.timeoutMs, Math.floor(left)) }, deps).notify(outcome);
    const error = { code: 'NOTIFY_NO_TIME', message: `${Math.max(0, Math.round(left))} ms left before the function's timeout: too little to send` };
    options.logger.warn('notification not sent', { notify: notifier.target, error });
    return { sent: false, events: [], target: notifier.target, attempts: 0, error };
  };
  return {
    target: notifier.target,
    async notify(outcome) {
      const result = await send(outcome);
      options.onResult?.(result);
      return result;
    },
  };
}

/** A run's report as a notification's outcome; `bound`: audit records of the run (those that bound a value are examples). */
export function outcomeOfReport(report: RunReport, bound: readonly BindingAuditRecord[] = []): RunOutcomeInput {
  const skipped = report.conflicts.filter((c) => c.resolution === 'skip');
  const some = <T, U>(items: readonly T[], map: (item: T) => U) => items.slice(0, MAX_EXAMPLES).map(map);
  return {
    runId: report.runId,
    ...(report.ruleSet !== undefined && { ruleSet: report.ruleSet }),
    trigger: report.trigger,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    dryRun: report.dryRun,
    status: report.status,
    ...(report.stoppedBy && { error: { code: report.stoppedBy.code, message: report.stoppedBy.message } }),
    bound: { count: report.result.applied, examples: some(bound.filter((r) => r.newValue !== null), (r) => ({ asset: r.assetName, key: r.key, value: r.newValue! })) },
    conflicts: { count: skipped.length, examples: some(skipped, (c) => ({ asset: c.assetName, key: c.key, value: c.value, currentValue: c.currentValue ?? '' })) },
    failures: { count: report.result.failed, examples: some(report.failures, (f) => ({ reason: f.reason, ...(f.code !== undefined && { code: f.code }), assets: f.assetIds.length })) },
    sourceErrors: { count: report.sourceErrors.length, examples: some(report.sourceErrors, (e) => ({ partition: e.partition, message: e.message })) },
  };
}

/** A run that threw before it had a report, as a notification's outcome. */
export function outcomeOfFailure(error: unknown, run: { runId: string; trigger: string; ruleSet?: string; startedAt: number; now: number }): RunOutcomeInput {
  const message = error instanceof Error ? error.message : String(error);
  return {
    runId: run.runId,
    ...(run.ruleSet !== undefined && { ruleSet: run.ruleSet }),
    trigger: run.trigger,
    startedAt: new Date(run.startedAt).toISOString(),
    durationMs: Math.max(0, run.now - run.startedAt),
    status: 'failed',
    error: { code: isAutotagError(error) ? error.code : 'UNEXPECTED', message: redactString(message) },
  };
}

/**
 * Runs `run` (the request given a run id when it has none, so a failure names it too), then tells `notifier`
 * how it ended: the report, returned, or what it threw, rethrown. Without a notifier it only runs. `quiet`:
 * a report that tells nothing yet (a piece of a run that goes on in another invocation: the last one tells).
 */
export async function runNotified(
  notifier: RunNotifier | undefined,
  request: RunRequest,
  deps: RunDeps,
  run: (request: RunRequest, deps: RunDeps) => Promise<RunReport>,
  options: { quiet?: (report: RunReport) => boolean } = {},
): Promise<RunReport> {
  if (!notifier) return run(request, deps);
  const runId = request.runId ?? randomUUID();
  const startedAt = deps.clock.now();
  const bound: BindingAuditRecord[] = [];
  const sink = deps.audit ?? auditToLog(deps.logger);
  const audit = (record: AuditRecord) => {
    if (record.kind === 'binding' && record.newValue !== null && bound.length < MAX_EXAMPLES) bound.push(record);
    sink(record);
  };
  let report: RunReport;
  try {
    report = await run({ ...request, runId }, { ...deps, audit });
  } catch (error) {
    const ruleSet = request.ruleSet.name ?? request.ruleSet.file;
    await notifier.notify(outcomeOfFailure(error, { runId, trigger: request.trigger, ruleSet, startedAt, now: deps.clock.now() }));
    throw error;
  }
  if (!options.quiet?.(report)) await notifier.notify(outcomeOfReport(report, bound));
  return report;
}
