/**
 * One run of a rule set, the single entry point every trigger (timer, event, HTTP, CLI) calls. Discovery fills
 * windows of writes while earlier windows are written (pipeline.ts), under the blast-radius guard (guard.ts);
 * the plan streams to the observer as it is made; the report counts. A run told to stop (`deps.stopAt`), or
 * cut by its deadline, reports a cursor (`next`) that a later run resumes from (`request.resume`).
 */
import { randomUUID } from 'node:crypto';
import { BlastRadiusError, DeadlineExceededError, InvalidInputError, type AutotagError } from '../errors';
import { LIMITS } from '../dataworks';
import { createDetailResolver, planPartitions, TagIndex } from '../discovery';
import { createChannel, createSlots } from '../concurrency';
import { Writer } from './apply';
import { ApplyLedger } from './apply-ledger';
import { checkedCursor, emptyTotals, scopeHash } from './cursor';
import { discover, LISTING_SLOTS } from './discover';
import { Frontier } from './frontier';
import { BlastRadiusGuard } from './guard';
import { pageContext } from './page';
import { WindowPipeline } from './pipeline';
import { PlanAccumulator } from './plan-accumulator';
import { PlanExplainer } from './plan-explain';
import { feedRecords, SAVED_PLAN } from './recorded';
import { discoveryScope, selectRules } from './scope';
import { buildReport } from './report';
import { ruleSetHash } from './rule-set-hash';
import type { RunDeps, RunReport, RunRequest } from './run-types';
import type { PlannedBinding } from './types';
import { SeenAssets } from './seen-assets';
import { TagKeys } from './tag-keys';
import { WindowBuilder, type PlanWindow } from './windows';

/** bindings per rule a dry run's planDetail keeps unless asked otherwise */
export const DEFAULT_PLAN_SAMPLE = 5_000;
/** windows queued between discovery and the writer: discovery waits beyond that (memory stays flat) */
const QUEUED_WINDOWS = 2;

export async function runRules(request: RunRequest, deps: RunDeps): Promise<RunReport> {
  const started = deps.clock.now();
  const rules = selectRules(request.ruleSet, request.ruleIds);
  const scope = discoveryScope(request, rules);
  if (request.plan && request.resume) throw new InvalidInputError([{ field: 'resume', message: 'a saved plan is applied whole: apply it again, without a cursor' }], 'run request');
  if (request.plan && request.explain?.length) throw new InvalidInputError([{ field: 'explain', message: 'a saved plan evaluates no asset: explain them while planning' }], 'run request');
  const partitions = request.plan ? [] : planPartitions(scope);
  const hash = ruleSetHash(request.ruleSet);
  const scopeKey = scopeHash(hash, request.ruleIds, scope);
  const resume = request.resume ? checkedCursor(request.resume, scopeKey, partitions.length) : undefined;
  const piece = (resume?.piece ?? 0) + 1;
  const runId = resume?.runId ?? request.runId ?? randomUUID();
  const head = { runId, ruleSet: request.ruleSet.name ?? request.ruleSet.file, ruleSetHash: hash };
  const logger = deps.logger.child({ runId, trigger: request.trigger });
  const dryRun = !!request.dryRun;
  const outOfTime = () => deps.deadline !== undefined && deps.clock.now() >= deps.deadline;

  const plan = new PlanAccumulator(rules, deps.observer, dryRun ? (request.planSample ?? DEFAULT_PLAN_SAMPLE) : 0);
  const explainer = request.explain?.length ? new PlanExplainer(request.explain, rules, (r) => deps.observer?.plan?.(r)) : undefined;
  const frontier = new Frontier(request.plan ? [SAVED_PLAN] : partitions.map((p) => p.label), resume);
  const limit = request.maxBindings ?? request.ruleSet.settings.maxBindings;
  const guard = new BlastRadiusGuard(limit, resume?.writes ?? 0, deps.holdWrites);
  const keys = new TagKeys(request.ruleSet.tagKeys, deps.api);
  let pipeline: WindowPipeline | undefined;
  const ledger = new ApplyLedger({
    head: { runId, trigger: request.trigger, ruleSetHash: hash, actor: request.actor, ...request.cause },
    deps,
    scanned: () => plan.scannedSoFar(),
    planned: () => plan.plannedWrites,
    windowSettled: () => pipeline?.settled(),
    pastDeadline: () => (outOfTime() ? new DeadlineExceededError(deps.deadline!) : undefined),
  });
  const writer = new Writer({ api: deps.api, ledger, keys, concurrency: deps.writeConcurrency });
  pipeline = new WindowPipeline(frontier, dryRun ? undefined : { guard, writer });
  const reads = { listingPages: 0, taggedAssets: 0, detailLookups: 0 };
  deps.observer?.plan?.({ kind: 'plan', formatVersion: 1, ...head, trigger: request.trigger, createdAt: new Date(started).toISOString(), dryRun, ...(request.endpoint !== undefined && { endpoint: request.endpoint }) });

  const resolver = createDetailResolver(deps.api, { cache: deps.tableDetails, logger: deps.logger });
  const soft = () => deps.stopAt !== undefined && deps.clock.now() >= deps.stopAt;
  let stoppedBy: DeadlineExceededError | undefined;
  try {
    await keys.load();
    const conflictSkipped = (b: PlannedBinding) => ledger.conflictSkipped(b);
    stoppedBy = await streamWindows(pipeline, async (channelCancelled, emit) => {
      const windows = new WindowBuilder(emit, deps.holdWrites);
      const seen = new SeenAssets();
      if (request.plan) {
        await feedRecords(request.plan, { plan, seen, windows, frontier, dryRun, conflictSkipped, ruleSetHash: hash });
        await windows.flush();
        return undefined;
      }
      return discover({
        api: deps.api,
        scope,
        partitions,
        frontier,
        page: pageContext(rules, request.projects, resolver),
        plan,
        explainer,
        seen,
        tagIndex: new TagIndex(),
        listingSlots: createSlots(LISTING_SLOTS),
        windows,
        deps,
        dryRun,
        // an audit sink that failed stops the reading too: nothing read now could be written
        stopping: () => channelCancelled() || soft() || outOfTime() || ledger.trail.failure !== undefined,
        conflictSkipped,
        reads,
      });
    });
  } catch (e) {
    if (!(e instanceof DeadlineExceededError)) throw e;
    stoppedBy = e;
  }

  // what the table-details cache learned is kept for the next run, however this one ended
  await resolver.flush();
  const failedDetails = resolver.takeFailures();
  // writes not started (the client refused them after an interrupt, or the writer saw the time was up) stop the run too
  stoppedBy ??= ledger.stoppedBy ?? (outOfTime() && (ledger.notStarted > 0 || !frontier.complete) ? new DeadlineExceededError(deps.deadline!) : undefined);
  explainer?.finish();
  const tagKeys = dryRun ? keys.planned(plan.valuesWritten) : keys.made;
  for (const change of tagKeys) deps.observer?.plan?.({ kind: 'tag-key', ...change });
  const stats = plan.stats();
  logger.info('plan built', { assetsScanned: stats.assetsScanned, assetsEvaluated: stats.assetsEvaluated, plannedWrites: stats.plannedWrites, unsettled: stats.unsettled });
  for (const u of plan.unsettledSample()) logger.warn('rules never settle on this asset: their tag conditions feed each other in a cycle', { ...u });

  const auditFailure = ledger.trail.failure;
  const stop: AutotagError | undefined = guard.blocked
    ? new BlastRadiusError(guard.counted, limit, guard.prior + guard.admitted, frontier.readAll)
    : (auditFailure ?? stoppedBy);
  if (guard.blocked) logger.warn(stop!.message, { plannedWrites: guard.counted, maxBindings: limit });
  const cut = !frontier.complete && !guard.blocked;
  const status: RunReport['status'] = guard.blocked
    ? 'blocked'
    : auditFailure
      ? 'partial'
      : cut || stoppedBy
      ? 'deadline'
      : ledger.failed > 0 || plan.errors().length > 0 || failedDetails.length > 0
        ? 'partial'
        : 'ok';
  const report = buildReport({
    request,
    head,
    started,
    deps,
    status,
    plan,
    ledger,
    tagKeys,
    unread: frontier.unread(),
    detailFailures: failedDetails,
    minimumReads: reads.listingPages + Math.ceil(reads.taggedAssets / LIMITS.pageSize) + reads.detailLookups + 1,
    piece,
    priorTotals: resume?.totals ?? emptyTotals(),
    // a saved plan is applied again whole, never resumed; the writes a stop kept from being made are counted again when replanned
    next: cut && !request.plan ? { formatVersion: 1, runId, scope: scopeKey, piece, ...frontier.position(), writes: guard.prior + guard.admitted - ledger.redo } : undefined,
    stop,
    planDetail: dryRun && request.planSample !== 0 ? { runId, ruleSet: head.ruleSet, trigger: request.trigger, createdAt: new Date(started).toISOString(), ...plan.detail() } : undefined,
  });
  logger.info('run finished', { status: report.status, ...report.result, unread: report.unread?.partitions ?? 0, durationMs: report.durationMs });
  return report;
}

/**
 * Runs discovery as the producer of a bounded queue of windows and the pipeline as its consumer, so discovery
 * waits while the writer is behind. Returns the deadline error that stopped discovery, if one did; any other
 * failure is thrown once no write is left in flight.
 */
async function streamWindows(
  pipeline: WindowPipeline,
  produce: (cancelled: () => boolean, emit: (w: PlanWindow) => Promise<void>) => Promise<DeadlineExceededError | undefined>,
): Promise<DeadlineExceededError | undefined> {
  const channel = createChannel<PlanWindow>(QUEUED_WINDOWS);
  const producing = produce(
    () => channel.cancelled,
    async (w) => void (await channel.push(w)),
  ).finally(() => channel.close());
  try {
    await pipeline.consume(channel);
  } catch (e) {
    channel.cancel();
    await producing.catch(() => undefined);
    await pipeline.idle().catch(() => undefined);
    throw e;
  }
  let stoppedBy: DeadlineExceededError | undefined;
  try {
    stoppedBy = await producing;
  } catch (e) {
    // a broken run (credentials, permissions) writes nothing more: what is held stays unwritten
    await pipeline.idle().catch(() => undefined);
    throw e;
  }
  // what is held is written (after a deadline: refused as not started), then every write has ended
  await pipeline.finish();
  return stoppedBy;
}
