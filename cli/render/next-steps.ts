/**
 * What to do after a dry run, as its text ends: apply it (the saved plan, when it was saved), whether the
 * blast-radius guard would stop that and the limit that would let it through, or why the plan must not be
 * applied as it is (a source it could not read, a plan cut short).
 */
import { HOLD_WRITES, type RunReport } from '../../shared/engine';
import type { RuleSet } from '../../shared/rules';
import { count, counted } from './format';
import { unreadLine } from './report';

export interface NextStepFlags {
  rules: string;
  region?: string;
  endpoint?: string;
  maxBindings?: number;
  /** where the plan was saved (`--out`) */
  out?: string;
}

export function nextSteps(report: RunReport, ruleSet: RuleSet, flags: NextStepFlags): string[] {
  const target = flags.endpoint ? ` --endpoint ${flags.endpoint}` : flags.region ? ` --region ${flags.region}` : '';
  const limit = flags.maxBindings ?? ruleSet.settings.maxBindings;
  const writes = report.plan.plannedWrites;
  // (a plan cut short prints no plan, so nothing to apply either)
  const unread = report.sourceErrors.length;
  if (unread > 0) {
    return [`This plan is incomplete: ${counted(unread, 'source')} could not be read (see above). Applying it would leave out what it did not read: fix that, then plan again.`];
  }
  if (report.unread) return [`The plan is incomplete (${unreadLine(report)}): plan again with more time before applying it.`];
  if (writes === 0) return ['Nothing to write: every wanted tag is already bound (or skipped as a conflict).'];
  const apply = `autotag apply --rules ${flags.rules}${flags.out ? ` --plan ${flags.out}` : ''}${target}`;
  const what = flags.out ? 'Apply exactly this plan with' : 'Apply it with';
  if (writes > limit) {
    // a limit up to HOLD_WRITES is checked against the whole plan before any write; a higher one window by window
    const stop = limit <= HOLD_WRITES ? 'Applying would stop before the first write' : `Applying would stop after ${count(limit)} writes`;
    return [`${stop}: ${count(writes)} writes exceed the limit of ${count(limit)} (settings.maxBindings).`, `If this plan is what you want: ${apply} --max-bindings ${writes}`];
  }
  return [`${what}: ${apply}`];
}
