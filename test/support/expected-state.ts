/**
 * What a run must end with, found the plain way: the state one clean, unlimited run of the rule set reaches on
 * the same generated catalog (a fresh emulator with the same assets and seed, no faults, no quota). A run under
 * faults, kills or deadlines, with whatever re-runs it takes, must end exactly there. States compare as the
 * sorted bindings and each tag key's values.
 */
import type { Catalog } from '../../emulator';
import { runRules } from '../../shared/engine';
import { parseRuleSet } from '../../shared/rules';
import { startHarness } from './harness';

export interface CatalogState {
  /** `assetId|key|value`, sorted */
  bindings: string[];
  /** each key's values, sorted */
  tagKeys: Record<string, string[]>;
}

export const bindingsOf = (c: Catalog): string[] => c.bindings.map((b) => `${b.assetId}|${b.key}|${b.value}`).sort();

export function stateOf(c: Catalog): CatalogState {
  return { bindings: bindingsOf(c), tagKeys: Object.fromEntries(c.tagKeys.map((k) => [k.key, [...k.values].sort()])) };
}

/** The bindings `after` holds that `before` did not (`assetId|key|value`). */
export function gained(before: Catalog, after: Catalog): string[] {
  const had = new Set(bindingsOf(before));
  return bindingsOf(after).filter((b) => !had.has(b));
}

const reached = new Map<string, Promise<{ state: CatalogState; writeCalls: number }>>();

/** The state a clean run reaches, and the write calls it made (computed once per catalog and rule set). */
export function cleanRun(catalog: { assets: number; seed: number }, rules: string): Promise<{ state: CatalogState; writeCalls: number }> {
  const key = `${catalog.assets}|${catalog.seed}|${rules}`;
  let run = reached.get(key);
  if (!run) {
    run = (async () => {
      const h = await startHarness(catalog);
      try {
        const report = await runRules({ ruleSet: parseRuleSet(rules, 'expected.yaml'), trigger: 'cli', maxBindings: 1e6 }, h.deps());
        if (report.status !== 'ok') throw new Error(`the clean run did not end ok: ${report.status}`);
        return { state: stateOf(h.emulator.catalog()), writeCalls: h.emulator.calls().writeCalls };
      } finally {
        await h.stop();
      }
    })();
    reached.set(key, run);
  }
  return run;
}
