/**
 * One page of discovered assets evaluated: each asset's rules decide which tags it wants, and every wanted tag
 * becomes a planned binding, already present, or in conflict. Owners and table workspaces are fetched only
 * where the answer can change what is written (details-needed.ts); a run narrowed to workspaces reads the
 * workspace of every table that does not report one. Pure but for the detail reads.
 */
import { ASSET_KIND_NAMES, type AssetKind } from '../dataworks';
import type { AssetView, DetailResolver } from '../discovery';
import { referencesOwner, type Rule } from '../rules';
import { bindingAction, rulesForKind } from './binding-choice';
import { decidedWithoutDetails } from './details-needed';
import { evaluateAsset, type Evaluation } from './evaluate';
import type { OverriddenBinding, PlannedBinding, UnsettledAsset } from './types';

/** What evaluating a page needs, the same for every page of a run. */
export interface PageContext {
  /** the active rules that can match each kind */
  rulesFor: ReadonlyMap<AssetKind, readonly Rule[]>;
  /** kinds some of whose rules have an owner condition (an owner that cannot be read then counts) */
  ownerKinds: ReadonlySet<AssetKind>;
  /** the run is narrowed to these workspaces */
  projects?: readonly number[];
  /** reads owners and workspaces */
  resolver: DetailResolver;
}

/** One asset as the plan sees it: the view evaluated (details filled in where read) and every wanted tag. */
export interface EvaluatedAsset {
  asset: AssetView;
  bindings: PlannedBinding[];
  /** its owner and workspace were read for this evaluation (what an explanation of it says) */
  detailsFetched?: boolean;
}

/** What one page adds to the plan. */
export interface PageOutcome {
  assets: EvaluatedAsset[];
  ownerUnreadable: number;
  detailsSkipped: number;
  /** assets whose details were asked for (read, or answered by a cache) */
  detailLookups: number;
  /** the id of each rule that matched, once per asset it matched */
  matched: string[];
  overridden: OverriddenBinding[];
  unsettled: UnsettledAsset[];
}

export function pageContext(rules: readonly Rule[], projects: readonly number[] | undefined, resolver: DetailResolver): PageContext {
  const rulesFor = new Map(ASSET_KIND_NAMES.map((k) => [k, rulesForKind(rules, k)]));
  return {
    rulesFor,
    ownerKinds: new Set(ASSET_KIND_NAMES.filter((k) => rulesFor.get(k)!.some((r) => referencesOwner(r.match)))),
    projects: projects?.length ? projects : undefined,
    resolver,
  };
}

/** Evaluates assets not seen before in the run (the run hands out each asset once). */
export async function evaluatePage(page: AssetView[], ctx: PageContext): Promise<PageOutcome> {
  const { projects, resolver } = ctx;
  const rulesOf = (a: AssetView) => ctx.rulesFor.get(a.kind) ?? [];
  const fetched = new Set<string>();
  const withDetails = async (assets: AssetView[]) => {
    out.detailLookups += assets.length;
    for (const a of assets) fetched.add(a.id);
    return new Map((await resolver.resolve(assets)).map((a) => [a.id, a]));
  };
  const out: PageOutcome = { assets: [], ownerUnreadable: 0, detailsSkipped: 0, detailLookups: 0, matched: [], overridden: [], unsettled: [] };

  // A run narrowed to workspaces needs each asset's: ListTables reports none, so GetTable reads it.
  let assets = page;
  const missingWorkspace = projects ? assets.filter((a) => a.projectId === undefined) : [];
  if (missingWorkspace.length) {
    const resolved = await withDetails(missingWorkspace);
    assets = assets.map((a) => resolved.get(a.id) ?? a);
  }
  assets = assets.filter((a) => !projects || (a.projectId !== undefined && projects.includes(a.projectId)));

  let outcomes = assets.map((asset) => {
    let evaluation = evaluateAsset(rulesOf(asset), asset, asset.tags);
    if (evaluation.kind === 'needs-details') {
      const decided = decidedWithoutDetails(rulesOf(asset), asset, asset.tags);
      if (decided) out.detailsSkipped++;
      evaluation = decided ?? evaluation;
    }
    return { asset, evaluation };
  });
  const needDetails = outcomes.filter((o) => o.evaluation.kind === 'needs-details').map((o) => o.asset);
  if (needDetails.length) {
    const resolved = await withDetails(needDetails);
    outcomes = outcomes.map((o) => {
      const a = resolved.get(o.asset.id);
      if (!a || o.evaluation.kind !== 'needs-details') return o;
      if (a.owner === null && ctx.ownerKinds.has(a.kind)) out.ownerUnreadable++;
      return { asset: a, evaluation: evaluateAsset(rulesOf(a), a, a.tags) };
    });
  }
  for (const { asset, evaluation } of outcomes) addEvaluation(out, asset, evaluation, fetched.has(asset.id));
  return out;
}

function addEvaluation(out: PageOutcome, asset: AssetView, evaluation: Evaluation, detailsFetched: boolean): void {
  const details = detailsFetched ? { detailsFetched } : {};
  if (evaluation.kind === 'unsettled') out.unsettled.push({ assetId: asset.id, ruleIds: evaluation.ruleIds });
  if (evaluation.kind !== 'settled') {
    out.assets.push({ asset, bindings: [], ...details });
    return;
  }
  out.matched.push(...evaluation.matchedRuleIds);
  for (const o of evaluation.overridden) out.overridden.push({ assetId: asset.id, ...o });
  out.assets.push({ asset, bindings: [...evaluation.wanted.values()].map((w) => toBinding(asset, w.key, w.value, w.rule)), ...details });
}

function toBinding(asset: AssetView, key: string, value: string, rule: Rule): PlannedBinding {
  const base = { assetId: asset.id, assetName: asset.name, assetType: asset.type, projectId: asset.projectId, envType: asset.envType, key, value, ruleId: rule.id };
  return { ...base, ...bindingAction(asset.tags, key, value, rule) };
}
