/**
 * The explanations a plan gives of the assets it was asked about (`plan --explain <id or name>`): each asset
 * whose id or name was given is explained from the plan's own evaluation (the view its page evaluated, the
 * details read for it), as it is evaluated, so no asset is read twice; once the plan is done, each id or name
 * that named no asset the plan saw is said to be so. Several assets may carry one name: each is explained.
 */
import type { Rule } from '../rules';
import { explainAsset } from './explain';
import type { EvaluatedAsset } from './page';
import type { PlanRecord } from './types';

export class PlanExplainer {
  /** each input as given, by its trimmed text, and whether it named an asset yet */
  private readonly inputs: Map<string, { input: string; seen: boolean }>;

  constructor(
    inputs: readonly string[],
    private readonly rules: readonly Rule[],
    private readonly emit: (record: PlanRecord) => void,
  ) {
    this.inputs = new Map(inputs.map((input) => [input.trim(), { input, seen: false }]));
  }

  /** Explains each asset of an evaluated page that an input names, by id or by name. */
  page(assets: readonly EvaluatedAsset[]): void {
    for (const { asset, detailsFetched } of assets) {
      for (const named of new Set([this.inputs.get(asset.id), this.inputs.get(asset.name)])) {
        if (!named) continue;
        named.seen = true;
        this.emit({ kind: 'explanation', input: named.input, outcome: 'explained', explanation: explainAsset(this.rules, asset, { detailsFetched, asPlanned: true }) });
      }
    }
  }

  /** Says, of each input that named no asset of the plan, that it did not. */
  finish(): void {
    for (const { input, seen } of this.inputs.values()) if (!seen) this.emit({ kind: 'explanation', input, outcome: 'not-in-plan' });
  }
}
