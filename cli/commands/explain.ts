/**
 * `autotag explain`: why the rules tag an asset as they do. Loads the rule set, reads just the assets named,
 * where its sources would find them (shared/discovery `findNamedAssets`), explains each as a run evaluates it
 * (shared/engine `explainAssets`: details fetched only where an outcome depends on them), and prints the
 * explanation, or with --json one document. Exit 0 when every asset named was explained; 1 when one was not
 * found, is ambiguous or could not be read; 2 for bad input (rule file, flags, a name that cannot be one).
 */
import { systemClock } from '../../shared/clock';
import { createDetailResolver, findNamedAssets, parseAssetNames, tableIdFormat, type NamedAsset } from '../../shared/discovery';
import { explainAssets, selectRules, type AssetExplanation } from '../../shared/engine';
import type { LogLevel } from '../../shared/log';
import { loadRuleSet } from '../../shared/rules';
import { connect } from '../connect';
import { EXIT, type ExitCode } from '../exit-codes';
import type { BudgetFlags, TargetFlags } from '../options';
import { renderExplain, type ExplainDocument, type ExplainResult } from '../render/explain';
import { printJson, println, stderrLogger, type Terminal } from '../terminal';

export interface ExplainFlags extends TargetFlags, BudgetFlags {
  rules: string;
  json?: boolean;
  /** only these rules, as plan --rule */
  rule?: string[];
  logLevel?: LogLevel;
}

function resultOf({ named, ...found }: NamedAsset, explanations: ReadonlyMap<string, AssetExplanation>): ExplainResult {
  if (found.outcome !== 'found') return { input: named.text, ...found };
  return { input: named.text, outcome: 'explained', explanation: explanations.get(found.asset.id)! };
}

export async function explainCommand(names: string[], flags: ExplainFlags, term: Terminal): Promise<ExitCode> {
  const ruleSet = await loadRuleSet(flags.rules);
  const rules = selectRules(ruleSet, flags.rule);
  const named = parseAssetNames(names, tableIdFormat(ruleSet.sources));
  const api = connect(flags, { clock: systemClock, logger: stderrLogger(term, flags.logLevel) });

  const found = await findNamedAssets(api, ruleSet.sources, named);
  const assets = found.flatMap((f) => (f.outcome === 'found' ? [f.asset] : []));
  const explanations = new Map((await explainAssets(rules, assets, createDetailResolver(api))).map((e) => [e.asset.id, e]));
  const doc: ExplainDocument = {
    ruleSet: ruleSet.name ?? ruleSet.file,
    rules: rules.map((r) => r.id),
    assets: found.map((f) => resultOf(f, explanations)),
    api: api.metrics(),
  };
  if (flags.json) printJson(term, doc);
  else println(term, renderExplain(doc));
  return doc.assets.every((a) => a.outcome === 'explained') ? EXIT.ok : EXIT.failed;
}
