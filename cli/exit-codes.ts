/**
 * The CLI's exit codes, one meaning each, so scripts and CI can branch on them: 0 ok, 1 something failed
 * (bindings, a source that could not be read, an API error, the time budget), 2 the input was rejected
 * before any call, 3 a guard stopped the run before its first write, 4 (only with `--detailed-exitcode` on a
 * dry run, as Terraform's -detailed-exitcode) the plan is complete and would change something, 5 the audit log
 * could not be written mid-run (no write started after it), 130 / 143 stopped by SIGINT / SIGTERM (128 + the
 * signal's number, as shells report a process a signal ended). Without the flag a plan exits 0 whatever it
 * would change; with it, 0 means nothing would change, and every other code keeps its meaning (an incomplete
 * plan is 1, never 0 or 4).
 */
import { hasCode } from '../shared/errors';
import type { RunReport } from '../shared/engine';

export const EXIT = { ok: 0, failed: 1, invalidInput: 2, stopped: 3, changes: 4, auditFailed: 5, sigint: 130, sigterm: 143 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The signals the CLI stops on. */
export type StopSignal = 'SIGINT' | 'SIGTERM';
export const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];

/** The signal that fired `stop`, if it did. */
export function stopSignalOf(stop: AbortSignal): StopSignal | undefined {
  return stop.aborted ? STOP_SIGNALS.find((s) => s === stop.reason) : undefined;
}

export function exitCodeOfSignal(signal: StopSignal): ExitCode {
  return signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
}

export function exitCodeOfReport(report: RunReport): ExitCode {
  if (report.auditFailure) return EXIT.auditFailed;
  switch (report.status) {
    case 'ok':
      // a dry run reports 'ok' even when a source could not be read: its plan is still incomplete
      return report.sourceErrors.length ? EXIT.failed : EXIT.ok;
    case 'blocked':
      return EXIT.stopped;
    case 'partial':
    case 'deadline':
      return EXIT.failed;
  }
}

/** A dry run's code: with `detailed`, a plan that exits 0 and would write or change a tag key exits 4 instead. */
export function exitCodeOfPlan(report: RunReport, detailed: boolean): ExitCode {
  const code = exitCodeOfReport(report);
  const changes = report.plan.plannedWrites > 0 || report.tagKeys.length > 0;
  return detailed && code === EXIT.ok && changes ? EXIT.changes : code;
}

/** By code, not class: `autotag invoke` sees errors built by a function's own bundle. */
export function exitCodeOfError(e: unknown): ExitCode {
  if (hasCode(e, 'INVALID_INPUT') || hasCode(e, 'INVALID_CONFIGURATION')) return EXIT.invalidInput;
  if (hasCode(e, 'GUARD_BLAST_RADIUS')) return EXIT.stopped;
  if (hasCode(e, 'AUDIT_LOG_FAILED')) return EXIT.auditFailed;
  return EXIT.failed;
}
