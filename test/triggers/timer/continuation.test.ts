/**
 * The scheduled function's continuations where their end is decided (the end-to-end suite runs whole chains):
 * a piece that got nowhere before its time was up is not continued (FC's bounded retry tries it again), a run
 * outside FC with no function to queue to ends with its cursor as before, and a continuation whose rule set
 * changed since is refused, logged and returned, never retried.
 */
import { startEmulator, type Emulator } from '../../../emulator';
import type { Cursor } from '../../../shared/engine';
import { continuationEvent, type ScheduledOutcome } from '../../../shared/triggers/timer';
import { fcContext, functionModule, handlerEnv, loadHandler, parsed } from '../../support/functions';
import { startRequestCounter, type RequestCounter } from '../../support/request-counter';

const HANDLER = functionModule('scheduled');

describe('functions/scheduled: where a run\'s pieces end', () => {
  let emulator: Emulator;
  let fc: RequestCounter;
  beforeAll(async () => {
    [emulator, fc] = await Promise.all([startEmulator({ assets: 200, readQps: 0, writeQps: 0 }), startRequestCounter()]);
  });
  afterAll(() => Promise.all([emulator.stop(), fc.stop()]));

  // the FC API the function would queue a continuation through: it must never be called here
  const run = (event: unknown, context: Record<string, unknown>, lines: string[], env: Record<string, string> = {}) =>
    loadHandler(HANDLER, handlerEnv(emulator, { AUTOTAG_FC_ENDPOINT: fc.url, ...env }), lines)(event, fcContext(emulator, context));
  // a timeout of 1 s leaves no time at all: FC's margin takes the whole second
  const noTime = { function: { name: 'autotag-scheduled', timeout: 1 } };

  it('does not continue a piece that finished no page and wrote nothing: it fails for FC to retry, logged as stalled, and is told', async () => {
    const lines: string[] = [];
    const notify = { AUTOTAG_NOTIFY_KIND: 'webhook', AUTOTAG_NOTIFY_URL: 'http://127.0.0.1:9/hook' };
    await expect(run({ ruleSet: 'default' }, noTime, lines, notify)).rejects.toMatchObject({ code: 'RUN_INCOMPLETE', status: 'stalled', retryable: true });
    // the notifier is asked (a piece that continues would not ask it), and finds no time left to send in
    expect(parsed(lines)).toContainEqual(expect.objectContaining({ msg: 'notification not sent', error: expect.objectContaining({ code: 'NOTIFY_NO_TIME' }) }));
    const piece = parsed(lines).find((l) => l.msg === 'run piece finished');
    expect(piece).toMatchObject({ level: 'error', piece: 1, status: 'deadline', notContinued: 'stalled', counts: { applied: 0 }, next: { done: 0, open: 0 } });
    expect(piece).not.toHaveProperty('continuation');
    expect(fc.count()).toBe(0);
  });

  it('ends a run with its cursor, as before, where there is nowhere to queue a continuation (no account id: outside FC)', async () => {
    const lines: string[] = [];
    await expect(run({ ruleSet: 'default' }, { ...noTime, accountId: undefined }, lines)).rejects.toMatchObject({ code: 'RUN_INCOMPLETE', status: 'deadline' });
    expect(parsed(lines).find((l) => l.msg === 'run piece finished')).toMatchObject({ level: 'info', notContinued: 'no-target' });
    expect(fc.count()).toBe(0);
  });

  it('refuses a continuation of a rule set that changed since: logged, returned (not retried), nothing read or written', async () => {
    const cursor: Cursor = {
      formatVersion: 1,
      runId: 'run-before',
      scope: '0'.repeat(64),
      piece: 3,
      partitions: 2,
      done: '0',
      open: [[1, 4]],
      writes: 12,
      totals: { scanned: {}, evaluated: 0, bind: 0, present: 0, conflict: 0, plannedWrites: 0, applied: 0, skipped: 0, failed: 0 },
    };
    emulator.resetStats();
    const lines: string[] = [];
    const outcome = (await run(continuationEvent({ ruleSet: 'default' }, cursor), {}, lines)) as ScheduledOutcome;
    expect(outcome).toMatchObject({ kind: 'refused', runId: 'run-before', piece: 4, reason: expect.stringContaining('belongs to another rule set or scope') });
    expect(parsed(lines)).toContainEqual(expect.objectContaining({ level: 'error', msg: 'run piece refused', runId: 'run-before', piece: 4, reason: expect.stringContaining('the rule set or scope changed since the run began') }));
    expect(parsed(lines).some((l) => l.msg === 'invocation failed; FC retries it')).toBe(false);
    expect(emulator.calls().total).toBe(0);
    expect(fc.count()).toBe(0);
  });
});
