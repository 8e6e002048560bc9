/**
 * The events function's own event: assets an earlier invocation could not find yet, handed to a later
 * invocation of the same function (late-assets.ts). It is a CloudEvent, so it arrives as the events it
 * continues do and is read by the same parser (event.ts); only autotag sends it, by an async InvokeFunction
 * of itself (never through EventBridge, whose rules match `acs.dataworks` only), and it is checked as
 * strictly as any input. `attempt` counts invocations: the DataWorks delivery was 1, its first hand-on 2.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ENV_TYPES } from '../../dataworks';
import { type InputIssue, toInputIssues } from '../../errors';
import type { AssetRef } from '../../discovery';

export const LOOK_AGAIN_SOURCE = 'autotag';
export const LOOK_AGAIN_TYPE = 'autotag:Targets:LookAgain';

const id = z.number().int().positive().refine(Number.isSafeInteger, 'must be a safe integer');
const refSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('task'), taskId: id, projectId: id.optional(), env: z.enum(ENV_TYPES).optional() }),
  z.strictObject({ kind: z.literal('table'), maxcomputeProject: z.string().min(1), tableName: z.string().min(1), projectId: id.optional() }),
]);

const dataSchema = z.strictObject({
  attempt: z.number().int().min(2).max(100),
  /** the request id of the invocation the DataWorks events first reached, for following one asset's story in the logs */
  origin: z.string().min(1).max(200),
  targets: z.array(refSchema).min(1),
});

export type LookAgain = z.output<typeof dataSchema>;

/** The CloudEvent that asks a later invocation to look for `targets` (refs only: what was read is read again). */
export function lookAgainEvent(targets: readonly AssetRef[], attempt: number, origin: string): Record<string, unknown> {
  const data: LookAgain = { attempt, origin, targets: targets.map(({ found: _read, ...ref }) => ref) };
  return { specversion: '1.0', id: `look-again-${randomUUID()}`, source: LOOK_AGAIN_SOURCE, type: LOOK_AGAIN_TYPE, datacontenttype: 'application/json', data };
}

export function parseLookAgain(data: unknown): LookAgain | { issues: InputIssue[] } {
  const parsed = dataSchema.safeParse(data);
  return parsed.success ? parsed.data : { issues: toInputIssues(parsed.error, 'data') };
}
