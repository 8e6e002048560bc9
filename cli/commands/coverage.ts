/**
 * `autotag coverage --rules <file> [--format text|json|html] [--out <file>]`: how much of the catalog carries the
 * rule set's tags, on demand. A read-only pass over the rule set's sources (the engine's dry run, with an asset
 * observer that counts: nothing of an asset is kept), then one count per scope a rule names that no source reads
 * (counted apart, as never scanned, with partitions that could not be read or were not read in time), rendered as
 * text, JSON (shared/coverage formatVersion 1) or the self-contained HTML page, on stdout or into `--out`. The
 * tags counted are those the assets carry now, or with `--planned` those the plan would leave.
 * Exit 0, or 1 when part of the catalog could not be read (the numbers are then incomplete, and say so).
 */
import { writeFileSync } from 'node:fs';
import { Option } from 'commander';
import { systemClock } from '../../shared/clock';
import type { LogLevel } from '../../shared/log';
import { collectRunCoverage, countUnreadScopes } from '../../shared/reports';
import { loadRuleSet, unreadScopes } from '../../shared/rules';
import { examples, type CommandDeclaration } from '../command';
import { connect } from '../connect';
import { withEnvironment, type Environment } from '../environment';
import { exitCodeOfReport, exitCodeOfSignal, stopSignalOf, type ExitCode } from '../exit-codes';
import { addBudgetOptions, addLogOption, addTargetOptions, type BudgetFlags, type TargetFlags } from '../options';
import { COVERAGE_FORMAT_NAMES, COVERAGE_FORMATS, type CoverageFormat } from '../render/coverage';
import { eprintln, stderrLogger, type Terminal } from '../terminal';
import { runWithProgress } from './run';

export interface CoverageCommandFlags extends TargetFlags, BudgetFlags {
  rules: string;
  format: CoverageFormat;
  out?: string;
  /** count the tags as a plan would leave them, not as they are */
  planned?: boolean;
  logLevel?: LogLevel;
}

async function coverageCommand(flags: CoverageCommandFlags, term: Terminal, stop: AbortSignal): Promise<ExitCode> {
  const clock = systemClock;
  const ruleSet = await loadRuleSet(flags.rules);
  const logger = stderrLogger(term, flags.logLevel);
  const api = connect(flags, { clock, logger, stop });
  const coverage = collectRunCoverage(ruleSet, clock.now, { currentTags: !flags.planned });
  const { report } = await runWithProgress({ ruleSet, trigger: 'cli', dryRun: true, planSample: 0 }, { api, clock, logger, metrics: api.metrics, observer: { asset: coverage.asset } }, term, { clock });
  const counts = stop.aborted ? undefined : await countUnreadScopes(api, unreadScopes(ruleSet));
  const text = COVERAGE_FORMATS[flags.format](coverage.report(report, counts));
  if (flags.out) {
    writeFileSync(flags.out, text);
    eprintln(term, `autotag: coverage (${flags.format}) written to ${flags.out}`);
  } else term.out(text);
  const signal = stopSignalOf(stop);
  return signal ? exitCodeOfSignal(signal) : exitCodeOfReport(report);
}

export function declareCoverageCommand({ program, guard, term }: CommandDeclaration, ctx: { env: Environment; gracefulStop(): AbortSignal }): void {
  const command = program
    .command('coverage')
    .description('show how much of the catalog carries the rule set\'s tags: the share of assets with each key and value, per workspace, env and asset type, and what the sources never scan, counted apart; reads only')
    .requiredOption('--rules <file>', 'rule file (YAML or JSON)')
    .addOption(new Option('--format <format>', 'text (default), json (formatVersion 1) or html (one self-contained page with charts)').choices(COVERAGE_FORMAT_NAMES).default('text'))
    .option('--out <file>', 'write it to this file instead of stdout')
    .option('--planned', 'count the tags as applying the rule set now would leave them (default: as they are)');
  addBudgetOptions(addTargetOptions(command), { write: false });
  addLogOption(command)
    .addHelpText(
      'after',
      examples([
        'autotag coverage --rules rules/governance.yaml --endpoint http://127.0.0.1:8080',
        'autotag coverage --rules rules/governance.yaml --region cn-hangzhou --format html --out coverage.html',
        'autotag coverage --rules rules/governance.yaml --region cn-hangzhou --format json | jq .overall.keys',
      ]) +
        `
Shares count the assets the rule set's sources list (their tags as they are now; with --planned, as an apply
would leave them). Counted apart, never in a share: the
partitions a source could not read, and the workspaces and envs a task rule names that no source lists (one
ListTasks call each counts them). Exit 0, or 1 when part of the catalog could not be read.
`,
    )
    .action(guard((flags: CoverageCommandFlags) => coverageCommand(withEnvironment(flags, ctx.env), term, ctx.gracefulStop()), (flags) => ({ json: flags.format === 'json', rulesFile: flags.rules })));
}
