/**
 * Reading a scheduled run back from its pieces' log lines (combineRunPieces), on lines written here in the
 * shape the function writes them (piece-line.ts; the end-to-end suite reads the function's own).
 */
import { combineRunPieces } from '../../../shared/triggers';

const counts = (n: number) => ({ scanned: 10 * n, evaluated: 10 * n, bind: n, present: 2 * n, conflict: 0, applied: n, skipped: 0, failed: 0, notStarted: 0 });

/** A `run piece finished` line: `next` when it stopped with a cursor, `continuation` when it queued the next piece. */
function piece(place: { runId: string; parentRunId?: string; shard?: string; piece: number }, over: Record<string, unknown> = {}) {
  return { time: '2024-06-03T18:00:00.000Z', level: 'info', msg: 'run piece finished', requestId: `req-${place.piece}`, ...place, status: 'ok', durationMs: 1000, counts: counts(5), failures: [], sourceErrors: [], ...over };
}
const cut = (n: number) => ({ status: 'deadline', next: { partitions: 3, done: n, open: 1, writes: 5 * n }, unread: { partitions: 2, cut: 1, assetsLeft: 300 } });
const continued = (n: number, taskId: string, alreadyQueued?: boolean) => ({ ...cut(n), continuation: { taskId, ...(alreadyQueued && { alreadyQueued }) } });
const fannedOut = (runId: string, shards: object[]) => ({ msg: 'fanned out', runId, reason: 'x', target: 'f', queued: shards.map((shard) => ({ shard })), failed: 0 });

describe('triggers/timer: combineRunPieces', () => {
  it('adds up a run in place over its pieces, a piece delivered twice counted as a repeat', () => {
    const run = { runId: 'run-1' };
    const lines = [
      piece({ ...run, piece: 1 }, continued(1, 't2')),
      piece({ ...run, piece: 2 }, continued(2, 't3')),
      piece({ ...run, piece: 2 }, { ...continued(2, 't3', true), counts: counts(0) }),
      piece({ ...run, piece: 3 }),
      piece({ runId: 'other-run', piece: 1 }),
      { msg: 'run finished', runId: 'run-1' },
    ];
    const report = combineRunPieces(lines, 'run-1')!;
    expect(report).toMatchObject({ runId: 'run-1', status: 'ok', pieces: 3, deliveries: 4, duplicates: 1, failures: [], records: 4 });
    expect(report.shards).toBeUndefined();
    expect(report.unread).toBeUndefined();
    expect(report.chains).toEqual([{ pieces: 3, deliveries: 4, state: 'done', status: 'ok' }]);
    expect(report.totals).toEqual({ scanned: 150, evaluated: 150, bind: 15, present: 30, conflict: 0, applied: 15, skipped: 0, failed: 0, notStarted: 0 });
  });

  it('names every shard of a fanned-out run and how far each got: done, still continuing, never started', () => {
    const parent = 'run-2';
    const shards = [{ source: 'tables', maxcomputeProject: 'a' }, { source: 'tables', maxcomputeProject: 'b' }, { source: 'tagged' }];
    const lines = [
      fannedOut(parent, shards),
      piece({ runId: 's1', parentRunId: parent, shard: 'tables maxcomputeProject=a', piece: 1 }, continued(1, 'x')),
      piece({ runId: 's1', parentRunId: parent, shard: 'tables maxcomputeProject=a', piece: 2 }),
      piece({ runId: 's2', parentRunId: parent, shard: 'tables maxcomputeProject=b', piece: 1 }, continued(1, 'y')),
    ];
    const report = combineRunPieces(lines, parent)!;
    expect(report).toMatchObject({ status: 'incomplete', shards: 3, pieces: 3, deliveries: 3, unread: { partitions: 2, assetsLeft: 300 } });
    expect(report.chains.map((c) => [c.shard, c.state, c.pieces])).toEqual([
      ['tables maxcomputeProject=a', 'done', 2],
      ['tables maxcomputeProject=b', 'continuing', 1],
      ['tagged', 'not-started', 0],
    ]);
  });

  it('ends a chain at a piece that stalled or a continuation refused, and says why', () => {
    const lines = [
      piece({ runId: 'r', shard: 'tagged', parentRunId: 'run-3', piece: 1 }, continued(1, 'a')),
      { msg: 'run piece refused', level: 'error', runId: 'r', parentRunId: 'run-3', shard: 'tagged', piece: 2, reason: 'the cursor belongs to another rule set or scope' },
      piece({ runId: 'q', shard: 'tables maxcomputeProject=a', parentRunId: 'run-3', piece: 1 }, { ...cut(0), notContinued: 'stalled' }),
    ];
    const report = combineRunPieces(lines, 'run-3')!;
    expect(report.status).toBe('incomplete');
    expect(report.chains).toEqual([
      expect.objectContaining({ shard: 'tables maxcomputeProject=a', state: 'stalled', pieces: 1 }),
      { shard: 'tagged', pieces: 2, deliveries: 1, state: 'refused', reason: 'the cursor belongs to another rule set or scope' },
    ]);
  });

  it('merges the failures of every piece by reason, and calls a finished run with failures partial', () => {
    const failure = (assets: number, keys: string[]) => ({ failures: [{ reason: 'TagDataAssets failed: InternalError', code: 'API_TRANSIENT', assets, keys }] });
    const lines = [piece({ runId: 'run-4', piece: 1 }, { ...continued(1, 'b'), ...failure(2, ['layer']) }), piece({ runId: 'run-4', piece: 2 }, { status: 'partial', ...failure(3, ['layer', 'owner']) })];
    const report = combineRunPieces(lines, 'run-4')!;
    expect(report.status).toBe('partial');
    expect(report.failures).toEqual([{ reason: 'TagDataAssets failed: InternalError', code: 'API_TRANSIENT', assets: 5, keys: ['layer', 'owner'] }]);
  });

  it('finds nothing of a run no line names', () => {
    expect(combineRunPieces([piece({ runId: 'run-5', piece: 1 })], 'run-6')).toBeUndefined();
  });
});
