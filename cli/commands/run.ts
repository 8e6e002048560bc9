/**
 * `autotag plan` and `autotag apply`: check the flags, load the rule set, connect, run the engine, and print
 * what `--format` says (cli/run-output: text for people, JSON lines or one JSON document, CSV rows). A dry
 * run can save its plan (`--out`: the JSON lines, written whole or not at all, cli/plan-file.ts) and explain
 * assets as it evaluates them (`--explain`); `apply --plan` applies exactly a saved plan, refused before any
 * call when it may not be (shared/engine checkSavedPlan). The exit code follows the report, the signal that
 * interrupted the run, or, with `--detailed-exitcode`, whether the plan would change anything.
 */
import { systemClock, type Clock } from '../../shared/clock';
import { endpointUrl } from '../../shared/dataworks';
import { DeadlineExceededError, InvalidInputError, type InputIssue } from '../../shared/errors';
import { checkSavedPlan, planRecordLine, readPlanRecords, ruleSetHash, runRules, type RunDeps, type RunObserver, type RunReport, type RunRequest } from '../../shared/engine';
import type { LogLevel } from '../../shared/log';
import type { NotifyResult } from '../../shared/notify';
import { runNotified, runNotifier } from '../../shared/runtime';
import { loadRuleSet } from '../../shared/rules';
import type { EnvironmentFlags } from '../environment';
import { openAuditFile } from '../audit-file';
import { connect, connectActor, endpointOf } from '../connect';
import { exitCodeOfPlan, exitCodeOfReport, exitCodeOfSignal, EXIT, stopSignalOf, type ExitCode, type StopSignal } from '../exit-codes';
import type { BudgetFlags, ScopeFlags, TargetFlags } from '../options';
import { PlanFile, planFileLines } from '../plan-file';
import { renderNotification } from '../render/notification';
import { createProgress } from '../render/progress';
import { coverageOutput, type CoverageFlags } from '../run-coverage';
import { reportLine, RUN_FORMATS, type RunFormat, type RunOutcome } from '../run-output';
import { openTableCache, type TableCacheFlags } from '../table-cache';
import { eprintln, stderrLogger, type Terminal } from '../terminal';

export type { RunOutcome } from '../run-output';

export interface RunFlags extends TargetFlags, BudgetFlags, ScopeFlags, TableCacheFlags, CoverageFlags, Partial<EnvironmentFlags> {
  rules: string;
  /** `--format json` */
  json?: boolean;
  format?: RunFormat;
  dryRun?: boolean;
  maxBindings?: number;
  /** plan lines per rule */
  lines?: number;
  logLevel?: LogLevel;
  /** append one JSON line per applied change (and per overwrite, its intent first) to this file */
  auditLog?: string;
  /** a dry run: save the plan (its JSON lines) to this file */
  out?: string;
  /** apply exactly this saved plan */
  plan?: string;
  /** a dry run: exit 4 when the plan would change something */
  detailedExitcode?: boolean;
  /** a dry run: explain these assets (ids or names) from the plan's evaluation */
  explain?: string[];
}

/** One engine run, with progress drawn on stderr unless `quiet`. */
export async function runWithProgress(request: RunRequest, deps: RunDeps, term: Terminal, options: { quiet?: boolean; clock: Clock }): Promise<RunOutcome> {
  const progress = createProgress({ write: term.err, tty: term.errIsTTY, now: options.clock.now, columns: term.columns, paint: term.paint.err });
  try {
    const report = await runRules(request, { ...deps, onProgress: options.quiet ? undefined : progress.update });
    return { report, throttledWhileReading: progress.throttledWhileReading() };
  } finally {
    progress.finish();
  }
}

/** `--format`, with `--json` as `--format json`. */
function formatOf(flags: RunFlags): RunFormat {
  if (flags.json && flags.format !== undefined && flags.format !== 'json') {
    throw new InvalidInputError([{ field: '--json', message: `is --format json: give one of --json and --format ${flags.format}` }], 'flags');
  }
  return flags.json ? 'json' : (flags.format ?? 'text');
}

/** Flags that make no sense together, every one at once, before anything is read or called. */
function flagIssues(flags: RunFlags, dryRun: boolean, format: RunFormat): InputIssue[] {
  const issues: InputIssue[] = [];
  const dryOnly = (flag: string, what: string) => !dryRun && issues.push({ field: flag, message: `${what}: use it with autotag plan or apply --dry-run` });
  if (flags.out !== undefined) dryOnly('--out', 'saves a plan');
  if (flags.detailedExitcode) dryOnly('--detailed-exitcode', 'says whether a plan would change anything');
  if (flags.explain?.length) dryOnly('--explain', 'explains assets as a plan evaluates them');
  if (flags.explain?.length && format === 'csv') issues.push({ field: '--explain', message: 'has no place in CSV rows: use --format text or json' });
  if (flags.plan !== undefined) {
    if (dryRun) issues.push({ field: '--plan', message: 'applies a saved plan: review it with autotag plan, then apply it without --dry-run' });
    for (const [flag, given] of [['--rule', flags.rule], ['--project', flags.project]] as const) {
      if (given?.length) issues.push({ field: flag, message: 'a saved plan is applied as it was made: narrow the plan (autotag plan --rule / --project), not its apply' });
    }
  }
  return issues;
}

function printNotification(term: Terminal, result: NotifyResult): void {
  const line = renderNotification(result);
  if (line) eprintln(term, `autotag: ${line}`);
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

/** Every observer sees each record and result, in turn. */
function tee(observers: RunObserver[]): RunObserver {
  return {
    plan: (record) => observers.forEach((o) => o.plan?.(record)),
    result: (result) => observers.forEach((o) => o.result?.(result)),
  };
}

/** `stop`: the CLI's graceful stop (SIGINT/SIGTERM): no new call starts, the report so far is printed, exit 130/143. */
export async function runCommand(flags: RunFlags, term: Terminal, mode: 'plan' | 'apply', stop: AbortSignal): Promise<ExitCode> {
  const clock = systemClock;
  stop.addEventListener(
    'abort',
    () => eprintln(term, `autotag: ${String(stop.reason)}: stopping at a safe point: no new API call starts, the calls in flight finish, then the report so far. Send it again to exit at once.`),
    { once: true },
  );
  const format = formatOf(flags);
  const dryRun = mode === 'plan' || !!flags.dryRun;
  const issues = flagIssues(flags, dryRun, format);
  if (issues.length) throw new InvalidInputError(issues, 'flags');
  const ruleSet = await loadRuleSet(flags.rules);
  const logger = stderrLogger(term, flags.logLevel);
  // a plan's header names the API it read (wherever its lines go), and a saved plan is applied only there
  const endpoint = dryRun || flags.plan !== undefined ? endpointUrl(endpointOf(flags)) : undefined;
  // a saved plan is checked whole, and an output file opened, before any call
  const planSource = `saved plan ${flags.plan} (--plan)`;
  if (flags.plan !== undefined) await checkSavedPlan(planFileLines(flags.plan), { ruleSetHash: ruleSetHash(ruleSet), endpoint }, planSource);
  const planFile = flags.out !== undefined ? PlanFile.create(flags.out) : undefined;
  let auditFile: ReturnType<typeof openAuditFile> | undefined;
  try {
    // settled before connecting: a notify section naming an unset variable is an input error, before any call
    const notifier = dryRun ? undefined : runNotifier(ruleSet, { fallback: flags.notify, env: flags.env ?? {}, clock, logger, onResult: (r) => printNotification(term, r) });
    const api = connect(flags, { clock, logger, stop });
    // checked before any call: a path that cannot take the log is refused (exit 2), not found out after the first writes
    auditFile = flags.auditLog && !dryRun ? openAuditFile(flags.auditLog) : undefined;
    const tableDetails = openTableCache(flags, { clock, logger, endpoint: endpointOf(flags), env: process.env });
    const actor = dryRun ? undefined : await connectActor(flags, { logger, onFailure: (m) => eprintln(term, `autotag: warning: ${m}`) })();
    const output = RUN_FORMATS[format]({ term, dryRun, ruleSet, flags });
    const coverage = coverageOutput(ruleSet, flags, term, clock);
    let explained = 0;
    const saving: RunObserver = { plan: (record) => planFile?.write(planRecordLine(record)) };
    const counting: RunObserver = { plan: (record) => void (record.kind === 'explanation' && record.outcome === 'explained' && explained++) };
    const observer: RunObserver = { ...tee([saving, counting, output.observer]), ...coverage.observer };
    const request: RunRequest = {
      ...(actor && { actor }),
      ruleSet,
      ...(endpoint !== undefined && { endpoint }),
      trigger: 'cli',
      ruleIds: flags.rule,
      projects: flags.project,
      dryRun,
      maxBindings: flags.maxBindings,
      planSample: output.planSample,
      plan: flags.plan !== undefined ? readPlanRecords(planFileLines(flags.plan), planSource) : undefined,
      explain: flags.explain,
    };
    let throttledWhileReading = 0;
    const ran = await runNotified(notifier, request, { api, clock, logger, metrics: api.metrics, audit: auditFile?.append, observer, tableDetails }, async (req, deps) => {
      const outcome = await runWithProgress(req, deps, term, { quiet: !output.progress, clock });
      throttledWhileReading = outcome.throttledWhileReading;
      return outcome.report;
    });
    const signal = stopSignalOf(stop);
    const report = signal ? interrupted(ran, signal, clock) : ran;
    if (planFile) {
      planFile.write(reportLine(report));
      planFile.commit();
      const complete = exitCodeOfReport(report) === EXIT.ok;
      eprintln(term, `autotag: ${complete ? 'saved the plan to' : 'saved an incomplete plan (apply --plan refuses it) to'} ${planFile.path}`);
    }
    output.finish({ report, throttledWhileReading, coverage: coverage.finish(report) });
    if (signal) return exitCodeOfSignal(signal);
    const code = dryRun ? exitCodeOfPlan(report, !!flags.detailedExitcode) : exitCodeOfReport(report);
    if (flags.explain?.length && explained === 0) {
      eprintln(term, 'autotag: none of the assets named with --explain was in the plan (see above)');
      return code === EXIT.ok || code === EXIT.changes ? EXIT.failed : code;
    }
    return code;
  } catch (e) {
    planFile?.discard();
    throw e;
  } finally {
    auditFile?.close();
  }
}
