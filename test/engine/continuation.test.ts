/**
 * Continuation: a run told to stop (`stopAt`) stops at a page boundary, writes what it planned, and reports a
 * cursor; the same request resumed from it finishes the run. Together the pieces reach exactly the state one
 * unlimited run reaches on a twin catalog, no binding is written twice, a replayed cursor writes nothing, the
 * guard counts across pieces, and a cursor of another rule set is refused. The clock is fake: the test moves
 * it past `stopAt` after a number of pages.
 */
import type { Catalog } from '../../emulator';
import { fakeClock } from '../../shared/clock';
import { parseRuleSet } from '../../shared/rules';
import { runRules, type AuditRecord, type Cursor, type ProgressEvent, type RunReport } from '../../shared/engine';
import { CATALOG_SOURCES, LAYER_AND_DIM_RULES, WAREHOUSE_KEYS } from '../support/engine-rules';
import { startHarness, type Harness } from '../support/harness';

const rules = () => `
version: 1
name: continued
${WAREHOUSE_KEYS}
${CATALOG_SOURCES}
${LAYER_AND_DIM_RULES}
  - id: prod-tasks
    match: { type: task, env: Prod }
    tags: { classification: internal }
`;

const stateOf = (c: Catalog) => c.bindings.map((b) => `${b.assetId}|${b.key}=${b.value}`).sort();
const SEED = { assets: 4000, seed: 31 };

describe('engine: continuation', () => {
  let h: Harness;
  let twin: Harness;
  let pieces: RunReport[];
  const audit: AuditRecord[] = [];

  /**
   * One piece: told to stop once `pages` pages were read (none: run to the end); `cut`: its deadline passes
   * then too, so the writes it still holds are not started.
   */
  async function piece(harness: Harness, options: { pages?: number; resume?: Cursor; rules?: string; maxBindings?: number; cut?: boolean } = {}): Promise<RunReport> {
    const clock = fakeClock(Date.now());
    let seen = 0;
    const onProgress = (p: ProgressEvent) => {
      if (p.phase === 'discover' && ++seen === options.pages) clock.advance(10_000);
    };
    const stopAt = options.pages === undefined ? undefined : clock.now() + 5_000;
    const deadline = options.cut ? stopAt : undefined;
    return runRules(
      { ruleSet: parseRuleSet(options.rules ?? rules(), 'continued.yaml'), trigger: 'timer', resume: options.resume, maxBindings: options.maxBindings },
      { ...harness.deps({ clock, deadline }), stopAt, onProgress, audit: (r) => audit.push(r) },
    );
  }

  beforeAll(async () => {
    [h, twin] = await Promise.all([startHarness(SEED), startHarness(SEED)]);
    pieces = [await piece(h, { pages: 4 })];
    while (pieces[pieces.length - 1].next && pieces.length < 20) pieces.push(await piece(h, { pages: 15, resume: pieces[pieces.length - 1].next }));
  });
  afterAll(() => Promise.all([h.stop(), twin.stop()]));

  it('stops at a page boundary with a cursor, writes what it planned, and resumes until done', () => {
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces[0]).toMatchObject({ status: 'deadline', piece: 1 });
    expect(pieces[0].result.applied).toBeGreaterThan(0);
    expect(pieces[0].unread!.partitions).toBeGreaterThan(0);
    const last = pieces[pieces.length - 1];
    expect(last).toMatchObject({ status: 'ok', piece: pieces.length, runId: pieces[0].runId });
    expect(last.next).toBeUndefined();
    expect(pieces.every((p) => p.result.failed === 0 && p.result.notStarted === 0)).toBe(true);
    expect(last.totals.applied).toBe(pieces.reduce((n, p) => n + p.result.applied, 0));
  });

  it('reaches the state of one unlimited run on a twin catalog, writing no binding twice', async () => {
    const whole = await piece(twin);
    expect(whole.status).toBe('ok');
    expect(stateOf(h.emulator.catalog())).toEqual(stateOf(twin.emulator.catalog()));
    const written = audit.filter((r) => r.kind === 'binding' && r.runId === pieces[0].runId).map((r) => r.kind === 'binding' && `${r.assetId}|${r.key}`);
    expect(new Set(written).size).toBe(written.length);
    expect(written).toHaveLength(whole.result.applied);
    expect(h.emulator.violations()).toEqual([]);
  });

  it('serialises its cursor to a few hundred bytes of JSON, far under the 128 KB of an async payload', () => {
    const sizes = pieces.filter((p) => p.next).map((p) => JSON.stringify(p.next).length);
    expect(Math.max(...sizes)).toBeLessThan(2048);
    expect(JSON.parse(JSON.stringify(pieces[0].next))).toEqual(pieces[0].next);
  });

  it('replays a cursor without writing anything again (what it wrote is found present)', async () => {
    h.emulator.resetStats();
    const replay = await piece(h, { resume: pieces[0].next });
    expect(replay.status).toBe('ok');
    expect(h.emulator.calls().writeCalls).toBe(0);
    expect(replay.plan.plannedWrites).toBe(0);
  });

  it('counts the guard across pieces: a resumed piece that would pass the limit writes nothing', async () => {
    const fresh = await startHarness(SEED);
    try {
      const first = await piece(fresh, { pages: 4 });
      const cursor = first.next!;
      // every write the first piece planned was let through (and applied): the count the next piece starts from
      expect(cursor.writes).toBe(first.plan.plannedWrites);
      expect(first.result.applied).toBe(first.plan.plannedWrites);
      fresh.emulator.resetStats();
      const limited = await piece(fresh, { resume: cursor, maxBindings: cursor.writes + 1 });
      expect(limited.status).toBe('blocked');
      expect(fresh.emulator.calls().writeCalls).toBe(0);
      expect(limited.stoppedBy?.message).toContain(`more than the limit of ${cursor.writes + 1}`);
    } finally {
      await fresh.stop();
    }
  });

  it('leaves the pages of writes its deadline left unstarted to the next piece, which writes them', async () => {
    const [cut, reference] = await Promise.all([startHarness(SEED), startHarness(SEED)]);
    try {
      const first = await piece(cut, { pages: 12, cut: true });
      expect(first.status).toBe('deadline');
      expect(first.result.notStarted).toBeGreaterThan(0);
      // not one page of the unwritten window counts as done
      expect(first.next).toBeDefined();
      const rest = [first];
      while (rest[rest.length - 1].next && rest.length < 20) rest.push(await piece(cut, { resume: rest[rest.length - 1].next }));
      expect(rest[rest.length - 1].status).toBe('ok');
      await piece(reference);
      expect(stateOf(cut.emulator.catalog())).toEqual(stateOf(reference.emulator.catalog()));
      expect(cut.emulator.calls().bindings.repeated).toBe(0);
    } finally {
      await Promise.all([cut.stop(), reference.stop()]);
    }
  });

  it('refuses a cursor of another rule set', async () => {
    await expect(piece(h, { resume: pieces[0].next, rules: rules().replace('name: "dim_*"', 'name: "dim_x*"') })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
