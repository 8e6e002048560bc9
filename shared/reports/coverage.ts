/**
 * A run's coverage: a collector fed by the engine's asset observer (every evaluated asset once, with its tags
 * after the run, or, for a dry run, as its plan would leave them; nothing of the asset is kept, only counts),
 * then, with the run's report, what it never scanned. `currentTags` counts the tags the assets carry now instead
 * (an on-demand pass over the catalog as it is). The rule set's tag keys are the declared ones, reported first
 * even when no asset carries them.
 */
import { createCoverageCollector, type CoverageReport } from '../coverage';
import type { RunObserver, RunReport } from '../engine';
import { unreadScopes, type RuleSet } from '../rules';
import { unscannedOf, type ScopeCount } from './unscanned';

export interface RunCoverage {
  /** give it to the run (RunDeps.observer, beside whatever else observes it) */
  asset: NonNullable<RunObserver['asset']>;
  /** the coverage of the finished run; `counts`: the sizes of the unread scopes, when they were counted */
  report(run: RunReport, counts?: ReadonlyMap<string, ScopeCount>): CoverageReport;
}

export function collectRunCoverage(ruleSet: RuleSet, now: () => number, options: { currentTags?: boolean } = {}): RunCoverage {
  const collector = createCoverageCollector({ declaredKeys: ruleSet.tagKeys.map((k) => ({ key: k.key, ...(k.values && { values: k.values }) })) });
  return {
    asset: (view, after) => collector.add({ id: view.id, name: view.name, kind: view.kind, projectId: view.projectId, envType: view.envType, tags: options.currentTags ? view.tags : after }),
    report(run, counts) {
      for (const u of unscannedOf(run, unreadScopes(ruleSet), counts)) collector.addUnscanned(u);
      return collector.report({ runId: run.runId, generatedAt: new Date(now()).toISOString(), ruleSet: run.ruleSet, ruleSetHash: run.ruleSetHash, trigger: run.trigger, dryRun: run.dryRun && !options.currentTags });
    },
  };
}
