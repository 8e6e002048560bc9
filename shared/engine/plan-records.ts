/**
 * Plan records as JSON lines, the form a streamed plan takes on stdout and in a saved plan file: one record
 * per line, the `plan` header first. Reading them back checks each line at the boundary (a file is input),
 * skips a trailing `report` line (the CLI ends its output with the run report), and hands out the records in
 * order, so a saved plan is applied without ever being held whole.
 */
import { z } from 'zod';
import { ASSET_TYPES, ENV_TYPES } from '../dataworks';
import { SOURCE_NAMES, type SourceName } from '../discovery';
import { InvalidInputError, toInputIssues } from '../errors';
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

/** The records of a JSON-lines plan, checked line by line; the header must come first. */
export async function* readPlanRecords(lines: AsyncIterable<string> | Iterable<string>, source = 'plan'): AsyncGenerator<PlanRecord> {
  let n = 0;
  let headed = false;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InvalidInputError([{ field: `line ${n}`, message: 'is not JSON: a plan is one JSON record per line' }], source);
    }
    if (typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'report') continue;
    const parsed = recordSchema.safeParse(value);
    if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error, `line ${n}`), source);
    if (headed === (parsed.data.kind === 'plan')) {
      throw new InvalidInputError([{ field: `line ${n}`, message: headed ? 'a second "plan" header' : 'a plan starts with its "plan" header' }], source);
    }
    headed = true;
    const record: PlanRecord = parsed.data;
    yield record;
  }
}
