/**
 * `autotag plan` and `autotag apply`: load and check the rule set, connect, run the engine with progress on
 * stderr, then print the plan (dry run) or the report. With --json, a dry run streams its plan as JSON lines
 * while it runs (the engine's plan records, then the report as the last line: nothing holds the whole plan),
 * and an apply prints exactly one JSON document, the report. The exit code follows the report, or the signal
 * that interrupted the run.
 */
import { systemClock, type Clock } from '../../shared/clock';
import { DeadlineExceededError } from '../../shared/errors';
import { HOLD_WRITES, planRecordLine, runRules, type RunDeps, type RunReport, type RunRequest } from '../../shared/engine';
import type { LogLevel } from '../../shared/log';
import type { NotifyConfig, NotifyResult } from '../../shared/notify';
import { runNotified, runNotifier } from '../../shared/runtime';
import { loadRuleSet, type RuleSet } from '../../shared/rules';
import type { ResolvedEndpoint } from '../../shared/dataworks';
import { openAuditFile } from '../audit-file';
import { connect, connectActor, endpointOf } from '../connect';
import { coverageOutput, type CoverageFlags } from '../run-coverage';
import { exitCodeOfReport, exitCodeOfSignal, STOP_SIGNALS, type ExitCode, type StopSignal } from '../exit-codes';
import type { BudgetFlags, ScopeFlags, TargetFlags } from '../options';
import { count, counted } from '../render/format';
import type { Palette } from '../render/colour';
import { renderNotification } from '../render/notification';
import { renderPlan } from '../render/plan';
import { createProgress } from '../render/progress';
import { renderReport, unreadLine } from '../render/report';
import { openTableCache, type TableCacheFlags } from '../table-cache';
import { eprintln, printJson, println, stderrLogger, type Terminal } from '../terminal';

const DEFAULT_LINES_PER_RULE = 10;

export interface RunFlags extends TargetFlags, BudgetFlags, ScopeFlags, TableCacheFlags, CoverageFlags {
  rules: string;
  json?: boolean;
  dryRun?: boolean;
  maxBindings?: number;
  /** plan lines per rule */
  lines?: number;
  logLevel?: LogLevel;
  /** append one JSON line per applied change (and per overwrite, its intent first) to this file */
  auditLog?: string;
  /** AUTOTAG_NOTIFY_*: where apply notifies when the rule set has no `notify:` section */
  notify?: NotifyConfig;
  /** the environment: the variables a rule set's `notify:` section names are read from it */
  env?: Readonly<Record<string, string | undefined>>;
  /** AUTOTAG_STS_ENDPOINT: where apply asks who it acts as (the audit records' actor) */
  stsEndpoint?: ResolvedEndpoint;
}

export interface RunOutcome {
  report: RunReport;
  /** calls throttled while reading, for the hint on which budget to lower */
  throttledWhileReading: number;
}

/** One engine run, with progress drawn on stderr unless `quiet` (--json). */
export async function runWithProgress(request: RunRequest, deps: RunDeps, term: Terminal, options: { quiet?: boolean; clock: Clock }): Promise<RunOutcome> {
  const progress = createProgress({ write: term.err, tty: term.errIsTTY, now: options.clock.now, columns: term.columns, paint: term.paint.err });
  try {
    const report = await runRules(request, { ...deps, onProgress: options.quiet ? undefined : progress.update });
    return { report, throttledWhileReading: progress.throttledWhileReading() };
  } finally {
    progress.finish();
  }
}

/** What to do after a dry run: apply it, and whether the blast-radius guard would stop that. */
function nextSteps(report: RunReport, ruleSet: RuleSet, flags: Pick<RunFlags, 'rules' | 'region' | 'endpoint' | 'maxBindings'>): string[] {
  const target = flags.endpoint ? ` --endpoint ${flags.endpoint}` : flags.region ? ` --region ${flags.region}` : '';
  const limit = flags.maxBindings ?? ruleSet.settings.maxBindings;
  const writes = report.plan.plannedWrites;
  // (a plan cut short prints no plan, so nothing to apply either)
  const unread = report.sourceErrors.length;
  if (unread > 0) {
    return [`This plan is incomplete: ${counted(unread, 'source')} could not be read (see above). Applying it would leave out what it did not read: fix that, then plan again.`];
  }
  if (report.unread) return [`The plan is incomplete (${unreadLine(report)}): plan again with more time before applying it.`];
  if (writes === 0) return ['Nothing to write: every wanted tag is already bound (or skipped as a conflict).'];
  const apply = `autotag apply --rules ${flags.rules}${target}`;
  if (writes > limit) {
    // a limit up to HOLD_WRITES is checked against the whole plan before any write; a higher one window by window
    const stop = limit <= HOLD_WRITES ? 'Applying would stop before the first write' : `Applying would stop after ${count(limit)} writes`;
    return [`${stop}: ${count(writes)} writes exceed the limit of ${count(limit)} (settings.maxBindings).`, `If this plan is what you want: ${apply} --max-bindings ${writes}`];
  }
  return [`Apply it with: ${apply}`];
}

/** `coverage`: the lines coverage prints after the report (none with --no-coverage). */
function renderRun(outcome: RunOutcome, ruleSet: RuleSet, flags: RunFlags, paint: Palette, coverage: string[]): string {
  const { report } = outcome;
  const summary = [renderReport(report, { throttledWhileReading: outcome.throttledWhileReading, paint }), ...(coverage.length ? ['', ...coverage] : [])].join('\n');
  if (report.planDetail) return [renderPlan(report.planDetail, { linesPerRule: flags.lines, paint }), '', summary, ...(coverage.length ? [''] : []), ...nextSteps(report, ruleSet, flags)].join('\n');
  return summary;
}

function printNotification(term: Terminal, result: NotifyResult): void {
  const line = renderNotification(result);
  if (line) eprintln(term, `autotag: ${line}`);
}

/** The signal that fired `stop`, if it did. */
function stopSignalOf(stop: AbortSignal): StopSignal | undefined {
  return stop.aborted ? STOP_SIGNALS.find((s) => s === stop.reason) : undefined;
}

/**
 * The report of a run a signal cut short: it ended as at a deadline (what did not start is "not started"),
 * and `stoppedBy` says it was interrupted, and by what, rather than that the time budget ran out.
 */
function interrupted(report: RunReport, signal: StopSignal, clock: Clock): RunReport {
  if (report.status !== 'deadline') return report;
  const stop = new DeadlineExceededError(clock.now(), signal);
  const stoppedBy = { code: stop.code, message: stop.message, reason: stop.reason, interruptedBy: signal };
  return { ...report, stoppedBy };
}

/** `stop`: the CLI's graceful stop (SIGINT/SIGTERM): no new call starts, the report so far is printed, exit 130/143. */
export async function runCommand(flags: RunFlags, term: Terminal, mode: 'plan' | 'apply', stop: AbortSignal): Promise<ExitCode> {
  const clock = systemClock;
  stop.addEventListener(
    'abort',
    () => eprintln(term, `autotag: ${String(stop.reason)}: stopping at a safe point: no new API call starts, the calls in flight finish, then the report so far. Send it again to exit at once.`),
    { once: true },
  );
  const ruleSet = await loadRuleSet(flags.rules);
  const logger = stderrLogger(term, flags.logLevel);
  const dryRun = mode === 'plan' || !!flags.dryRun;
  const lines = dryRun && flags.json;
  // settled before connecting: a notify section naming an unset variable is an input error, before any call
  const notifier = dryRun ? undefined : runNotifier(ruleSet, { fallback: flags.notify, env: flags.env ?? {}, clock, logger, onResult: (r) => printNotification(term, r) });
  const api = connect(flags, { clock, logger, stop });
  const tableDetails = openTableCache(flags, { clock, logger, endpoint: endpointOf(flags), env: process.env });
  const actor = dryRun ? undefined : await connectActor(flags, { logger, onFailure: (m) => eprintln(term, `autotag: warning: ${m}`) })();
  const request: RunRequest = {
    ...(actor && { actor }),
    ruleSet,
    trigger: 'cli',
    ruleIds: flags.rule,
    projects: flags.project,
    dryRun,
    maxBindings: flags.maxBindings,
    // the text plan keeps only the lines it prints; JSON lines carry every binding as it is planned
    planSample: lines ? 0 : (flags.lines ?? DEFAULT_LINES_PER_RULE),
  };
  // checked before any call: a path that cannot take the log is refused (exit 2), not found out after the first writes
  const auditFile = flags.auditLog && !dryRun ? openAuditFile(flags.auditLog) : undefined;
  const coverage = coverageOutput(ruleSet, flags, term, clock);
  const observer = { ...coverage.observer, ...(lines && { plan: (record: Parameters<typeof planRecordLine>[0]) => term.out(planRecordLine(record)) }) };
  let throttledWhileReading = 0;
  const ran = await runNotified(notifier, request, { api, clock, logger, metrics: api.metrics, audit: auditFile?.append, observer, tableDetails }, async (req, deps) => {
    const outcome = await runWithProgress(req, deps, term, { quiet: flags.json, clock });
    throttledWhileReading = outcome.throttledWhileReading;
    return outcome.report;
  }).finally(() => auditFile?.close());
  const outcome: RunOutcome = { report: ran, throttledWhileReading };
  const signal = stopSignalOf(stop);
  const report = signal ? interrupted(outcome.report, signal, clock) : outcome.report;
  const covered = coverage.finish(report);
  if (lines) term.out(JSON.stringify({ kind: 'report', report }) + '\n');
  else if (flags.json) printJson(term, report);
  else println(term, renderRun({ ...outcome, report }, ruleSet, flags, term.paint.out, covered));
  return signal ? exitCodeOfSignal(signal) : exitCodeOfReport(report);
}
