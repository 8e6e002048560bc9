/**
 * What `plan` and `apply` print, one kind per `--format` (index.ts): each says whether progress is drawn on
 * stderr, how much of the plan the report keeps for it, what it prints while the run goes (the run's observer)
 * and what it prints at the end. Output files (`--out`) are the command's, beside whatever the format prints.
 */
import type { RunObserver, RunReport } from '../../shared/engine';
import type { RuleSet } from '../../shared/rules';
import type { NextStepFlags } from '../render/next-steps';
import type { Terminal } from '../terminal';

export interface RunOutcome {
  report: RunReport;
  /** calls throttled while reading, for the hint on which budget to lower */
  throttledWhileReading: number;
}

export interface RunOutputContext {
  term: Terminal;
  dryRun: boolean;
  ruleSet: RuleSet;
  /** what the next steps after a dry run name; `lines`: plan lines per rule; `plan`: the saved plan applied */
  flags: NextStepFlags & { lines?: number; plan?: string };
}

export interface RunOutput {
  /** draw progress on stderr */
  progress: boolean;
  /** bindings per rule the report's planDetail keeps (0: none) */
  planSample: number;
  /** what is printed while the run goes */
  observer: RunObserver;
  /** what is printed once it ended; `coverage`: the coverage summary's lines (none with --no-coverage) */
  finish(outcome: RunOutcome & { coverage: string[] }): void;
}

export type RunOutputKind = (ctx: RunOutputContext) => RunOutput;
