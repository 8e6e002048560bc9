/**
 * The scheduled function's one service: a full run from the timer (fanned out into shards when the catalog
 * is large and a shard function is configured), one shard of such a run, or the next piece of either when it
 * ran past its invocation's time budget (continuation.ts); with AUTOTAG_REPORTS_DIR set, each piece also leaves
 * its report and coverage there (reports.ts).
 */
import { runRules } from '../../engine';
import type { RuleSet } from '../../rules';
import { allRetryable, countCatalog, dispatchShards, checkShard, pieceTaskId, planShards, type RunScope } from '../../fanout';
import { runNotified, type EngineDeps, type Invocation } from '../../runtime';
import type { ShardSpec } from '../../discovery';
import { RunIncompleteError } from '../async-failures';
import { invokerOf } from '../invoker';
import { continues, refuseContinuation, settlePiece, stopAtOf, targetOf, type PieceOutcome } from './continuation';
import type { ScheduledRun } from './event';
import { FANNED_OUT } from './piece-line';
import { keepRunReports } from './reports';

/** a scheduled dry run's report goes to the function's log: a few bindings per rule, beside every count */
const LOGGED_PLAN_SAMPLE = 20;

export type ScheduledOutcome =
  | PieceOutcome
  | { kind: 'fan-out'; runId: string; reason: string; queued: { shard?: ShardSpec; requestId?: string; alreadyQueued?: true }[] };

/** The shard payloads of a full run, or none (sharding off, the catalog small, one slice only, or a continuation). */
async function planFanOut(invocation: Invocation, deps: EngineDeps, ruleSet: RuleSet, run: ScheduledRun, runId: string) {
  const { shardTarget, sharding, shardMinAssets } = invocation.config;
  const { scope } = run;
  if (!shardTarget || sharding === 'never' || scope.shard || run.resume) return undefined;
  const estimatedAssets = sharding === 'auto' ? await countCatalog(deps.api, ruleSet, scope.projects) : undefined;
  return { target: shardTarget, plan: planShards(ruleSet, { policy: sharding, minAssets: shardMinAssets, estimatedAssets, scope, runId }) };
}

async function fanOut(invocation: Invocation, target: NonNullable<Invocation['config']['shardTarget']>, shards: RunScope[], runId: string, reason: string): Promise<ScheduledOutcome> {
  const invoker = invokerOf(invocation, target, 'fan-out');
  // each shard is piece 1 of its own chain: a retry of this invocation cannot queue it twice
  const result = await dispatchShards(invoker, target.functionName, shards, { clock: invocation.clock, taskId: (s) => pieceTaskId(runId, s.shard, 1) });
  const queued = result.queued.map((q) => ({ shard: q.scope.shard, requestId: q.requestId, ...(q.alreadyQueued && { alreadyQueued: q.alreadyQueued }) }));
  invocation.logger.info(FANNED_OUT, { runId, reason, target: target.functionName, queued, failed: result.failed.length });
  if (result.failed.length) {
    throw new RunIncompleteError(runId, 'fan-out', allRetryable(result.failed), `${result.failed.length} of ${shards.length} shards could not be queued: ${result.failed.map((f) => f.error.message).join('; ')}`);
  }
  return { kind: 'fan-out', runId, reason, queued };
}

export async function runScheduled(invocation: Invocation, run: ScheduledRun): Promise<ScheduledOutcome> {
  try {
    return await runPiece(invocation, run);
  } catch (error) {
    return refuseContinuation(invocation, run, error);
  }
}

async function runPiece(invocation: Invocation, run: ScheduledRun): Promise<ScheduledOutcome> {
  const { scope, resume } = run;
  const runId = invocation.context.requestId;
  invocation.logger.info('scheduled run', { runId, via: run.via, triggerName: run.triggerName, scope, ...(resume && { resumes: { runId: resume.runId, piece: resume.piece + 1 } }) });

  const ruleSet = await invocation.ruleSets.get(scope.ruleSet);
  if (scope.shard) checkShard(ruleSet, scope.shard);
  const notifier = invocation.notifier(ruleSet, { shard: !!scope.shard });
  const target = targetOf(invocation);
  // reading stops early only where the rest can go on in another invocation
  const deps = { ...invocation.engineDeps({ shards: scope.fanOut?.shards }), ...(target && { stopAt: stopAtOf(invocation.context) }) };

  const fan = await planFanOut(invocation, deps, ruleSet, run, runId);
  if (fan?.plan.shards.length) return fanOut(invocation, fan.target, fan.plan.shards, runId, fan.plan.reason);
  if (fan) invocation.logger.info('running in place', { runId, reason: fan.plan.reason });

  const request = await invocation.audited(
    {
      ruleSet,
      trigger: invocation.trigger,
      runId,
      ruleIds: scope.ruleIds,
      projects: scope.projects,
      dryRun: scope.dryRun,
      maxBindings: invocation.config.maxBindings,
      shard: scope.shard,
      planSample: LOGGED_PLAN_SAMPLE,
      resume,
    },
    { triggerName: run.triggerName },
  );
  const kept = keepRunReports(invocation, ruleSet, scope);
  const report = await runNotified(notifier, request, kept ? { ...deps, observer: kept.observer } : deps, runRules, { quiet: (r) => continues(run, r, target) });
  await kept?.write(report);
  return settlePiece(invocation, run, report, target);
}
