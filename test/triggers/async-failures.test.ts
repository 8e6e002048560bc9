import { BlastRadiusError, InvalidInputError, PermissionError, TransientError } from '../../shared/errors';
import { createLogger, registerSecret } from '../../shared/log';
import type { RunReport } from '../../shared/engine';
import { requireComplete, RunIncompleteError, settleAsyncFailure } from '../../shared/triggers/async-failures';
import type { Invocation } from '../../shared/runtime/invocation';

/** Only the logger of an invocation is read. */
function invocation(lines: string[]): Invocation {
  return { logger: createLogger({ write: (l) => lines.push(l) }) } as Invocation;
}

const report = (status: RunReport['status'], over: Partial<RunReport> = {}) =>
  ({
    runId: 'run-1',
    status,
    result: { applied: 1, skipped: 0, failed: 2, notStarted: 5 },
    failures: [{ assetIds: ['1'], keys: ['k'], reason: 'API_TRANSIENT' }],
    sourceErrors: [],
    ...over,
  }) as RunReport;

describe('triggers/async-failures', () => {
  describe('requireComplete', () => {
    it('passes a complete or blocked run (a retry would block again)', () => {
      expect(requireComplete(report('ok')).status).toBe('ok');
      expect(requireComplete(report('blocked')).status).toBe('blocked');
    });

    it('turns a partial or deadline run into a retryable RunIncompleteError', () => {
      expect(() => requireComplete(report('partial'))).toThrow(expect.objectContaining({ code: 'RUN_INCOMPLETE', retryable: true, message: expect.stringContaining('2 bindings failed (API_TRANSIENT)') }));
      const unread = report('partial', { result: { applied: 0, skipped: 0, failed: 0, notStarted: 0 }, failures: [], sourceErrors: [{ source: 'tables', partition: 'tables sales_dw', code: 'API_TRANSIENT', message: 'x' }] });
      expect(() => requireComplete(unread)).toThrow(/1 sources could not be read \(tables sales_dw: API_TRANSIENT\)$/);
      expect(() => requireComplete(report('deadline'))).toThrow(/5 bindings were not started/);
    });
  });

  describe('settleAsyncFailure', () => {
    it.each([
      ['a transient API error', new TransientError({ action: 'ListTasks', serviceCode: 'ServiceUnavailable', httpStatus: 503 })],
      ['an incomplete run', new RunIncompleteError('run-1', 'partial', true, 'x')],
      ['an error autotag did not build', new TypeError('boom')],
    ])('rethrows %s so FC retries the invocation', (_what, error) => {
      const lines: string[] = [];
      expect(() => settleAsyncFailure(invocation(lines), error)).toThrow();
      expect(JSON.parse(lines[0])).toMatchObject({ level: 'error', msg: 'invocation failed; FC retries it' });
    });

    it.each([
      ['bad input', new InvalidInputError([{ field: 'payload', message: 'x' }])],
      ['a missing permission', new PermissionError({ action: 'TagDataAssets', serviceCode: 'Forbidden.RAM' })],
      ['the blast-radius guard', new BlastRadiusError(10, 5)],
      ['a fan-out FC refused for good', new RunIncompleteError('run-1', 'fan-out', false, 'denied')],
    ])('returns %s as the result, logged, so FC does not repeat it', (_what, error) => {
      const lines: string[] = [];
      expect(settleAsyncFailure(invocation(lines), error)).toEqual({ status: 'failed', error: expect.objectContaining({ code: error.code }) });
      expect(JSON.parse(lines[0]).msg).toMatch(/not retried/);
    });

    it('never lets a registered secret out in what it rethrows', () => {
      registerSecret('leaky-secret-value-42');
      let thrown: unknown;
      try {
        settleAsyncFailure(invocation([]), new Error('request signed with leaky-secret-value-42 failed'));
      } catch (e) {
        thrown = e;
      }
      expect(String((thrown as Error).message)).not.toContain('leaky-secret-value-42');
      expect(String((thrown as Error).stack)).not.toContain('leaky-secret-value-42');
    });
  });
});
