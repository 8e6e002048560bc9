import { EXIT, exitCodeOfError, exitCodeOfPlan, exitCodeOfReport } from '../../cli/exit-codes';
import { AuditLogError, BlastRadiusError, InvalidInputError, TransientError } from '../../shared/errors';
import { report } from './render/fixtures';

describe('cli/exit-codes', () => {
  describe('exitCodeOfReport', () => {
    it.each([
      ['ok', EXIT.ok],
      ['partial', EXIT.failed],
      ['deadline', EXIT.failed],
      ['blocked', EXIT.stopped],
    ] as const)('maps status %s to %i', (status, code) => {
      expect(exitCodeOfReport(report({ status }))).toBe(code);
    });

    it('is 4 when the audit log failed mid-run, whatever the status', () => {
      const auditFailure = { code: 'AUDIT_LOG_FAILED', message: 'the audit log failed', unwritten: 0, records: [] };
      expect(exitCodeOfReport(report({ status: 'partial', auditFailure }))).toBe(EXIT.auditFailed);
      expect(EXIT.auditFailed).toBe(5);
    });

    it('fails a dry run whose plan misses a source', () => {
      expect(exitCodeOfReport(report({ dryRun: true, sourceErrors: [{ source: 'tables', partition: 'tables x', code: 'C', message: 'm' }] }))).toBe(EXIT.failed);
    });
  });

  describe('exitCodeOfPlan (--detailed-exitcode)', () => {
    const nothing = { ...report({ dryRun: true }).plan, bind: 0, plannedWrites: 0 };
    it('is 4 for a complete plan that would write or change a tag key, 0 for one that would not, and 0 for both without the flag', () => {
      const writes = report({ dryRun: true });
      const keyOnly = report({ dryRun: true, plan: nothing, tagKeys: [{ key: 'layer', action: 'update', values: ['ods', 'dwd'], addedValues: ['dwd'] }] });
      const none = report({ dryRun: true, plan: nothing });
      expect([exitCodeOfPlan(writes, true), exitCodeOfPlan(keyOnly, true), exitCodeOfPlan(none, true)]).toEqual([EXIT.changes, EXIT.changes, EXIT.ok]);
      expect([exitCodeOfPlan(writes, false), exitCodeOfPlan(none, false)]).toEqual([EXIT.ok, EXIT.ok]);
      expect(EXIT.changes).toBe(4);
    });

    it('keeps every other code: an incomplete plan with changes is 1', () => {
      const unreadable = report({ dryRun: true, sourceErrors: [{ source: 'tables', partition: 'tables x', code: 'C', message: 'm' }] });
      expect(exitCodeOfPlan(unreadable, true)).toBe(EXIT.failed);
      expect(exitCodeOfPlan(report({ dryRun: true, status: 'deadline' }), true)).toBe(EXIT.failed);
    });
  });

  describe('exitCodeOfError', () => {
    it('is 2 for rejected input, 3 for a guard, 4 for an audit log that failed, 1 for anything else', () => {
      expect(exitCodeOfError(new InvalidInputError([{ field: 'f', message: 'm' }]))).toBe(2);
      expect(exitCodeOfError(new BlastRadiusError(10, 1))).toBe(3);
      expect(exitCodeOfError(new AuditLogError('cannot append to x: EPIPE', 'EPIPE'))).toBe(5);
      expect(exitCodeOfError(new TransientError({ action: 'ListTasks', serviceCode: 'ECONNRESET' }))).toBe(1);
      expect(exitCodeOfError(new Error('bug'))).toBe(1);
    });
  });
});
