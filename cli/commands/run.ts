/**
 * `autotag plan` and `autotag apply`: load and check the rule set, connect, run the engine with progress on
 * stderr, then print the plan (dry run) or the report. With --json, a dry run streams its plan as JSON lines
 * while it runs (the engine's plan records, then the report as the last line: nothing holds the whole plan),
 * and an apply prints exactly one JSON document, the report. The exit code follows the report.
 */
import { systemClock, type Clock } from '../../shared/clock';
import { appendFileSync } from 'node:fs';
import { HOLD_WRITES, planRecordLine, runRules, type AuditRecord, type RunDeps, type RunReport, type RunRequest } from '../../shared/engine';
import type { LogLevel } from '../../shared/log';
import { loadRuleSet, type RuleSet } from '../../shared/rules';
import { connect } from '../connect';
import { exitCodeOfReport, type ExitCode } from '../exit-codes';
import type { BudgetFlags, ScopeFlags, TargetFlags } from '../options';
import { count } from '../render/format';
import { renderPlan } from '../render/plan';
import { createProgress } from '../render/progress';
import { renderReport, unreadLine } from '../render/report';
import { printJson, println, stderrLogger, type Terminal } from '../terminal';

const DEFAULT_LINES_PER_RULE = 10;

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

export async function runCommand(flags: RunFlags, term: Terminal, mode: 'plan' | 'apply'): Promise<ExitCode> {
  const clock = systemClock;
  const ruleSet = await loadRuleSet(flags.rules);
  const logger = stderrLogger(term, flags.logLevel);
  const api = connect(flags, { clock, logger });
  const dryRun = mode === 'plan' || !!flags.dryRun;
  const lines = dryRun && flags.json;
  const request: RunRequest = {
    ruleSet,
    trigger: 'cli',
    ruleIds: flags.rule,
    projects: flags.project,
    dryRun,
    maxBindings: flags.maxBindings,
    // the text plan keeps only the lines it prints; JSON lines carry every binding as it is planned
    planSample: lines ? 0 : (flags.lines ?? DEFAULT_LINES_PER_RULE),
  };
  const audit = flags.auditLog ? auditFile(flags.auditLog) : undefined;
  const observer = lines ? { plan: (record: Parameters<typeof planRecordLine>[0]) => term.out(planRecordLine(record)) } : undefined;
  const outcome = await runWithProgress(request, { api, clock, logger, metrics: api.metrics, audit, observer }, term, { quiet: flags.json, clock });
  if (lines) term.out(JSON.stringify({ kind: 'report', report: outcome.report }) + '\n');
  else if (flags.json) printJson(term, outcome.report);
  else println(term, renderRun(outcome, ruleSet, flags));
  return exitCodeOfReport(outcome.report);
}
