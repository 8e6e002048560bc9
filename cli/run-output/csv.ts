/**
 * `--format csv`: stdout holds only CSV (render/csv.ts), a row per planned binding on a dry run, a row per
 * binding outcome on a run that writes, each written as the run makes it; progress, the report and what to do
 * next go to stderr as text, since a table has no room for them.
 */
import { nextSteps } from '../render/next-steps';
import { csvWriter, PLAN_CSV, RESULT_CSV } from '../render/csv';
import { renderReport } from '../render/report';
import { eprintln } from '../terminal';
import type { RunOutputKind } from './output';

export const csvOutput: RunOutputKind = ({ term, dryRun, ruleSet, flags }) => {
  const plan = csvWriter(PLAN_CSV, term.out);
  const results = csvWriter(RESULT_CSV, term.out);
  return {
    progress: true,
    planSample: 0,
    observer: dryRun ? { plan: (r) => void (r.kind === 'binding' && plan.add(r)) } : { result: (r) => results.add(r) },
    finish: ({ report, throttledWhileReading }) => {
      (dryRun ? plan : results).end();
      const summary = renderReport(report, { throttledWhileReading, paint: term.paint.err, planShown: false, savedPlan: flags.plan });
      eprintln(term, [summary, ...(dryRun ? nextSteps(report, ruleSet, flags) : [])].join('\n'));
    },
  };
};
