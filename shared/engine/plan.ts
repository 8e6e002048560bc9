/**
 * Builds the plan: discovers assets partition by partition, evaluates the rules on each asset (fetching
 * owners and table workspaces only when a rule needs them), and records for every wanted tag whether it
 * is to be bound, already present, or in conflict. It reads, never writes: a dry run is this plan.
 */
import { randomUUID } from 'node:crypto';
import { AuthenticationError, AutotagError, DeadlineExceededError, InvalidInputError, PermissionError } from '../errors';
import {
  createDetailResolver,
  discoverPartition,
  planPartitions,
  type DiscoveryScope,
  type AssetView,
  type SourceName,
} from '../discovery';
import { pushdownHints, referencesOwner, type Rule, type RuleSet } from '../rules';
import { evaluateAsset } from './evaluate';
import { planTagKeys } from './tag-keys';
import type { OverriddenBinding, Plan, PlannedBinding, PlanStats, RunDeps, RunRequest, SourceError } from './types';
import { forEachLimit } from '../concurrency';
import { ASSET_KIND_NAMES, type AssetKind } from '../dataworks';

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


export async function buildPlan(request: RunRequest, deps: RunDeps): Promise<PlanOutcome> {
  const { api, clock } = deps;
  const rules = selectRules(request.ruleSet, request.ruleIds);
  // What discovery needs of the rules, as data: the kinds they can match (a rule without a type: every kind)
  // and the filters they allow pushed to the server.
  const scope: DiscoveryScope = {
    sources: request.ruleSet.sources,
    kinds: new Set(rules.flatMap((r) => (r.match.type ? [r.match.type] : ASSET_KIND_NAMES))),
    hints: new Map(ASSET_KIND_NAMES.map((k) => [k, pushdownHints(rules, k)])),
    projects: request.projects,
    shard: request.shard,
    targets: request.targets,
  };
  const rulesFor: Record<AssetKind, Rule[]> = {
    table: rules.filter((r) => r.match.type !== 'task'),
    task: rules.filter((r) => r.match.type !== 'table'),
  };
  // ListTables reports no workspace: a run narrowed to workspaces reads it (GetTable) for every table it has
  // not seen tagged. Rules' own workspace, env and owner conditions fetch details only where they decide.
  const narrowed = !!request.projects?.length;
  const ownerRules = { table: rulesFor.table.some((r) => referencesOwner(r.match)), task: rulesFor.task.some((r) => referencesOwner(r.match)) };
  const resolver = createDetailResolver(api);

  const stats: PlanStats = { assetsScanned: {}, assetsEvaluated: 0, matchedPerRule: Object.fromEntries(rules.map((r) => [r.id, 0])), ownerUnreadable: 0, bind: 0, present: 0, conflict: 0, plannedWrites: 0 };
  const bindings: PlannedBinding[] = [];
  const overridden: OverriddenBinding[] = [];
  const unsettled: Plan['unsettled'] = [];
  const evaluated = new Set<string>();
  const tagCounts: Record<string, number> = {};

  const inScope = (a: AssetView) => !request.projects?.length || (a.projectId !== undefined && request.projects.includes(a.projectId));

  const evaluatePage = async (page: AssetView[]) => {
    let assets = page.filter((a) => !evaluated.has(a.id));
    assets.forEach((a) => evaluated.add(a.id));
    const missingWorkspace = narrowed ? assets.filter((a) => a.kind === 'table' && a.projectId === undefined) : [];
    if (missingWorkspace.length) {
      const resolved = new Map((await resolver.resolve(missingWorkspace)).map((a) => [a.id, a]));
      assets = assets.map((a) => resolved.get(a.id) ?? a);
    }
    assets = assets.filter(inScope);

    let outcomes = assets.map((a) => ({ asset: a, evaluation: evaluateAsset(rulesFor[a.kind], a, a.tags) }));
    const needDetails = outcomes.filter((o) => o.evaluation.kind === 'needs-details').map((o) => o.asset);
    if (needDetails.length) {
      const resolved = new Map((await resolver.resolve(needDetails)).map((a) => [a.id, a]));
      outcomes = outcomes.map((o) => {
        const a = resolved.get(o.asset.id);
        if (!a) return o;
        if (a.owner === null && ownerRules[a.kind]) stats.ownerUnreadable++;
        return { asset: a, evaluation: evaluateAsset(rulesFor[a.kind], a, a.tags) };
      });
    }
    for (const { asset, evaluation } of outcomes) {
      stats.assetsEvaluated++;
      if (evaluation.kind === 'unsettled') {
        unsettled.push({ assetId: asset.id, ruleIds: evaluation.ruleIds });
        continue;
      }
      if (evaluation.kind !== 'settled') continue;
      for (const id of evaluation.matchedRuleIds) stats.matchedPerRule[id]++;
      for (const o of evaluation.overridden) overridden.push({ assetId: asset.id, ...o });
      for (const w of evaluation.wanted.values()) {
        const b = toBinding(asset, w.key, w.value, w.rule);
        bindings.push(b);
        if (b.action !== 'present') tagCounts[asset.id] = Object.keys(asset.tags).length;
      }
    }
  };

  const partitions = planPartitions(scope);
  let stoppedBy: DeadlineExceededError | undefined;
  const count = (source: SourceName, n: number) => (stats.assetsScanned[source] = (stats.assetsScanned[source] ?? 0) + n);
  const sourceErrors: SourceError[] = [];
  try {
    await forEachLimit(partitions, PARTITION_CONCURRENCY, async (p) => {
      try {
        for await (const page of discoverPartition(api, scope, p)) {
          count(p.source, page.length);
          await evaluatePage(page);
          deps.onProgress?.({ phase: 'discover', scanned: { ...stats.assetsScanned }, applied: 0, failed: 0, totalToApply: 0, ...apiCounters(deps) });
        }
      } catch (e) {
        // One unreadable partition (a MaxCompute project that does not exist, a workspace that keeps failing)
        // must not hide the rest; credentials and permissions are wrong for every partition alike.
        if (e instanceof DeadlineExceededError || e instanceof PermissionError || e instanceof AuthenticationError || !(e instanceof AutotagError)) throw e;
        const error: SourceError = { source: p.source, partition: p.label, code: e.code, message: e.message };
        sourceErrors.push(error);
        deps.logger.warn('a discovery source could not be read; the rest of the run goes on', { ...error });
      }
    });
  } catch (e) {
    if (!(e instanceof DeadlineExceededError)) throw e;
    stoppedBy = e;
  }

  for (const b of bindings) stats[b.action]++;
  stats.plannedWrites = bindings.filter((b) => b.action === 'bind' || b.resolution === 'overwrite').length;
  const tagKeys = stoppedBy ? [] : await planTagKeys(api, request.ruleSet, bindings);
  const plan: Plan = {
    runId: request.runId ?? randomUUID(),
    ruleSet: request.ruleSet.name ?? request.ruleSet.file,
    createdAt: new Date(clock.now()).toISOString(),
    tagKeys,
    bindings: sortBindings(bindings),
    overridden,
    unsettled,
    sourceErrors,
    tagCounts,
    stats,
  };
  return { plan, stoppedBy };
}

function toBinding(asset: AssetView, key: string, value: string, rule: Rule): PlannedBinding {
  const base = { assetId: asset.id, assetName: asset.name, assetType: asset.type, projectId: asset.projectId, envType: asset.envType, key, value, ruleId: rule.id };
  const current = asset.tags[key];
  if (current === value) return { ...base, action: 'present' };
  if (current === undefined) return { ...base, action: 'bind' };
  return { ...base, action: 'conflict', currentValue: current, resolution: rule.onConflict };
}

/** Stable order (rule, asset name, key) so plans diff cleanly and print grouped by rule. */
function sortBindings(bindings: PlannedBinding[]): PlannedBinding[] {
  return bindings.sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.assetName.localeCompare(b.assetName) || a.assetId.localeCompare(b.assetId) || a.key.localeCompare(b.key));
}

export function apiCounters(deps: RunDeps): { throttled: number; retries: number } {
  const m = deps.metrics?.();
  return { throttled: m?.throttled ?? 0, retries: m?.retries ?? 0 };
}
