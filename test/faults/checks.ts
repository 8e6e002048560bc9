/**
 * What every run of a fault scenario must show, judged against the emulator's catalog before and after it:
 * - its counts add up: applied + skipped + failed + notStarted = planned writes + conflicts left alone, and
 *   each of them has its own outcome (the observer's results, when the runner has them: one per binding);
 * - what the catalog gained is what the run reports applied (or failed: a write that landed while its answer
 *   was lost), and a value it removed is an overwrite it reports;
 * - every asset not yet as it must end is accounted for: a binding of it the run did not apply, or a
 *   partition it lies in that the run lists as unread (or could not read).
 */
import type { Catalog } from '../../emulator';
import type { BindingResult, RunReport } from '../../shared/engine';
import { bindingsOf, gained, type CatalogState } from '../support/expected-state';

export interface RunRecord {
  report: RunReport;
  /** the catalog before and after the run */
  before: Catalog;
  after: Catalog;
  /** each binding's outcome as the run streamed it (absent for a CLI run: the report alone) */
  results?: BindingResult[];
}

const conflictsLeftAlone = (r: RunReport) => r.plan.conflict - r.plan.overwrite;

/** The report's counts add up, and match the outcomes streamed binding by binding. */
export function expectCountsAddUp({ report, results }: RunRecord): void {
  const { applied, skipped, failed, notStarted } = report.result;
  expect(Math.min(applied, skipped, failed, notStarted)).toBeGreaterThanOrEqual(0);
  expect(applied + skipped + failed + notStarted).toBe(report.plan.plannedWrites + conflictsLeftAlone(report));
  if (!results) return;
  expect(new Set(results.map((r) => `${r.assetId}|${r.key}`)).size).toBe(results.length);
  const outcomes = (o: BindingResult['outcome']) => results.filter((r) => r.outcome === o).length;
  expect({ applied: outcomes('applied'), failed: outcomes('failed'), skipped: outcomes('skipped') }).toEqual({ applied, failed, skipped: skipped + notStarted });
}

/** What the catalog gained and lost in the run is what the run reports it wrote. */
export function expectChangesReported({ results, before, after }: RunRecord & { results: BindingResult[] }): void {
  const written = (o: readonly BindingResult['outcome'][]) => new Set(results.filter((r) => o.includes(r.outcome)).map((r) => `${r.assetId}|${r.key}|${r.value}`));
  const bound = new Set(bindingsOf(after));
  expect([...written(['applied'])].filter((b) => !bound.has(b))).toEqual([]);
  const reported = written(['applied', 'failed']);
  expect(gained(before, after).filter((b) => !reported.has(b))).toEqual([]);
  // a value changed or removed: only an overwrite the run reports (applied, or failed after its unbind) may do that
  const now = new Map(after.bindings.map((b) => [`${b.assetId}|${b.key}`, b.value]));
  const attempted = new Set(results.filter((r) => r.outcome !== 'skipped').map((r) => `${r.assetId}|${r.key}`));
  const replaced = before.bindings.map((b) => `${b.assetId}|${b.key}`).filter((k, i) => now.get(k) !== before.bindings[i].value);
  expect(replaced.filter((k) => !attempted.has(k))).toEqual([]);
}

/** The partitions an asset of `catalog` is listed in (the write-kinds rule set's sources): its own, and the tagged listing if it carries a tag. */
function partitionsOf(catalog: Catalog): Map<string, string[]> {
  const tagged = new Set(catalog.bindings.map((b) => b.assetId));
  const out = new Map<string, string[]>();
  const add = (id: string, own: string) => out.set(id, [own, ...(tagged.has(id) ? ['tagged'] : [])]);
  for (const t of catalog.tables) add(t.id, `tables ${t.maxcomputeProject}`);
  for (const t of catalog.tasks) add(String(t.id), `tasks ${t.projectId} ${t.projectEnv}`);
  return out;
}

const tagsByAsset = (bindings: readonly string[]) => {
  const out = new Map<string, string[]>();
  for (const b of bindings) {
    const id = b.slice(0, b.indexOf('|'));
    out.set(id, [...(out.get(id) ?? []), b]);
  }
  return out;
};

/** Every asset the run left short of the state it must end in is accounted for: a binding not applied, or a partition reported unread. */
export function expectShortfallReported({ report, results, before, after }: RunRecord & { results: BindingResult[] }, expected: CatalogState): void {
  const unread = new Set([...(report.unread?.labels ?? []), ...report.sourceErrors.map((e) => e.partition)]);
  if (report.unread) expect(report.unread.labels).toHaveLength(report.unread.partitions);
  const notApplied = new Set(results.filter((r) => r.outcome !== 'applied').map((r) => r.assetId));
  const want = tagsByAsset(expected.bindings);
  const have = tagsByAsset(bindingsOf(after));
  const partitions = partitionsOf(before);
  const short = [...new Set([...want.keys(), ...have.keys()])].filter((id) => JSON.stringify(want.get(id) ?? []) !== JSON.stringify(have.get(id) ?? []));
  const unexplained = short.filter((id) => !notApplied.has(id) && !(partitions.get(id) ?? []).some((p) => unread.has(p)));
  expect(unexplained).toEqual([]);
}
