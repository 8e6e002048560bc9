/**
 * What a scheduled run may be narrowed to: the timer trigger's `payload`, a direct invocation, and each
 * fan-out shard all speak this one format, so a shard is just a scheduled run with a narrower scope.
 * It is our own input, so unknown keys fail (a typo must not silently widen a run).
 */
import { z } from 'zod';
import { shardSpecSchema, workspaceIds, type ShardSpec } from '../discovery';

/** How a full run decides to fan out: never, when the counted catalog is large (`auto`), or always. */
export type ShardingPolicy = 'never' | 'auto' | 'always';

export const runScopeSchema = z
  .strictObject({
    /** a rule set bundled with the function, by name; absent = the default one */
    ruleSet: z.string().min(1).optional(),
    ruleIds: z.array(z.string().min(1)).min(1).optional(),
    /** DataWorks workspace ids */
    projects: workspaceIds.optional(),
    dryRun: z.boolean().optional(),
    /** `full` (default): every source of the rule set, fanned out when configured; `shard`: one slice */
    mode: z.enum(['full', 'shard']).optional(),
    shard: shardSpecSchema.optional(),
    /** set by fan-out on each shard: the run it belongs to, and how many shards share the QPS budget */
    fanOut: z.strictObject({ parentRunId: z.string().min(1), shards: z.number().int().positive() }).optional(),
  })
  .check((ctx) => {
    const { mode, shard, fanOut } = ctx.value;
    if (fanOut && !shard) ctx.issues.push({ code: 'custom', input: ctx.value, path: ['fanOut'], message: 'fanOut describes a shard: it needs a shard' });
    if (mode === 'shard' && !shard) ctx.issues.push({ code: 'custom', input: ctx.value, path: ['shard'], message: 'mode "shard" needs a shard: {source, ...}' });
    if (mode === 'full' && shard) ctx.issues.push({ code: 'custom', input: ctx.value, path: ['mode'], message: 'a shard run has mode "shard" (or no mode), not "full"' });
  });

/** A validated run scope. `shard` present = one slice of a fanned-out run, which never fans out again. */
export interface RunScope {
  ruleSet?: string;
  ruleIds?: string[];
  projects?: number[];
  dryRun?: boolean;
  mode?: 'full' | 'shard';
  shard?: ShardSpec;
  fanOut?: { parentRunId: string; shards: number };
}
