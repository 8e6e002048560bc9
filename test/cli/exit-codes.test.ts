import { EXIT, exitCodeOfError, exitCodeOfReport } from '../../cli/exit-codes';
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
      expect(EXIT.auditFailed).toBe(4);
    });

    it('fails a dry run whose plan misses a source', () => {
      expect(exitCodeOfReport(report({ dryRun: true, sourceErrors: [{ source: 'tables', partition: 'tables x', code: 'C', message: 'm' }] }))).toBe(EXIT.failed);
    });
  });

  describe('exitCodeOfError', () => {
    it('is 2 for rejected input, 3 for a guard, 4 for an audit log that failed, 1 for anything else', () => {
      expect(exitCodeOfError(new InvalidInputError([{ field: 'f', message: 'm' }]))).toBe(2);
      expect(exitCodeOfError(new BlastRadiusError(10, 1))).toBe(3);
      expect(exitCodeOfError(new AuditLogError('cannot append to x: EPIPE', 'EPIPE'))).toBe(4);
      expect(exitCodeOfError(new TransientError({ action: 'ListTasks', serviceCode: 'ECONNRESET' }))).toBe(1);
      expect(exitCodeOfError(new Error('bug'))).toBe(1);
    });
  });
});
