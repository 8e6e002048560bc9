/**
 * What a scheduled run leaves for people to open later, when AUTOTAG_REPORTS_DIR names a folder (s.yaml: the
 * mounted OSS bucket): its report, and its coverage as JSON and as the page, under `<dir>/<day>/<run id>/` (a
 * shard's piece under its parent run's id, shared/reports/store.ts). Coverage is counted while the run goes, by
 * the asset observer: counts only, whatever the catalog's size. Writing happens after the run and never fails
 * it: a folder that cannot be written is one warning in the log; where the files went is one info line.
 */
import type { RunObserver, RunReport } from '../../engine';
import type { RunScope } from '../../fanout';
import { redactAndClip } from '../../log';
import { collectRunCoverage, runReportsFolder, writeRunReports } from '../../reports';
import type { RuleSet } from '../../rules';
import type { Invocation } from '../../runtime';

export interface KeptReports {
  /** the run's observer (RunDeps.observer) */
  observer: RunObserver;
  write(report: RunReport): Promise<void>;
}

/** undefined when AUTOTAG_REPORTS_DIR is not set: nothing is counted or written */
export function keepRunReports(invocation: Invocation, ruleSet: RuleSet, scope: RunScope): KeptReports | undefined {
  const dir = invocation.config.reportsDir;
  if (!dir) return undefined;
  const coverage = collectRunCoverage(ruleSet, invocation.clock.now);
  return {
    observer: { asset: coverage.asset },
    async write(report) {
      const shard = scope.shard && { spec: scope.shard, parentRunId: scope.fanOut?.parentRunId ?? report.runId };
      const folder = runReportsFolder(dir, { startedAt: report.startedAt, runId: report.runId, shard, piece: report.piece });
      try {
        const files = await writeRunReports(folder, { report, coverage: coverage.report(report) });
        invocation.logger.info('run report and coverage written', { runId: report.runId, folder, files });
      } catch (e) {
        const error = redactAndClip(e instanceof Error ? e.message : String(e), 500);
        invocation.logger.warn('run report and coverage could not be written; the run is not affected', { runId: report.runId, folder, error });
      }
    },
  };
}
