/**
 * What a scheduled run's piece does once it ran (settlePiece), on reports written here and an FC API stand-in
 * (test/fanout/loopback.ts): a piece that got somewhere queues its continuation — the scope and the cursor,
 * under its piece's task id — and logs it; FC's 409 for that task id counts as queued; a continuation FC refuses
 * is logged as not queued and fails the piece (retryable as FC's answer is); a piece with nothing left completes.
 */
import { fakeClock } from '../../../shared/clock';
import type { Cursor, RunReport } from '../../../shared/engine';
import { pieceTaskId, type RunScope } from '../../../shared/fanout';
import { createLogger } from '../../../shared/log';
import type { Invocation } from '../../../shared/runtime';
import { parseScheduledEvent } from '../../../shared/triggers/timer';
import { settlePiece } from '../../../shared/triggers/timer/continuation';
import { startFcServer, type Answer } from '../../fanout/loopback';

const scope: RunScope = { mode: 'shard', shard: { source: 'tagged' }, fanOut: { parentRunId: 'run-0', shards: 2 } };
const totals = { scanned: { tagged: 100 }, evaluated: 100, bind: 10, present: 0, conflict: 0, plannedWrites: 10, applied: 10, skipped: 0, failed: 0 };
const next: Cursor = { formatVersion: 1, runId: 'run-1', scope: 'b'.repeat(64), piece: 1, partitions: 1, done: '', open: [[0, 3]], writes: 10, totals };
const report = (over: Partial<RunReport> = {}): RunReport =>
  ({
    runId: 'run-1',
    status: 'deadline',
    piece: 1,
    durationMs: 10,
    plan: { assetsScanned: { tagged: 100 }, assetsEvaluated: 100, bind: 10, present: 0, conflict: 0 },
    result: { applied: 10, skipped: 0, failed: 0, notStarted: 0 },
    unread: { partitions: 1, cut: 1, assetsLeft: 50, labels: ['tagged'] },
    failures: [],
    sourceErrors: [],
    next,
    totals,
    ...over,
  }) as RunReport;

async function settle(answer: Answer, piece: RunReport) {
  const fc = await startFcServer(() => answer);
  const lines: string[] = [];
  const invocation = {
    context: { requestId: 'req-2', accountId: '1234567890123456', region: 'cn-hangzhou', functionName: 'autotag-scheduled', timeoutSeconds: 60, deadline: Date.now() + 60_000 },
    config: { fcEndpoint: fc.endpoint },
    credentials: { accessKeyId: 'STS.k', accessKeySecret: 's', securityToken: 't' },
    logger: createLogger({ write: (l) => lines.push(l) }),
    clock: fakeClock(),
  } as unknown as Invocation;
  try {
    const outcome = await settlePiece(invocation, { via: 'invoke', scope }, piece, { api: 'fc3', functionName: 'autotag-scheduled' }).catch((e: unknown) => e);
    return { outcome, received: fc.received, logged: lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
  } finally {
    await fc.close();
  }
}

const taskId = pieceTaskId('run-0', { source: 'tagged' }, 2);
const refused = (status: number, code: string): Answer => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Code: code, Message: 'no', RequestId: 'r' }) });

describe('triggers/timer: settlePiece', () => {
  it('queues the continuation of a piece that got somewhere: scope and cursor, under the task id of piece 2 of its shard', async () => {
    const { outcome, received, logged } = await settle({ status: 202, headers: { 'x-fc-request-id': 'queued-1' } }, report());
    expect(outcome).toMatchObject({ kind: 'continued', continuation: { taskId, requestId: 'queued-1' } });
    expect(received).toHaveLength(1);
    expect(received[0].headers['x-fc-async-task-id']).toBe(taskId);
    expect(parseScheduledEvent(received[0].body)).toEqual({ via: 'continuation', scope, resume: next });
    expect(logged).toEqual([expect.objectContaining({ level: 'info', msg: 'run piece finished', runId: 'run-1', parentRunId: 'run-0', shard: 'tagged', piece: 1, continuation: { taskId, requestId: 'queued-1' } })]);
  });

  it("counts FC's 409 for the task id as queued (another delivery of the piece queued it)", async () => {
    const { outcome } = await settle(refused(409, 'AsyncTaskAlreadyExists'), report());
    expect(outcome).toMatchObject({ kind: 'continued', continuation: { taskId, alreadyQueued: true } });
  });

  it.each([
    [503, 'ServiceUnavailable', true],
    [403, 'AccessDenied', false],
  ])('logs a continuation FC refuses (%i %s) as not queued and fails the piece, retryable: %s', async (status, code, retryable) => {
    const { outcome, logged } = await settle(refused(status, code), report());
    expect(outcome).toMatchObject({ code: 'RUN_INCOMPLETE', status: 'continuation', retryable });
    expect(logged).toEqual([expect.objectContaining({ level: 'error', msg: 'run piece finished', notContinued: 'not-queued', counts: expect.objectContaining({ applied: 10 }) })]);
  });

  it('completes a piece with nothing left to read, and queues nothing', async () => {
    const { outcome, received, logged } = await settle({ status: 202 }, report({ status: 'ok', next: undefined, unread: undefined }));
    expect(outcome).toMatchObject({ kind: 'run', report: { status: 'ok' } });
    expect(received).toEqual([]);
    expect(logged[0]).not.toHaveProperty('next');
  });
});
