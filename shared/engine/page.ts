/**
 * One page of discovered assets evaluated: each asset's rules decide which tags it wants (owners and table
 * workspaces fetched only where a rule needs them), and every wanted tag becomes a planned binding, already
 * present, or in conflict. Pure but for the detail reads; the plan accumulates the outcomes (plan-accumulator.ts).
 */
import { ASSET_KIND_NAMES, type AssetKind, type DataWorksApi } from '../dataworks';
import { createDetailResolver, type AssetView, type DetailResolver, type DetailResolverOptions } from '../discovery';
import { referencesOwner, type Rule } from '../rules';
import { evaluateAsset } from './evaluate';
import type { OverriddenBinding, Plan, PlannedBinding } from './types';

/** What evaluating a page needs, the same for every page of a run. */
export interface PageContext {
  /** the active rules that can match each kind */
  rulesFor: ReadonlyMap<AssetKind, readonly Rule[]>;
  /** kinds some of whose rules have an owner condition (an owner that cannot be read then counts) */
  ownerKinds: ReadonlySet<AssetKind>;
  /** the run is narrowed to these workspaces */
  projects?: readonly number[];
  /** reads owners and workspaces, cached for the run */
  resolver: DetailResolver;
}

/** What one page adds to the plan. */
export interface PageOutcome {
  evaluated: number;
  ownerUnreadable: number;
  /** the id of each rule that matched, once per asset it matched */
  matched: string[];
  bindings: PlannedBinding[];
  overridden: OverriddenBinding[];
  unsettled: Plan['unsettled'];
  /** how many tags each asset with a pending write carries now */
  tagCounts: Record<string, number>;
}

export function pageContext(rules: readonly Rule[], projects: readonly number[] | undefined, api: DataWorksApi, details: DetailResolverOptions = {}): PageContext {
  // A rule without a type can match every kind.
  const rulesFor = new Map(ASSET_KIND_NAMES.map((k) => [k, rules.filter((r) => (r.match.type ?? k) === k)]));
  return {
    rulesFor,
    ownerKinds: new Set(ASSET_KIND_NAMES.filter((k) => rulesFor.get(k)!.some((r) => referencesOwner(r.match)))),
    projects: projects?.length ? projects : undefined,
    resolver: createDetailResolver(api, details),
  };
}

/** Evaluates assets not seen before in the run (the plan hands out each asset once). */
export async function evaluatePage(page: AssetView[], ctx: PageContext): Promise<PageOutcome> {
  const { projects, resolver } = ctx;
  const evaluate = (a: AssetView) => ({ asset: a, evaluation: evaluateAsset(ctx.rulesFor.get(a.kind) ?? [], a, a.tags) });
  const withDetails = async (assets: AssetView[]) => new Map((await resolver.resolve(assets)).map((a) => [a.id, a]));

  // A run narrowed to workspaces needs each asset's: ListTables reports none, so GetTable reads it. Rules' own
  // workspace, env and owner conditions fetch details only where they decide.
  let assets = page;
  const missingWorkspace = projects ? assets.filter((a) => a.projectId === undefined) : [];
  if (missingWorkspace.length) {
    const resolved = await withDetails(missingWorkspace);
    assets = assets.map((a) => resolved.get(a.id) ?? a);
  }
  assets = assets.filter((a) => !projects || (a.projectId !== undefined && projects.includes(a.projectId)));

  const out: PageOutcome = { evaluated: 0, ownerUnreadable: 0, matched: [], bindings: [], overridden: [], unsettled: [], tagCounts: {} };
  let outcomes = assets.map(evaluate);
  const needDetails = outcomes.filter((o) => o.evaluation.kind === 'needs-details').map((o) => o.asset);
  if (needDetails.length) {
    const resolved = await withDetails(needDetails);
    outcomes = outcomes.map((o) => {
      const a = resolved.get(o.asset.id);
      if (!a) return o;
      if (a.owner === null && ctx.ownerKinds.has(a.kind)) out.ownerUnreadable++;
      return evaluate(a);
    });
  }
  for (const { asset, evaluation } of outcomes) {
    out.evaluated++;
    if (evaluation.kind === 'unsettled') {
      out.unsettled.push({ assetId: asset.id, ruleIds: evaluation.ruleIds });
      continue;
    }
    if (evaluation.kind !== 'settled') continue;
    out.matched.push(...evaluation.matchedRuleIds);
    for (const o of evaluation.overridden) out.overridden.push({ assetId: asset.id, ...o });
    for (const w of evaluation.wanted.values()) {
      const b = toBinding(asset, w.key, w.value, w.rule);
      out.bindings.push(b);
      if (b.action !== 'present') out.tagCounts[asset.id] = Object.keys(asset.tags).length;
    }
  }
  return out;
}

function toBinding(asset: AssetView, key: string, value: string, rule: Rule): PlannedBinding {
  const base = { assetId: asset.id, assetName: asset.name, assetType: asset.type, projectId: asset.projectId, envType: asset.envType, key, value, ruleId: rule.id };
  const current = asset.tags[key];
  if (current === value) return { ...base, action: 'present' };
  if (current === undefined) return { ...base, action: 'bind' };
  return { ...base, action: 'conflict', currentValue: current, resolution: rule.onConflict };
}
