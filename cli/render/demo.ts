/**
 * The demo's explanations: why a plan scans fewer assets than the sample catalog holds, and why the tags present
 * after the first run are not those present before plus those written. The numbers alone read like lost work.
 */
import { ASSET_KIND_NAMES } from '../../shared/dataworks';
import type { RunReport } from '../../shared/engine';
import { pushdownHints, type RuleSet } from '../../shared/rules';
import { count, counted, duration, joinParts } from './format';
import { fromCounts } from './plan';
import { totalCalls } from './report';
import { describeSources } from './sources';

export interface DemoRuns {
  plan: RunReport;
  apply: RunReport;
  again: RunReport;
  /** write calls the emulator received during the second apply */
  writesAgain: number;
}

const scannedOf = (r: RunReport) => Object.values(r.plan.assetsScanned).reduce((a, b) => a + (b ?? 0), 0);

/** `Scanned 2,057 of the catalog's 3,000 assets: …` — what the sources read, and that the rest was never listed. */
export function scannedNote(plan: RunReport, catalogAssets: number, ruleSet: RuleSet): string {
  const scanned = scannedOf(plan);
  const prefixes = [...new Set(ASSET_KIND_NAMES.flatMap((k) => pushdownHints(ruleSet.rules, k).names ?? []))];
  const filters = prefixes.length ? `, and only names starting with ${prefixes.map((p) => `"${p}"`).join(', ')} where every rule of a kind needs one (a filter sent to the server)` : '';
  const rest = catalogAssets - scanned;
  return (
    `Scanned ${count(scanned)} of the catalog's ${counted(catalogAssets, 'asset')}: autotag lists only what the rule set's sources name ` +
    `(${describeSources(ruleSet)})${filters}. ` +
    (rest > 0 ? `The other ${count(rest)} were never listed, so no rule could reach them; add a source to reach them.` : 'That is the whole catalog.')
  );
}

/**
 * `888 before the first run; 4,092 after it (888 + 3,778 written − 574 …)`: the re-run counts only what the
 * rules still want, and a rule matching assets that lack a key stops matching once it has bound that key.
 */
function presentLine(r: DemoRuns): string {
  const before = r.plan.plan.present;
  const after = r.again.plan.present;
  const written = r.apply.result.applied;
  const base = `${count(before)} before the first run; ${count(after)} after it`;
  const gap = before + written - after;
  if (gap === 0) return `${base} (${count(before)} + ${count(written)} written)`;
  const stopped = Object.keys(r.plan.plan.matchedPerRule).filter((id) => (r.again.plan.matchedPerRule[id] ?? 0) < r.plan.plan.matchedPerRule[id]);
  if (gap < 0 || !stopped.length) return `${base} (the re-run's plan: what the rules want that is bound)`;
  const rules = stopped.length === 1 ? `rule ${stopped[0]}` : `rules ${stopped.join(', ')}`;
  return `${base}: ${count(before)} + ${count(written)} written − ${count(gap)} no longer wanted (${rules} stopped matching once the run bound their tags: a tag condition such as lacks no longer holds)`;
}

export function demoSummary(r: DemoRuns, catalogAssets: number, totalMs: number): string {
  // the plan's counts: planDetail keeps only a sample of its bindings
  const t = fromCounts(r.plan.plan);
  const conflicts = t.conflict ? `${count(t.conflict)} (${count(t.overwrite)} overwritten, ${count(t.skip)} left alone as onConflict: skip says)` : 'none';
  return [
    '',
    '── Summary ' + '─'.repeat(64),
    `  scanned    ${count(scannedOf(r.plan))} of the catalog's ${count(catalogAssets)} assets (what the sources list)`,
    `  planned    ${counted(r.plan.plan.plannedWrites, 'write')} (${count(t.bind)} new bindings, ${count(t.overwrite)} overwrites)`,
    `  applied    ${count(r.apply.result.applied)}${r.apply.result.failed ? `, failed ${count(r.apply.result.failed)}` : ''}`,
    `  present    ${presentLine(r)}`,
    `  conflicts  ${conflicts}`,
    `  API calls  ${joinParts([`plan ${count(totalCalls(r.plan))}`, `apply ${count(totalCalls(r.apply))}`, `again ${count(totalCalls(r.again))} (${count(r.writesAgain)} writes)`])}`,
    `  duration   ${duration(totalMs)}`,
  ].join('\n');
}
