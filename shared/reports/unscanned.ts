/**
 * What a run never scanned, as coverage counts it apart (shared/coverage `UnscannedInput`), from the run's own
 * report and its rule set: each partition a source could not read (`partition-unreadable`, with the error), each
 * partition the run never read to its end because time ran out or it was told to stop (`deadline`; the report
 * names the first 20, the rest are counted without their names), and each scope a rule names that no source
 * reads (`source-not-configured`, with its size when the caller counted it).
 */
import type { UnscannedInput } from '../coverage';
import { sourceInfo } from '../discovery';
import type { RunReport } from '../engine';
import type { UnreadScope } from '../rules';

/** What counting an unread scope found: its assets, or why they could not be counted. */
export interface ScopeCount {
  assets?: number;
  message?: string;
}

export function unscannedOf(report: RunReport, scopes: readonly UnreadScope[], counts: ReadonlyMap<string, ScopeCount> = new Map()): UnscannedInput[] {
  const unreadable = report.sourceErrors.map((e): UnscannedInput => {
    const kinds = sourceInfo(e.source).kinds;
    return { reason: 'partition-unreadable', partition: e.partition, message: e.message, ...(kinds.length === 1 && { kind: kinds[0] }) };
  });
  const unread = report.unread;
  const cut = unread ? [...unread.labels, ...Array.from({ length: unread.partitions - unread.labels.length }, () => 'a partition not listed in the report')] : [];
  const late = cut.map((partition): UnscannedInput => ({ reason: 'deadline', partition }));
  const notConfigured = scopes.map((s): UnscannedInput => {
    const count = counts.get(s.label);
    return { reason: 'source-not-configured', partition: s.label, kind: s.kind, projectId: s.projectId, envType: s.env, ...(count?.assets !== undefined && { assets: count.assets }), ...(count?.message && { message: count.message }) };
  });
  return [...unreadable, ...late, ...notConfigured];
}
