/** The engine: plan what a rule set implies for the catalog, then apply it. */
export { runRules, buildReport } from './run';
export { buildPlan, selectRules } from './plan';
export { applyPlan } from './apply';
export { evaluateAsset } from './evaluate';
export { groupCalls, type AssetWrite, type WriteCall } from './batches';
export * from './types';
