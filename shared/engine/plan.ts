/**
 * Builds the plan: discovers assets partition by partition, evaluates each page (page.ts), and adds the
 * outcomes to the plan (plan-accumulator.ts), which records for every wanted tag whether it is to be bound,
 * already present, or in conflict. It reads, never writes: a dry run is this plan.
 */
import { randomUUID } from 'node:crypto';
import { AuthenticationError, AutotagError, DeadlineExceededError, InvalidInputError, PermissionError } from '../errors';
import { ASSET_KIND_NAMES } from '../dataworks';
import { discoverPartition, planPartitions, type DiscoveryScope } from '../discovery';
import { pushdownHints, type Rule, type RuleSet } from '../rules';
import { forEachLimit } from '../concurrency';
import { evaluatePage, pageContext } from './page';
import { PlanAccumulator } from './plan-accumulator';
import { planTagKeys } from './tag-keys';
import type { Plan, RunDeps, RunRequest, SourceError } from './types';

/** Partitions read at once; the read limiter still sets the pace. */
const PARTITION_CONCURRENCY = 3;

export interface PlanOutcome {
  plan: Plan;
  /** set when discovery stopped early (the plan then covers only what was read) */
  stoppedBy?: DeadlineExceededError;
}

/** The rules this run evaluates; unknown ids are an input error, raised before any call. */
export function selectRules(ruleSet: RuleSet, ruleIds?: string[]): Rule[] {
  if (!ruleIds?.length) return ruleSet.rules;
  const known = new Set(ruleSet.rules.map((r) => r.id));
  const unknown = ruleIds.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new InvalidInputError(
      unknown.map((id) => ({ field: 'ruleIds', message: `no rule "${id}" in the rule set (known: ${[...known].join(', ')})` })),
      'run request',
    );
  }
  return ruleSet.rules.filter((r) => ruleIds.includes(r.id));
}

/** What discovery needs of the run and its rules, as data: the kinds they can match and the filters they allow. */
function discoveryScope(request: RunRequest, rules: Rule[]): DiscoveryScope {
  return {
    sources: request.ruleSet.sources,
    // a rule without a type can match every kind
    kinds: new Set(rules.flatMap((r) => (r.match.type ? [r.match.type] : ASSET_KIND_NAMES))),
    hints: new Map(ASSET_KIND_NAMES.map((k) => [k, pushdownHints(rules, k)])),
    projects: request.projects,
    shard: request.shard,
    targets: request.targets,
  };
}

export async function buildPlan(request: RunRequest, deps: RunDeps): Promise<PlanOutcome> {
  const { api, clock } = deps;
  const rules = selectRules(request.ruleSet, request.ruleIds);
  const scope = discoveryScope(request, rules);
  const ctx = pageContext(rules, request.projects, api, { cache: deps.tableDetails, logger: deps.logger });
  const plan = new PlanAccumulator(rules);

  let stoppedBy: DeadlineExceededError | undefined;
  try {
    await forEachLimit(planPartitions(scope), PARTITION_CONCURRENCY, async (p) => {
      try {
        for await (const page of discoverPartition(api, scope, p)) {
          plan.add(await evaluatePage(plan.claim(p.source, page), ctx));
          deps.onProgress?.({ phase: 'discover', scanned: plan.scanned(), applied: 0, failed: 0, totalToApply: 0, ...apiCounters(deps) });
        }
      } catch (e) {
        // One unreadable partition (a MaxCompute project that does not exist, a workspace that keeps failing)
        // must not hide the rest; credentials and permissions are wrong for every partition alike.
        if (e instanceof DeadlineExceededError || e instanceof PermissionError || e instanceof AuthenticationError || !(e instanceof AutotagError)) throw e;
        const error: SourceError = { source: p.source, partition: p.label, code: e.code, message: e.message };
        plan.addSourceError(error);
        deps.logger.warn('a discovery source could not be read; the rest of the run goes on', { ...error });
      }
    });
  } catch (e) {
    if (!(e instanceof DeadlineExceededError)) throw e;
    stoppedBy = e;
  }

  await ctx.resolver.flush();
  const body = plan.finish();
  const tagKeys = stoppedBy ? [] : await planTagKeys(api, request.ruleSet.tagKeys, body.bindings);
  const head = { runId: request.runId ?? randomUUID(), ruleSet: request.ruleSet.name ?? request.ruleSet.file, trigger: request.trigger };
  return { plan: { ...head, createdAt: new Date(clock.now()).toISOString(), tagKeys, ...body }, stoppedBy };
}

export function apiCounters(deps: Pick<RunDeps, 'metrics'>): { throttled: number; retries: number } {
  const m = deps.metrics?.();
  return { throttled: m?.throttled ?? 0, retries: m?.retries ?? 0 };
}
