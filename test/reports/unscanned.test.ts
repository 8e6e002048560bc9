import type { RunReport } from '../../shared/engine';
import { unscannedOf } from '../../shared/reports';
import type { UnreadScope } from '../../shared/rules';

const base = { sourceErrors: [], unread: undefined } as unknown as RunReport;

describe('unscannedOf: what a run never scanned, as coverage counts it apart', () => {
  it('a partition a source could not read, with its kind and the error', () => {
    const report = { ...base, sourceErrors: [{ source: 'tables', partition: 'tables nope_dw', code: 'API_INVALID_REQUEST', message: 'ListTables failed: InvalidParameter' }] } as RunReport;
    expect(unscannedOf(report, [])).toEqual([{ reason: 'partition-unreadable', partition: 'tables nope_dw', kind: 'table', message: 'ListTables failed: InvalidParameter' }]);
  });

  it('every partition the deadline left unread, the ones the report does not name included', () => {
    const labels = Array.from({ length: 20 }, (_, i) => `tasks ${10000 + i} Prod`);
    const report = { ...base, unread: { partitions: 23, cut: 1, assetsLeft: 40, labels } } as RunReport;
    const unscanned = unscannedOf(report, []);
    expect(unscanned).toHaveLength(23);
    expect(unscanned.every((u) => u.reason === 'deadline' && u.assets === undefined)).toBe(true);
    expect(unscanned.slice(0, 20).map((u) => u.partition)).toEqual(labels);
  });

  it('a scope no source reads, with its size when it was counted, or why it was not', () => {
    const scopes: UnreadScope[] = [
      { kind: 'task', projectId: 10003, env: 'Dev', label: 'tasks 10003 Dev' },
      { kind: 'task', projectId: 10004, env: 'Prod', label: 'tasks 10004 Prod' },
    ];
    const counts = new Map([
      ['tasks 10003 Dev', { assets: 12 }],
      ['tasks 10004 Prod', { message: 'ListTasks failed: Forbidden' }],
    ]);
    expect(unscannedOf(base, scopes, counts)).toEqual([
      { reason: 'source-not-configured', partition: 'tasks 10003 Dev', kind: 'task', projectId: 10003, envType: 'Dev', assets: 12 },
      { reason: 'source-not-configured', partition: 'tasks 10004 Prod', kind: 'task', projectId: 10004, envType: 'Prod', message: 'ListTasks failed: Forbidden' },
    ]);
  });
});
