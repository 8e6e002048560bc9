/**
 * `autotag plan` and `autotag apply`: load and check the rule set, connect, run the engine with progress on
 * stderr, then print the plan (dry run) or the report, or with --json exactly one JSON document: the run
 * report, which for a dry run holds the full plan in `planDetail`. The exit code follows the report, or the
 * signal that interrupted the run.
 */
import { appendFileSync } from 'node:fs';
import { systemClock, type Clock } from '../../shared/clock';
import { DeadlineExceededError } from '../../shared/errors';
import { runRules, type AuditRecord, type RunDeps, type RunReport, type RunRequest } from '../../shared/engine';
import type { LogLevel } from '../../shared/log';
import { loadRuleSet, type RuleSet } from '../../shared/rules';
import { connect } from '../connect';
import { exitCodeOfReport, exitCodeOfSignal, STOP_SIGNALS, type ExitCode, type StopSignal } from '../exit-codes';
import type { BudgetFlags, ScopeFlags, TargetFlags } from '../options';
import { count } from '../render/format';
import { renderPlan } from '../render/plan';
import { createProgress } from '../render/progress';
import { renderReport } from '../render/report';
import { eprintln, printJson, println, stderrLogger, type Terminal } from '../terminal';

export interface RunFlags extends TargetFlags, BudgetFlags, ScopeFlags {
  rules: string;
  json?: boolean;
  dryRun?: boolean;
  maxBindings?: number;
  /** plan lines per rule */
  lines?: number;
  logLevel?: LogLevel;
  /** append one JSON line per applied change to this file */
  auditLog?: string;
}

export interface RunOutcome {
  report: RunReport;
  /** calls throttled while reading, for the hint on which budget to lower */
  throttledWhileReading: number;
}

/** One engine run, with progress drawn on stderr unless `quiet` (--json). */
export async function runWithProgress(request: RunRequest, deps: RunDeps, term: Terminal, options: { quiet?: boolean; clock: Clock }): Promise<RunOutcome> {
  const progress = createProgress({ write: term.err, tty: term.errIsTTY, now: options.clock.now, columns: term.columns });
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
  if (writes === 0) return ['Nothing to write: every wanted tag is already bound (or skipped as a conflict).'];
  const apply = `autotag apply --rules ${flags.rules}${target}`;
  if (writes > limit) {
    return [
      `Applying would stop before the first write: ${count(writes)} writes exceed the limit of ${count(limit)} (settings.maxBindings).`,
      `If this plan is what you want: ${apply} --max-bindings ${writes}`,
    ];
  }
  return [`Apply it with: ${apply}`];
}

function renderRun(outcome: RunOutcome, ruleSet: RuleSet, flags: RunFlags): string {
  const { report } = outcome;
  const summary = renderReport(report, { throttledWhileReading: outcome.throttledWhileReading });
  if (report.planDetail) return [renderPlan(report.planDetail, { linesPerRule: flags.lines }), '', summary, ...nextSteps(report, ruleSet, flags)].join('\n');
  return summary;
}

/** Audit lines appended to a file, one JSON object per applied change (asset, key, old → new, rule, run, trigger). */
function auditFile(path: string): (record: AuditRecord) => void {
  return (record) => appendFileSync(path, JSON.stringify(record) + '\n');
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
  const api = connect(flags, { clock, logger, stop });
  const request: RunRequest = {
    ruleSet,
    trigger: 'cli',
    ruleIds: flags.rule,
    projects: flags.project,
    dryRun: mode === 'plan' || !!flags.dryRun,
    maxBindings: flags.maxBindings,
  };
  const audit = flags.auditLog ? auditFile(flags.auditLog) : undefined;
  const outcome = await runWithProgress(request, { api, clock, logger, metrics: api.metrics, audit }, term, { quiet: flags.json, clock });
  const signal = stopSignalOf(stop);
  const report = signal ? interrupted(outcome.report, signal, clock) : outcome.report;
  if (flags.json) printJson(term, report);
  else println(term, renderRun({ ...outcome, report }, ruleSet, flags));
  return signal ? exitCodeOfSignal(signal) : exitCodeOfReport(report);
}
