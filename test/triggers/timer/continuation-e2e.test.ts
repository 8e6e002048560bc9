/**
 * The scheduled function end to end on the local FC (bench/scenarios/continuation.ts drives it): the built
 * bundle fired by an async timer invocation fans out to four shards, and at a 4 s per-invocation timeout each
 * shard goes on in pieces, every piece queueing the next through the function's own invoker — FC 3.0
 * (openapi-client) in one run, FC 2.0 (@alicloud/fc2) in the other — while FC delivers about half of all
 * invocations twice (seed 7 doubles the timer's, so its second fan-out meets every shard's task id again).
 * Chosen size: 20,000 assets (the rules read about 10,000 of them) at 80 reads and writes a second shared by
 * the shards, one instance at a time (each delivery runs after the one before it): both runs together take
 * about 30 s on the 2-core machine. Each must reach the state of one unlimited run on a fresh emulator of the
 * same seed, write no binding twice (the emulator's write log), and `autotag report --run` over the
 * function's collected log lines must add up to it.
 */
import { bindingsOf, continuedRun, unlimitedRun, type ContinuationOptions, type ContinuedRun } from '../../../bench/scenarios/continuation';
import type { RunReport } from '../../../shared/engine';
import type { RunPiecesReport } from '../../../shared/triggers';
import { ROOT, runCli, tempFiles } from '../../cli/built-cli';
import { startWebhookServer, type WebhookServer } from '../../notify/webhook-server';
import { parsed } from '../../support/functions';

const SIZE = { root: ROOT, rules: 'test/fixtures/continuation/rules.yaml', assets: 20_000, seed: 7 };
const OPTIONS: Omit<ContinuationOptions, 'invoker'> = { ...SIZE, sharding: 'always', timeoutSeconds: 4, duplicateRate: 0.5, readQps: 80, writeQps: 80, maxInstances: 1, boundMs: 150_000 };
const INVOKERS = ['fc3', 'fc2'] as const;
const VIA = { fc3: 'fc3-api', fc2: 'fc2-api' } as const;
const TASK_ID = /^autotag-[0-9a-f]{32}-\d+$/;

describe('the scheduled function on the local FC: timer → shards → continuations', () => {
  const runs = {} as Record<(typeof INVOKERS)[number], ContinuedRun>;
  let whole: { report: RunReport; catalog: ContinuedRun['catalog'] };
  const hooks = {} as Record<(typeof INVOKERS)[number], WebhookServer>;
  const files = tempFiles('autotag-report-');

  beforeAll(async () => {
    for (const invoker of INVOKERS) hooks[invoker] = await startWebhookServer({ token: 't', now: Date.now });
    const options = (invoker: (typeof INVOKERS)[number]) => ({ ...OPTIONS, invoker, env: { AUTOTAG_NOTIFY_KIND: 'webhook', AUTOTAG_NOTIFY_URL: hooks[invoker].webhookUrl } });
    // the runs wait on their quota far more than they compute: together they take little longer than one
    [runs.fc3, runs.fc2, whole] = await Promise.all([continuedRun(options('fc3')), continuedRun(options('fc2')), unlimitedRun(SIZE)]);
  }, 170_000);
  afterAll(() => Promise.all(INVOKERS.map((i) => hooks[i]?.close())));

  const pieceLines = (run: ContinuedRun) => parsed(run.logs).filter((l) => l.msg === 'run piece finished');

  describe.each(INVOKERS)('through the %s invoker', (invoker) => {
    it('reaches the state of one unlimited run of the same catalog, and writes no binding twice', () => {
      const run = runs[invoker];
      expect(whole.report.status).toBe('ok');
      expect(bindingsOf(run.catalog)).toEqual(bindingsOf(whole.catalog));
      expect(run.calls.bindings).toEqual({ made: whole.report.result.applied, repeated: 0 });
      expect(run.violations).toEqual([]);
      expect(run.invocations.every((r) => r.status === 'succeeded')).toBe(true);
    });

    it('queues the shards and several continuations through its invoker, each piece under its own task id', () => {
      const run = runs[invoker];
      const [timer, ...queued] = run.invocations.filter((r) => r.delivery === 1);
      expect(timer.requestId).toBe(run.runId);
      expect(queued.every((r) => r.via === VIA[invoker] && r.invocationType === 'Async' && TASK_ID.test(r.asyncTaskId ?? ''))).toBe(true);
      // a task id runs as one invocation, however often it was queued
      expect(new Set(queued.map((r) => r.asyncTaskId)).size).toBe(queued.length);
      const continuations = queued.filter((r) => 'continuation' in (JSON.parse(r.payload.toString()) as object));
      expect(queued.length - continuations.length).toBe(4);
      expect(continuations.length).toBeGreaterThanOrEqual(3);
      // every continuation carries a cursor of a few hundred bytes, far under FC's 128 KB
      expect(Math.max(...continuations.map((r) => r.payload.length))).toBeLessThan(2048);
    });

    it('tells nothing from a piece that goes on in another: only a piece that stalled would (its shard is cut short)', () => {
      const stalled = pieceLines(runs[invoker]).filter((p) => p.notContinued === 'stalled');
      // (a stalled piece may find too little time left to send)
      expect(hooks[invoker].requests).toBeLessThanOrEqual(stalled.length);
    });

    it('meets the repeats FC makes with the task ids: a repeated fan-out finds every shard queued already', () => {
      const run = runs[invoker];
      const timers = run.invocations.filter((r) => r.requestId === run.runId);
      expect(timers.map((r) => r.delivery)).toEqual([1, 2]);
      // whichever delivery queues a shard first, the last to fan out finds all four queued (an attempt FC cut at
      // its timeout may have queued some and logged nothing)
      const fanOuts = parsed(run.logs).filter((l) => l.msg === 'fanned out').map((l) => (l.queued as { alreadyQueued?: boolean }[]).map((q) => !!q.alreadyQueued));
      expect(fanOuts.length).toBeGreaterThanOrEqual(2);
      expect(fanOuts).toContainEqual([true, true, true, true]);
      expect([0, 1, 2, 3].every((i) => fanOuts.filter((line) => !line[i]).length <= 1)).toBe(true);
      // pieces delivered twice, and their continuations queued once
      const pieces = pieceLines(run);
      expect(run.invocations.filter((r) => r.delivery === 2).length).toBeGreaterThan(1);
      const queuedBy = pieces.flatMap((p) => (p.continuation ? [p.continuation as { taskId: string; alreadyQueued?: boolean }] : []));
      for (const taskId of new Set(queuedBy.map((c) => c.taskId))) expect(queuedBy.filter((c) => c.taskId === taskId && !c.alreadyQueued)).toHaveLength(1);
    });

    it('reads back as one report with autotag report --run: the pieces of every shard, the totals of the unlimited run', async () => {
      const run = runs[invoker];
      // as the function wrote them (JSON lines), and as `aliyunlog log get_log_all` prints them (a JSON array of SLS entries)
      const sls = () => JSON.stringify(run.logs.map((message) => ({ __topic__: 'FCLogs:autotag-scheduled', functionName: 'autotag-scheduled', message })));
      const file = invoker === 'fc3' ? files('logs.jsonl', run.logs.join('\n')) : files('logs.json', sls());
      const json = await runCli(['report', '--run', run.runId, file, '--json']);
      expect(json.code).toBe(0);
      const report = JSON.parse(json.stdout) as RunPiecesReport;
      const pieces = pieceLines(run);
      expect(report).toMatchObject({ runId: run.runId, status: 'ok', shards: 4, deliveries: pieces.length, failures: [], sourceErrors: [] });
      expect(report.unread).toBeUndefined();
      expect(report.chains).toHaveLength(4);
      expect(report.chains.every((c) => c.state === 'done' && c.status === 'ok')).toBe(true);
      expect(report.pieces).toBe(new Set(pieces.map((p) => `${String(p.shard)}#${String(p.piece)}`)).size);
      // a piece for each shard and for each continuation queued (each under a task id of its own)
      expect(report.pieces).toBe(run.invocations.filter((r) => r.delivery === 1 && r.requestId !== run.runId).length);
      expect(report.duplicates).toBe(report.deliveries - report.pieces);
      expect(report.totals).toMatchObject({ applied: whole.report.result.applied, failed: 0 });
      expect(report.totals.evaluated).toBeGreaterThanOrEqual(whole.report.plan.assetsEvaluated);

      const text = await runCli(['report', '--run', run.runId, file]);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(`Run ${run.runId}: complete (ok)`);
      expect(text.stdout).toContain(`4 shards · ${report.pieces} pieces in ${report.deliveries} deliveries`);
      expect(text.stdout).toContain(`written ${whole.report.result.applied.toLocaleString('en-US')}, skipped`);
    });
  });
});
