/**
 * Whether a saved plan may be applied: "apply exactly what was reviewed". Read through once before any call
 * (streamed, never held), a plan file is refused, with every reason and its fix at once, when it was made with
 * another version of the rule set, against another API, by a run that wrote (not a plan), or when it is not
 * whole: no report line at its end (a run that never finished writing it), a report of another run, a report
 * that says the plan missed partitions (cut short) or sources it could not read (its assets would go unplanned
 * but look reviewed), or fewer or more bindings than its report counts (cut or edited).
 */
import { z } from 'zod';
import { InvalidInputError, type InputIssue } from '../errors';
import { readPlanLines } from './plan-records';
import { isWrite } from './plan-accumulator';
import type { PlanHeader } from './types';

/** What the check reads of the report line: enough to know the plan is whole, nothing it does not use. */
const reportSchema = z.looseObject({
  runId: z.string(),
  status: z.string(),
  dryRun: z.boolean(),
  unread: z.looseObject({ partitions: z.number() }).optional(),
  sourceErrors: z.array(z.unknown()),
  plan: z.looseObject({ bind: z.number(), present: z.number(), conflict: z.number() }),
});

export interface SavedPlanSummary {
  header: PlanHeader;
  bindings: number;
  /** the writes applying it would make (binds, and conflicts resolved by overwrite) */
  writes: number;
}

export interface SavedPlanExpectation {
  /** the content hash of the rule set it is to be applied with */
  ruleSetHash: string;
  /** the API it is to be applied against (compared when the header names one) */
  endpoint?: string;
}

const PLAN_AGAIN = 'plan again (autotag plan --out), review that plan, and apply it';

/** Reads the plan's lines once; throws an InvalidInputError listing every reason it may not be applied. */
export async function checkSavedPlan(lines: AsyncIterable<string> | Iterable<string>, expected: SavedPlanExpectation, source = 'saved plan'): Promise<SavedPlanSummary> {
  let header: PlanHeader | undefined;
  let report: { value: unknown; line: number } | undefined;
  let afterReport: number | undefined;
  let bindings = 0;
  let writes = 0;
  for await (const line of readPlanLines(lines, source)) {
    if (report) afterReport ??= line.line;
    if (line.kind === 'report') report = { value: line.report, line: line.line };
    if (line.kind !== 'record') continue;
    const { record } = line;
    if (record.kind === 'plan') header = record;
    if (record.kind === 'binding') {
      bindings++;
      if (isWrite(record)) writes++;
    }
  }
  // readPlanLines refuses a plan without its header; an empty file has no line at all
  if (!header) throw new InvalidInputError([{ field: 'line 1', message: 'the file is empty: a plan starts with its "plan" header' }], source);
  const issues = [...headerIssues(header, expected), ...completenessIssues(header, report, afterReport, bindings)];
  if (issues.length) throw new InvalidInputError(issues, source);
  return { header, bindings, writes };
}

function headerIssues(header: PlanHeader, expected: SavedPlanExpectation): InputIssue[] {
  const issues: InputIssue[] = [];
  if (!header.dryRun) issues.push({ field: 'plan.dryRun', message: 'is the record of a run that wrote, not a plan: save a plan with autotag plan --out' });
  if (header.ruleSetHash !== expected.ruleSetHash) {
    issues.push({
      field: 'plan.ruleSetHash',
      message: `the rule set changed since the plan was made (plan ${header.ruleSetHash.slice(0, 12)}…, rule file now ${expected.ruleSetHash.slice(0, 12)}…): ${PLAN_AGAIN}`,
    });
  }
  if (header.endpoint !== undefined && expected.endpoint !== undefined && header.endpoint !== expected.endpoint) {
    issues.push({ field: 'plan.endpoint', message: `the plan was made against ${header.endpoint}, not ${expected.endpoint}: apply it there (--region / --endpoint), or plan again against ${expected.endpoint}` });
  }
  return issues;
}

function completenessIssues(header: PlanHeader, report: { value: unknown; line: number } | undefined, afterReport: number | undefined, bindings: number): InputIssue[] {
  if (!report) return [{ field: 'report', message: `has no report line at its end: the plan was not written to its end (the run stopped or failed): ${PLAN_AGAIN}` }];
  if (afterReport !== undefined) return [{ field: `line ${afterReport}`, message: 'follows the report line: a plan file holds one plan, its report last' }];
  const parsed = reportSchema.safeParse(report.value);
  if (!parsed.success) return [{ field: `line ${report.line}`, message: 'is no run report: the plan file was edited or is not one autotag wrote' }];
  const r = parsed.data;
  const issues: InputIssue[] = [];
  if (r.runId !== header.runId) issues.push({ field: 'report.runId', message: `is ${r.runId}, not the plan's ${header.runId}: the file mixes two runs` });
  if (r.unread) issues.push({ field: 'report.unread', message: `the plan is incomplete: ${r.unread.partitions} partition(s) were not read (it was cut short): plan again with more time, then apply that plan` });
  if (r.sourceErrors.length) issues.push({ field: 'report.sourceErrors', message: `the plan is incomplete: ${r.sourceErrors.length} source(s) could not be read, so their assets are not in it: fix that, then ${PLAN_AGAIN}` });
  if (r.status !== 'ok' && !issues.length) issues.push({ field: 'report.status', message: `is "${r.status}": only a plan that ran to its end ("ok") is applied: ${PLAN_AGAIN}` });
  const counted = r.plan.bind + r.plan.present + r.plan.conflict;
  if (counted !== bindings) issues.push({ field: 'report.plan', message: `counts ${counted} bindings, the file holds ${bindings}: it was cut or edited: ${PLAN_AGAIN}` });
  return issues;
}
