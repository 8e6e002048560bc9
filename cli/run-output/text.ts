/**
 * `--format text` (the default), for people: progress on stderr, then a dry run's plan grouped by rule, the
 * explanations `--explain` asked for (the same as `autotag explain` prints, from the plan's own evaluation),
 * the report, the coverage summary and what to do next; a run that writes prints its report and coverage.
 */
import type { PlanExplanation } from '../../shared/engine';
import { assetExplanationLines } from '../render/explain';
import { nextSteps } from '../render/next-steps';
import { DEFAULT_LINES_PER_RULE, renderPlan } from '../render/plan';
import { renderReport } from '../render/report';
import { println } from '../terminal';
import type { RunOutputKind } from './output';


function explanationLines(explanations: readonly PlanExplanation[]): string[] {
  return explanations.flatMap((x) => [
    ...(x.outcome === 'explained' ? assetExplanationLines(x.explanation, x.input) : [`✗ ${JSON.stringify(x.input)}: not in this plan: no asset it evaluated has this id or name`]),
    '',
  ]);
}

export const textOutput: RunOutputKind = ({ term, dryRun, ruleSet, flags }) => {
  const explanations: PlanExplanation[] = [];
  return {
    progress: true,
    // the text plan keeps only the lines it prints
    planSample: dryRun ? (flags.lines ?? DEFAULT_LINES_PER_RULE) : 0,
    observer: { plan: (r) => void (r.kind === 'explanation' && explanations.push(r)) },
    finish: ({ report, throttledWhileReading, coverage }) => {
      const paint = term.paint.out;
      const covered = coverage.length ? ['', ...coverage] : [];
      const summary = [renderReport(report, { throttledWhileReading, paint, savedPlan: flags.plan }), ...covered].join('\n');
      if (!report.planDetail) return println(term, summary);
      const plan = renderPlan(report.planDetail, { linesPerRule: flags.lines, paint });
      println(term, [plan, '', ...explanationLines(explanations), summary, ...(covered.length ? [''] : []), ...nextSteps(report, ruleSet, flags)].join('\n'));
    },
  };
};
