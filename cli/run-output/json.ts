/**
 * `--format json` (`--json`): a dry run streams its plan as JSON lines while it runs (the engine's plan records,
 * then the report as the last line: nothing holds the whole plan); a run that writes prints exactly one JSON
 * document, the report. No progress: stdout is for a program.
 */
import { planRecordLine, type RunReport } from '../../shared/engine';
import { versioned } from '../../shared/json';
import { printJson } from '../terminal';
import type { RunOutputKind } from './output';

/** The last line of a plan's JSON lines (and of a saved plan): the run report, with its formatVersion. */
export function reportLine(report: RunReport): string {
  return `${JSON.stringify({ kind: 'report', report: versioned(report) })}\n`;
}

export const jsonOutput: RunOutputKind = ({ term, dryRun }) => ({
  progress: false,
  planSample: 0,
  observer: dryRun ? { plan: (record) => term.out(planRecordLine(record)) } : {},
  finish: ({ report }) => (dryRun ? term.out(reportLine(report)) : printJson(term, report)),
});
