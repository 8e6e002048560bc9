/**
 * `autotag plan` and `autotag apply`: load and check the rule set, connect, run the engine with progress on
 * stderr, then print the plan (dry run) or the report, or with --json exactly one JSON document: the run
 * report, which for a dry run holds the full plan in `planDetail`. The exit code follows the report.
 */
import { systemClock, type Clock } from '../../shared/clock';
import { appendFileSync } from 'node:fs';
import { runRules, type AuditRecord, type RunDeps, type RunReport, type RunRequest } from '../../shared/engine';
import type { LogLevel } from '../../shared/log';
import { loadRuleSet, type RuleSet } from '../../shared/rules';
import { connect, endpointOf } from '../connect';
import { exitCodeOfReport, type ExitCode } from '../exit-codes';
import type { BudgetFlags, ScopeFlags, TargetFlags } from '../options';
import { count } from '../render/format';
import { renderPlan } from '../render/plan';
import { createProgress } from '../render/progress';
import { renderReport } from '../render/report';
import { openTableCache, type TableCacheFlags } from '../table-cache';
import { printJson, println, stderrLogger, type Terminal } from '../terminal';

export interface RunFlags extends TargetFlags, BudgetFlags, ScopeFlags, TableCacheFlags {
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

export async function runCommand(flags: RunFlags, term: Terminal, mode: 'plan' | 'apply'): Promise<ExitCode> {
  const clock = systemClock;
  const ruleSet = await loadRuleSet(flags.rules);
  const logger = stderrLogger(term, flags.logLevel);
  const api = connect(flags, { clock, logger });
  const tableDetails = openTableCache(flags, { clock, logger, endpoint: endpointOf(flags), env: process.env });
  const request: RunRequest = {
    ruleSet,
    trigger: 'cli',
    ruleIds: flags.rule,
    projects: flags.project,
    dryRun: mode === 'plan' || !!flags.dryRun,
    maxBindings: flags.maxBindings,
  };
  const audit = flags.auditLog ? auditFile(flags.auditLog) : undefined;
  const outcome = await runWithProgress(request, { api, clock, logger, metrics: api.metrics, audit, tableDetails }, term, { quiet: flags.json, clock });
  if (flags.json) printJson(term, outcome.report);
  else println(term, renderRun(outcome, ruleSet, flags));
  return exitCodeOfReport(outcome.report);
}
