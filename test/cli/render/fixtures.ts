/** Plans and reports built by hand for the renderer tests: only the fields a test cares about vary. */
import type { Plan, PlannedBinding, RunReport } from '../../../shared/engine';

export function binding(over: Partial<PlannedBinding> & Pick<PlannedBinding, 'assetId' | 'ruleId'>): PlannedBinding {
  return { assetName: `name-${over.assetId}`, assetType: 'ACS::DataWorks::Table', key: 'layer', value: 'ods', action: 'bind', ...over };
}

function tallyOf(bindings: PlannedBinding[]) {
  const n = (action: PlannedBinding['action']) => bindings.filter((b) => b.action === action).length;
  return { bind: n('bind'), present: n('present'), conflict: n('conflict'), overwrite: bindings.filter((b) => b.resolution === 'overwrite').length };
}

export function plan(bindings: PlannedBinding[], over: Partial<Plan> = {}): Plan {
  const ruleIds = [...new Set(bindings.map((b) => b.ruleId))];
  return {
    runId: 'run-1',
    ruleSet: 'test-rules',
    trigger: 'cli',
    createdAt: '2026-01-01T00:00:00.000Z',
    tagKeys: [],
    bindings,
    overridden: [],
    unsettled: [],
    sourceErrors: [],
    omitted: 0,
    stats: {
      assetsScanned: { tables: 1500, tasks: 20 },
      assetsEvaluated: 1520,
      matchedPerRule: Object.fromEntries(ruleIds.map((id) => [id, bindings.filter((b) => b.ruleId === id).length])),
      ownerUnreadable: 0,
      bind: bindings.filter((b) => b.action === 'bind').length,
      present: bindings.filter((b) => b.action === 'present').length,
      conflict: bindings.filter((b) => b.action === 'conflict').length,
      overwrite: bindings.filter((b) => b.resolution === 'overwrite').length,
      plannedWrites: bindings.filter((b) => b.action === 'bind' || b.resolution === 'overwrite').length,
      detailsSkipped: 0,
      byRule: Object.fromEntries(ruleIds.map((id) => [id, tallyOf(bindings.filter((b) => b.ruleId === id))])),
      overridden: over.overridden?.length ?? 0,
      unsettled: over.unsettled?.length ?? 0,
    },
    ...over,
  };
}

export function report(over: Partial<RunReport> = {}): RunReport {
  return {
    runId: 'run-1',
    trigger: 'cli',
    ruleSet: 'test-rules',
    dryRun: false,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 4200,
    status: 'ok',
    ruleSetHash: 'a'.repeat(64),
    plan: {
      assetsScanned: { tables: 100 },
      assetsEvaluated: 100,
      matchedPerRule: {},
      ownerUnreadable: 0,
      detailsSkipped: 0,
      bind: 10,
      present: 5,
      conflict: 0,
      overwrite: 0,
      plannedWrites: 10,
      byRule: {},
      overridden: 0,
      unsettled: 0,
    },
    tagKeys: [],
    result: { applied: 10, skipped: 0, failed: 0, notStarted: 0 },
    failures: [],
    sourceErrors: [],
    conflicts: [],
    concurrent: { count: 0, changes: [] },
    minimumReads: 5,
    api: { calls: { ListTables: 2, TagDataAssets: 1, ListDataAssets: 3 }, retries: 0, throttled: 0 },
    piece: 1,
    totals: { scanned: { tables: 100 }, evaluated: 100, bind: 10, present: 5, conflict: 0, plannedWrites: 10, applied: 10, skipped: 0, failed: 0 },
    ...over,
  };
}
