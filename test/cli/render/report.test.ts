import { renderReport, throttleHint } from '../../../cli/render/report';
import { binding, report } from './fixtures';

describe('cli/render/report', () => {
  describe('renderReport', () => {
    it('says what was applied, the plan counts, the API calls per operation and the duration', () => {
      const text = renderReport(report());
      expect(text).toContain('Planned: scanned 100 assets (tables 100); 10 to bind · 5 present → 10 writes');
      expect(text).toContain('Done: applied 10 · skipped 0 · failed 0.');
      expect(text).toContain('API calls: 6 (ListDataAssets 3, ListTables 2, TagDataAssets 1) · retries 0 · throttled 0 · 4.2 s');
      expect(text).not.toContain('Hint');
    });

    it('lists failures by reason with their keys and a few of their asset ids', () => {
      const ids = Array.from({ length: 12 }, (_, i) => `asset-${i}`);
      const text = renderReport(
        report({
          status: 'partial',
          result: { applied: 3, skipped: 0, failed: 12, notStarted: 0 },
          failures: [{ assetIds: ids, assets: ids.length, keys: ['layer'], reason: 'InvalidParameter.DataAssetIds: no such asset' }],
        }),
      );
      expect(text).toContain('Finished with failures: applied 3 · skipped 0 · failed 12.');
      expect(text).toContain('✗ 12 assets (keys: layer): InvalidParameter.DataAssetIds: no such asset');
      expect(text).toContain('assets: asset-0, asset-1, asset-2, asset-3, asset-4 … and 7 more');
    });

    it('counts a source it could not read as a failure and names it', () => {
      const text = renderReport(
        report({ status: 'partial', sourceErrors: [{ source: 'tasks', partition: 'tasks 10001 Prod', code: 'Forbidden', message: 'ListTasks was denied' }] }),
      );
      expect(text).toContain('  ✗ tasks 10001 Prod: ListTasks was denied');
      expect(text).toContain('Finished with failures: applied 10 · skipped 0 · failed 0 · 1 source not read.');
    });

    it('explains a run a guard stopped', () => {
      const text = renderReport(report({ status: 'blocked', result: { applied: 0, skipped: 0, failed: 0, notStarted: 10 }, stoppedBy: { code: 'GUARD_BLAST_RADIUS', message: 'the run would write 10 bindings, more than the limit of 1' } }));
      expect(text).toContain('Stopped before any write: the run would write 10 bindings, more than the limit of 1');
    });

    it('says the audit log stopped the writes, and lists the applied changes it lacks', () => {
      const message = 'the audit log failed: cannot append to audit.jsonl: ENOSPC: no space left on device, write; no further write was started';
      const head = { runId: 'run-1', trigger: 'cli', ruleSetHash: 'h', ruleId: 'pii', time: '2026-01-01T00:00:00.000Z' };
      const records = Array.from({ length: 7 }, (_, i) => ({ kind: 'binding' as const, ...head, assetId: `t${i}`, assetName: `ods_user_${i}`, key: 'pii', oldValue: i ? null : 'false', newValue: 'true' }));
      const text = renderReport(
        report({
          status: 'partial',
          result: { applied: 4, skipped: 0, failed: 0, notStarted: 6 },
          stoppedBy: { code: 'AUDIT_LOG_FAILED', message },
          auditFailure: { code: 'AUDIT_LOG_FAILED', message, unwritten: 7, records },
        }),
      );
      expect(text).toContain(`Stopped writing: ${message}: applied 4 · skipped 0 · failed 0 · not started 6.`);
      expect(text).toContain('Applied but not in the audit log: 7 (every one in --json: auditFailure.records)');
      expect(text).toContain('  ods_user_0 (t0)  pii: false → true (rule pii)');
      expect(text).toContain('  ods_user_4 (t4)  pii: (unbound) → true (rule pii)');
      expect(text).toContain('  … and 2 more');
    });

    it('lists the conflicts left alone', () => {
      const text = renderReport(
        report({
          conflicts: [binding({ ruleId: 'public-ads', assetId: 'x', assetName: 'ads_x', key: 'classification', value: 'public', action: 'conflict', currentValue: 'internal', resolution: 'skip' })],
        }),
      );
      expect(text).toContain('Conflicts left alone (onConflict: skip): 1');
      expect(text).toContain('! ads_x (x)  classification: internal stays (rule public-ads wanted public)');
    });

    it('for a dry run, says nothing was written and leaves the plan counts to the plan', () => {
      const text = renderReport(report({ dryRun: true }));
      expect(text).toContain('Dry run: nothing was written.');
      expect(text).not.toContain('Planned:');
    });
  });

  describe('throttleHint', () => {
    const throttled = (n: number) => report({ api: { calls: { ListTables: 100 }, retries: n, throttled: n } });

    it('names the read budget when most throttling happened while reading, and says the quota is shared', () => {
      const hint = throttleHint(throttled(30), { throttledWhileReading: 25 });
      expect(hint).toContain('30 calls were throttled (25 while reading, 5 while writing)');
      expect(hint).toContain('Lower --read-qps');
      expect(hint).toContain('other shards');
      expect(renderReport(throttled(30), { throttledWhileReading: 25 })).toContain(`Hint: ${hint}`);
    });

    it('names the write budget when most throttling happened while writing', () => {
      expect(throttleHint(throttled(30), { throttledWhileReading: 2 })).toContain('Lower --write-qps');
    });

    it('names both budgets when it cannot tell', () => {
      expect(throttleHint(throttled(30))).toContain('Lower --read-qps / --write-qps');
    });

    it('stays quiet about a little throttling', () => {
      expect(throttleHint(throttled(3))).toBeUndefined();
      expect(throttleHint(report({ api: { calls: { ListTables: 1000 }, retries: 10, throttled: 10 } }))).toBeUndefined();
    });
  });
});
