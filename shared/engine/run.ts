/**
 * One run of a rule set: plan, check the guards, apply (unless dry), and report. This is the single
 * entry point every trigger (timer, event, HTTP, CLI) calls.
 */
import { randomUUID } from 'node:crypto';
import { BlastRadiusError, type AutotagError } from '../errors';
import { applyPlan } from './apply';
import { buildPlan } from './plan';
import type { ApiMetrics } from '../dataworks';
import type { BindingResult, Plan, RunDeps, RunReport, RunRequest } from './types';

export async function runRules(request: RunRequest, deps: RunDeps): Promise<RunReport> {
  const started = deps.clock.now();
  const runId = request.runId ?? randomUUID();
  const logger = deps.logger.child({ runId, trigger: request.trigger });
  const { plan, stoppedBy } = await buildPlan({ ...request, runId }, deps);
  logger.info('plan built', { ...plan.stats, tagKeyChanges: plan.tagKeys.length, unsettled: plan.unsettled.length });
  for (const u of plan.unsettled) logger.warn('rules never settle on this asset: their tag conditions feed each other in a cycle', u);

  const report = (status: RunReport['status'], results: BindingResult[], notStarted: number, stop?: AutotagError): RunReport => {
    const r = buildReport({ request, plan, started, deps, status, results, notStarted, stop });
    logger.info('run finished', { status: r.status, ...r.result, durationMs: r.durationMs });
    return r;
  };

  if (stoppedBy) return report('deadline', [], plan.stats.plannedWrites, stoppedBy);
  if (request.dryRun) return { ...report(plan.sourceErrors.length ? 'partial' : 'ok', [], 0), planDetail: plan };

  const maxBindings = request.maxBindings ?? request.ruleSet.settings.maxBindings;
  if (plan.stats.plannedWrites > maxBindings) {
    const guard = new BlastRadiusError(plan.stats.plannedWrites, maxBindings);
    logger.warn(guard.message, { plannedWrites: plan.stats.plannedWrites, maxBindings });
    return report('blocked', [], plan.stats.plannedWrites, guard);
  }

  const { results, notStarted } = await applyPlan(plan, deps);
  const failed = results.some((r) => r.outcome === 'failed') || plan.sourceErrors.length > 0;
  return report(notStarted ? 'deadline' : failed ? 'partial' : 'ok', results, notStarted);
}

interface ReportInput {
  request: RunRequest;
  plan: Plan;
  started: number;
  deps: RunDeps;
  status: RunReport['status'];
  results: BindingResult[];
  notStarted: number;
  stop?: AutotagError;
}

export function buildReport({ request, plan, started, deps, status, results, notStarted, stop }: ReportInput): RunReport {
  // One entry per distinct reason, with every asset id it hit: the ids a user needs to act on.
  const failures = new Map<string, { assetIds: Set<string>; keys: Set<string>; reason: string; code?: string }>();
  for (const r of results.filter((x) => x.outcome === 'failed')) {
    const reason = r.reason ?? 'unknown';
    const f = failures.get(`${r.code}|${reason}`) ?? { assetIds: new Set(), keys: new Set(), reason, code: r.code };
    f.assetIds.add(r.assetId);
    f.keys.add(r.key);
    failures.set(`${r.code}|${reason}`, f);
  }
  const api: ApiMetrics = deps.metrics?.() ?? { calls: {}, retries: 0, throttled: 0 };
  return {
    runId: plan.runId,
    trigger: request.trigger,
    ruleSet: plan.ruleSet,
    dryRun: !!request.dryRun,
    startedAt: new Date(started).toISOString(),
    durationMs: deps.clock.now() - started,
    status,
    plan: plan.stats,
    tagKeys: plan.tagKeys,
    result: {
      applied: results.filter((r) => r.outcome === 'applied').length,
      skipped: results.filter((r) => r.outcome === 'skipped').length - notStarted,
      failed: results.filter((r) => r.outcome === 'failed').length,
      notStarted,
    },
    failures: [...failures.values()].map((f) => ({ ...f, assetIds: [...f.assetIds], keys: [...f.keys] })),
    sourceErrors: plan.sourceErrors,
    conflicts: plan.bindings.filter((b) => b.action === 'conflict'),
    api,
    stoppedBy: stop ? { code: stop.code, message: stop.message } : undefined,
  };
}
