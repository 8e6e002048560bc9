/** Reading a dry run's `--json` output back: JSON lines, the plan's records, then the report as the last line. */
import type { PlannedBinding, PlanRecord, RunReport } from '../../shared/engine';

export function jsonLines(stdout: string): { records: PlanRecord[]; bindings: PlannedBinding[]; report: RunReport } {
  const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as PlanRecord | { kind: 'report'; report: RunReport });
  const last = lines[lines.length - 1];
  if (last.kind !== 'report') throw new Error('the last line is not the report');
  const records = lines.slice(0, -1) as PlanRecord[];
  return { records, bindings: records.filter((r): r is PlanRecord & PlannedBinding & { kind: 'binding' } => r.kind === 'binding'), report: last.report };
}
