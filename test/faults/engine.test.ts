/**
 * The engine's fault scenarios (scenarios.ts): each run against the emulator with its faults, the first one cut
 * by its deadline where the scenario says so (the fake clock jumps past it after so many pages read or writes
 * applied), then resumed from its cursor or run again until a run ends ok. Every run is checked as it ends
 * (checks.ts); the last one must leave exactly the state a clean run reaches, with every change from the
 * start explained by the audit trail and no emulator violation. A run may also throw, when its first call (the
 * tag keys) fails past its retries: it must then have written nothing.
 */
import type { Catalog } from '../../emulator';
import { fakeClock } from '../../shared/clock';
import type { DataWorksApi } from '../../shared/dataworks';
import { runRules, type AuditRecord, type BindingResult, type Cursor, type ProgressEvent, type RunDeps } from '../../shared/engine';
import { parseRuleSet } from '../../shared/rules';
import { cleanRun, stateOf } from '../support/expected-state';
import { startHarness, type Harness } from '../support/harness';
import { overwritesUnderSkip } from '../support/overwrites';
import { WRITE_KINDS_RULES } from '../support/write-kinds-rules';
import { expectChangesReported, expectCountsAddUp, expectShortfallReported, type RunRecord } from './checks';
import { ENGINE_SCENARIOS, type EngineScenario } from './scenarios';

/** a scenario's first run plus the re-runs it may take to end ok */
const MAX_RUNS = 5;
const ruleSet = () => parseRuleSet(WRITE_KINDS_RULES, 'write-kinds.yaml');

/** how long (real time) paused reading waits for the writes it lets through, at most */
const PAUSE_MS = 10_000;

/**
 * The first run's deadline and what moves the fake clock past it: so many pages read, so many writes applied,
 * or (`whileWriting`) listing paused after so many pages until so many writes were applied, so the deadline
 * comes with pages still to read and windows being written. The API is wrapped for the pause.
 */
function deadlineAt(cut: EngineScenario['deadline'], clock: ReturnType<typeof fakeClock>, api: DataWorksApi): Pick<RunDeps, 'api' | 'deadline' | 'onProgress'> {
  if (!cut) return { api };
  const deadline = clock.now() + 60_000;
  const pass = () => clock.now() < deadline && clock.advance(120_000);
  let pages = 0;
  let applied = 0;
  if (!('whileWriting' in cut)) {
    const onProgress = (p: ProgressEvent) => {
      if ('afterPages' in cut ? p.phase === 'discover' && ++pages === cut.afterPages : p.phase === 'apply' && p.applied >= cut.afterApplied) pass();
    };
    return { api, deadline, onProgress };
  }
  const { pages: pauseAt, applied: enough } = cut.whileWriting;
  let resume!: () => void;
  const paused = new Promise<void>((resolve) => (resume = resolve));
  const timer = setTimeout(resume, PAUSE_MS).unref();
  void paused.then(() => (clearTimeout(timer), pass()));
  const onProgress = (p: ProgressEvent) => {
    if (p.phase === 'discover') pages++;
    if (p.phase === 'apply' && (applied = p.applied) >= enough) resume();
  };
  const listing = async <T>(read: () => Promise<T>) => (pages >= pauseAt && applied < enough && (await paused), read());
  return {
    api: { ...api, listTables: (r) => listing(() => api.listTables(r)), listTasks: (r) => listing(() => api.listTasks(r)) },
    deadline,
    onProgress,
  };
}

type Run = (RunRecord & { results: BindingResult[] }) | { thrown: unknown; before: Catalog; after: Catalog };
const reported = (runs: readonly Run[]) => runs.filter((r): r is Exclude<Run, { thrown: unknown }> => !('thrown' in r));

async function run(h: Harness, s: EngineScenario, first: boolean, resume: Cursor | undefined, audit: AuditRecord[]): Promise<Run> {
  const before = h.emulator.catalog();
  const results: BindingResult[] = [];
  const clock = fakeClock(Date.now());
  const base = h.deps({ clock, ...(s.timeoutMs && { timeoutMs: s.timeoutMs }) });
  const deps = { ...base, ...deadlineAt(first ? s.deadline : undefined, clock, base.api), observer: { result: (r: BindingResult) => results.push(r) }, audit: (r: AuditRecord) => audit.push(r) };
  try {
    const report = await runRules({ ruleSet: ruleSet(), trigger: 'cli', resume, maxBindings: s.maxBindings }, deps);
    return { report, results, before, after: h.emulator.catalog() };
  } catch (thrown) {
    return { thrown, before, after: h.emulator.catalog() };
  }
}

describe.each(ENGINE_SCENARIOS.map((s) => [s.id, s] as const))('fault scenario: %s', (_id, s) => {
  const runs: Run[] = [];
  const audit: AuditRecord[] = [];
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ ...s.catalog, faults: s.faults });
    let resume: Cursor | undefined;
    let last: Run;
    do {
      last = await run(h, s, runs.length === 0, resume, audit);
      runs.push(last);
      // a run cut with work left is resumed from its cursor; one that failed or threw is run again whole
      resume = 'report' in last ? last.report.next : undefined;
    } while (!('report' in last && last.report.status === 'ok') && runs.length < MAX_RUNS);
  });
  const final = () => reported(runs).at(-1)!;
  afterAll(() => h.stop());

  it('ends in exactly the state a clean run reaches, every change explained by the audit trail, no violation', async () => {
    expect(runs.at(-1)).toBe(final());
    expect(final().report.status).toBe('ok');
    expect(stateOf(final().after)).toEqual((await cleanRun(s.catalog, WRITE_KINDS_RULES)).state);
    expect(overwritesUnderSkip(ruleSet(), runs[0].before, final().after, audit)).toEqual([]);
    expect(h.emulator.violations()).toEqual([]);
  });

  it('hits what it injects (the first run is cut, or calls were faulted)', () => {
    const first = reported(runs)[0].report;
    if (s.deadline) expect(first).toMatchObject({ status: 'deadline', stoppedBy: { code: 'DEADLINE_EXCEEDED' } });
    if ('afterPages' in (s.deadline ?? {})) expect(first.unread?.partitions).toBeGreaterThan(0);
    if ('afterApplied' in (s.deadline ?? {})) expect(first.result.notStarted + first.result.failed).toBeGreaterThan(0);
    // cut with pages still to read and windows being written
    if ('whileWriting' in (s.deadline ?? {})) expect([first.unread?.partitions, first.result.applied, first.result.notStarted].map((n) => (n ?? 0) > 0)).toEqual([true, true, true]);
    if (s.faults) expect(h.emulator.calls().faultsInjected).toBeGreaterThan(0);
    if (s.faults) expect(reported(runs).reduce((n, r) => n + r.report.api.retries, 0)).toBeGreaterThan(0);
  });

  it('in every run: the counts add up, binding by binding (a run that threw, its first call failed past its retries, wrote nothing)', () => {
    for (const r of runs) {
      if ('report' in r) expectCountsAddUp(r);
      else expect([r.thrown, stateOf(r.after)]).toEqual([expect.objectContaining({ retryable: true, action: 'ListDataAssetTags' }), stateOf(r.before)]);
    }
  });

  it('in every run: what the catalog gained or lost is what the run reports it wrote', () => {
    for (const r of reported(runs)) expectChangesReported(r);
  });

  it('in every run: each asset not yet as it must end has a binding reported not applied, or lies in a partition reported unread', async () => {
    const { state } = await cleanRun(s.catalog, WRITE_KINDS_RULES);
    for (const r of reported(runs)) expectShortfallReported(r, state);
  });
});
