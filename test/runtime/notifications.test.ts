import { fakeClock } from '../../shared/clock';
import type { PlannedBinding, RunReport } from '../../shared/engine';
import { ConfigurationError, PermissionError } from '../../shared/errors';
import { createLogger, silentLogger } from '../../shared/log';
import { parseNotifyConfig, runOutcomeSchema } from '../../shared/notify';
import { parseRuleSet } from '../../shared/rules';
import { outcomeOfFailure, outcomeOfReport, runNotified, runNotifier } from '../../shared/runtime';
import { ruleSet } from '../support/rule-sets';

const conflict = (resolution: 'skip' | 'overwrite', i: number): PlannedBinding => ({
  assetId: `a${i}`,
  assetName: `ods_user_${i}`,
  assetType: 'ACS::DataWorks::Table',
  key: 'classification',
  value: 'confidential',
  currentValue: 'internal',
  action: 'conflict',
  resolution,
  ruleId: 'r1',
});

const report = (over: Partial<RunReport> = {}): RunReport =>
  ({
    runId: 'run-7',
    trigger: 'timer',
    ruleSet: 'governance',
    dryRun: false,
    startedAt: '2026-01-01T02:00:00.000Z',
    durationMs: 1234,
    status: 'partial',
    result: { applied: 40, skipped: 3, failed: 2, notStarted: 0 },
    failures: [{ assetIds: ['x', 'y'], keys: ['pii'], reason: 'the asset is gone', code: 'InvalidParameter.DataAssetId' }],
    sourceErrors: [{ source: 'tables', partition: 'tables nope', code: 'no_such_project', message: 'no such project' }],
    conflicts: [conflict('skip', 1), conflict('overwrite', 2), conflict('skip', 3)],
    ...over,
  }) as RunReport;

describe('runtime/notifications', () => {
  describe('outcomeOfReport', () => {
    it('maps a run report onto what a notification tells, as notify checks it', () => {
      const audit = [
        { kind: 'binding' as const, ruleSetHash: 'h', runId: 'run-7', trigger: 'timer', assetId: 'a9', assetName: 'ods_user_9', key: 'pii', oldValue: null, newValue: 'true', ruleId: 'r2', time: '' },
        { kind: 'binding' as const, ruleSetHash: 'h', runId: 'run-7', trigger: 'timer', assetId: 'a8', assetName: 'ods_user_8', key: 'team', oldValue: 'bi', newValue: null, ruleId: 'r3', time: '' },
      ];
      const outcome = runOutcomeSchema.parse(outcomeOfReport(report(), audit));
      expect(outcome).toMatchObject({
        runId: 'run-7',
        ruleSet: 'governance',
        trigger: 'timer',
        status: 'partial',
        bound: { count: 40, examples: [{ asset: 'ods_user_9', key: 'pii', value: 'true' }] },
        conflicts: { count: 2, examples: [{ asset: 'ods_user_1', currentValue: 'internal', value: 'confidential' }, { asset: 'ods_user_3' }] },
        failures: { count: 2, examples: [{ reason: 'the asset is gone', code: 'InvalidParameter.DataAssetId', assets: 2 }] },
        sourceErrors: { count: 1, examples: [{ partition: 'tables nope', message: 'no such project' }] },
      });
      expect(outcome.error).toBeUndefined();
    });

    it('carries why a guard or the deadline stopped the run', () => {
      const outcome = outcomeOfReport(report({ status: 'blocked', stoppedBy: { code: 'GUARD_BLAST_RADIUS', message: 'the run would write 9 bindings' } }));
      expect(outcome.error).toEqual({ code: 'GUARD_BLAST_RADIUS', message: 'the run would write 9 bindings' });
    });
  });

  describe('outcomeOfFailure', () => {
    it('is a failed run with the error code and message', () => {
      const error = new PermissionError({ action: 'TagDataAssets', serviceCode: 'Forbidden.RAM' });
      const outcome = runOutcomeSchema.parse(outcomeOfFailure(error, { runId: 'r', trigger: 'cli', startedAt: Date.UTC(2026, 0, 1), now: Date.UTC(2026, 0, 1) + 500 }));
      expect(outcome).toMatchObject({ status: 'failed', durationMs: 500, startedAt: '2026-01-01T00:00:00.000Z', error: { code: 'API_PERMISSION' } });
    });
  });

  describe('runNotified', () => {
    it('tells how a run ended, unless its report is quiet: a piece whose run goes on in another invocation', async () => {
      const told: string[] = [];
      const notifier = { target: 'test', notify: async (o: { runId: string; status: string }) => (told.push(`${o.runId} ${o.status}`), { sent: true, events: [], target: 'test', attempts: 1 }) };
      const rs = parseRuleSet(JSON.stringify(ruleSet()));
      const deps = { api: {} as never, clock: fakeClock(), logger: silentLogger };
      const piece = async () => report({ status: 'deadline' });
      await runNotified(notifier, { ruleSet: rs, trigger: 'timer' }, deps, piece, { quiet: (r) => r.status === 'deadline' });
      expect(told).toEqual([]);
      await runNotified(notifier, { ruleSet: rs, trigger: 'timer' }, deps, piece, { quiet: () => false });
      await runNotified(notifier, { ruleSet: rs, trigger: 'timer' }, deps, piece);
      expect(told).toEqual(['run-7 deadline', 'run-7 deadline']);
    });
  });

  describe('runNotifier', () => {
    const hook = { kind: 'webhook', url: 'http://127.0.0.1:9/hook' };

    it('is none without settings, and none when a shard keeps no configured event', () => {
      const rs = parseRuleSet(JSON.stringify(ruleSet()));
      const options = { env: {}, clock: fakeClock(), logger: silentLogger };
      expect(runNotifier(rs, options)).toBeUndefined();
      expect(runNotifier(rs, { ...options, fallback: parseNotifyConfig({ ...hook, events: ['bound'] }), only: ['failed', 'partial'] })).toBeUndefined();
      expect(runNotifier(rs, { ...options, fallback: parseNotifyConfig(hook) })?.target).toBe('webhook 127.0.0.1:9');
    });

    it("settles the rule set's section before the run: a variable it names that is not set is a ConfigurationError", () => {
      const rs = parseRuleSet(JSON.stringify(ruleSet({ notify: { kind: 'webhook', url: { env: 'HOOK_URL' } } })));
      expect(() => runNotifier(rs, { env: {}, clock: fakeClock(), logger: silentLogger })).toThrow(ConfigurationError);
      expect(runNotifier(rs, { env: { HOOK_URL: 'https://hooks.example/x' }, clock: fakeClock(), logger: silentLogger })?.target).toBe('webhook hooks.example');
    });

    it('sends nothing, and says so, when too little time is left before the function must return', async () => {
      const clock = fakeClock();
      const lines: string[] = [];
      const results: unknown[] = [];
      const rs = parseRuleSet(JSON.stringify(ruleSet()));
      const notifier = runNotifier(rs, { fallback: parseNotifyConfig(hook), env: {}, clock, logger: createLogger({ write: (l) => lines.push(l) }), sendBy: clock.now() + 200, onResult: (r) => results.push(r) })!;
      const result = await notifier.notify(outcomeOfReport(report()));
      expect(result).toMatchObject({ sent: false, attempts: 0, error: { code: 'NOTIFY_NO_TIME' } });
      expect(results).toEqual([result]);
      expect(lines.join('')).toContain('notification not sent');
    });
  });
});
