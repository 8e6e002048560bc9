/**
 * Plan records as JSON lines, the form a streamed plan takes on stdout and in a saved plan file: one record
 * per line, the `plan` header first. Reading them back checks each line at the boundary (a file is input),
 * skips the `report` line (the CLI ends its output with the run report) and the explanations (they explain
 * the plan, they are not part of what it writes), and hands out the records in order, so a saved plan is
 * applied without ever being held whole.
 *
 * `formatVersion` (the header's) changes when a record changes meaning or goes, or when an old reader would
 * misread a new record; such a plan is refused by name, not by a field it does not know.
 */
import { z } from 'zod';
import { ASSET_TYPES, ENV_TYPES } from '../dataworks';
import { SOURCE_NAMES, type SourceName } from '../discovery';
import { InvalidInputError, toInputIssues } from '../errors';
import { isRecord } from '../json';
import type { PlanRecord } from './types';

export const PLAN_FORMAT_VERSION = 1;

const binding = z.strictObject({
  kind: z.literal('binding'),
  assetId: z.string().min(1),
  assetName: z.string(),
  assetType: z.enum(ASSET_TYPES),
  projectId: z.number().int().optional(),
  envType: z.enum(ENV_TYPES).optional(),
  key: z.string().min(1),
  value: z.string(),
  action: z.enum(['bind', 'present', 'conflict']),
  currentValue: z.string().optional(),
  resolution: z.enum(['skip', 'overwrite']).optional(),
  ruleId: z.string().min(1),
});

const recordSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('plan'),
    formatVersion: z.literal(PLAN_FORMAT_VERSION),
    runId: z.string().min(1),
    ruleSet: z.string().optional(),
    ruleSetHash: z.string(),
    trigger: z.string(),
    createdAt: z.string(),
    dryRun: z.boolean(),
    endpoint: z.string().optional(),
  }),
  binding,
  z.strictObject({
    kind: z.literal('tag-key'),
    key: z.string().min(1),
    action: z.enum(['create', 'update']),
    values: z.array(z.string()),
    addedValues: z.array(z.string()),
    description: z.string().optional(),
  }),
  z.strictObject({ kind: z.literal('overridden'), assetId: z.string(), key: z.string(), value: z.string(), ruleId: z.string(), winningRuleId: z.string() }),
  z.strictObject({ kind: z.literal('unsettled'), assetId: z.string(), ruleIds: z.array(z.string()) }),
  z.strictObject({ kind: z.literal('source-error'), source: z.enum(SOURCE_NAMES as [SourceName, ...SourceName[]]), partition: z.string(), code: z.string(), message: z.string() }),
]);

/** One record as one line of JSON (with its newline). */
export function planRecordLine(record: PlanRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** Explanations are checked only for what says which asset they explain: applying a plan skips them. */
const explanationSchema = z.looseObject({ kind: z.literal('explanation'), input: z.string(), outcome: z.string() });

/** One line of a JSON-lines plan: a record, the run's report (as the CLI writes it), or an explanation. */
export type PlanLine = { kind: 'record'; record: PlanRecord } | { kind: 'report'; report: unknown } | { kind: 'explanation' };

/** Parses and checks the lines of a plan one by one (numbered from 1, blank lines skipped); the header must come first. */
export async function* readPlanLines(lines: AsyncIterable<string> | Iterable<string>, source = 'plan'): AsyncGenerator<PlanLine & { line: number }> {
  let n = 0;
  let headed = false;
  const refuse = (message: string): never => {
    throw new InvalidInputError([{ field: `line ${n}`, message }], source);
  };
  for await (const text of lines) {
    n++;
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      refuse('is not JSON: a plan is one JSON record per line');
    }
    const kind = isRecord(value) ? value.kind : undefined;
    if (!headed && kind !== 'plan') refuse('a plan starts with its "plan" header');
    if (kind === 'plan' && isRecord(value) && typeof value.formatVersion === 'number' && value.formatVersion > PLAN_FORMAT_VERSION) {
      refuse(`is a plan of format ${value.formatVersion}, written by a newer autotag (this one reads format ${PLAN_FORMAT_VERSION}): apply it with that autotag, or plan again with this one`);
    }
    if (kind === 'report') {
      yield { kind: 'report', report: (value as { report?: unknown }).report, line: n };
      continue;
    }
    const parsed = kind === 'explanation' ? explanationSchema.safeParse(value) : recordSchema.safeParse(value);
    if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error, `line ${n}`), source);
    if (headed && kind === 'plan') refuse('a second "plan" header');
    headed = true;
    yield parsed.data.kind === 'explanation' ? { kind: 'explanation', line: n } : { kind: 'record', record: parsed.data as PlanRecord, line: n };
  }
}

/** The records of a JSON-lines plan, checked line by line; the header must come first. */
export async function* readPlanRecords(lines: AsyncIterable<string> | Iterable<string>, source = 'plan'): AsyncGenerator<PlanRecord> {
  for await (const line of readPlanLines(lines, source)) if (line.kind === 'record') yield line.record;
}
