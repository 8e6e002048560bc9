/**
 * The scheduled function (the built bundle, as FC runs it) keeping each run's report and coverage under
 * AUTOTAG_REPORTS_DIR, as a user finds them in the mounted bucket: `<dir>/<day>/<run id>/report.json`,
 * `coverage.json` and `coverage.html`, a shard's piece under its parent run's id, the folder named in the log.
 * A folder that cannot be written is one warning, and the run's outcome is the same.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../../emulator';
import type { CoverageReport } from '../../../shared/coverage';
import type { RunReport } from '../../../shared/engine';
import { sampleEvent } from '../../support/fixtures';
import { builtFunction, fcContext, handlerEnv, loadHandler, parsed } from '../../support/functions';

type Ran = { kind: 'run'; report: RunReport };

describe('functions/scheduled: reports and coverage under AUTOTAG_REPORTS_DIR', () => {
  let emulator: Emulator;
  let dir: string;
  beforeEach(async () => {
    emulator = await startEmulator({ assets: 200, readQps: 0, writeQps: 0 });
    dir = mkdtempSync(join(tmpdir(), 'autotag-reports-'));
  });
  afterEach(() => emulator.stop());

  it('writes the run report, its coverage as JSON and the page under <day>/<run id>/, and logs where', async () => {
    const lines: string[] = [];
    const context = fcContext(emulator);
    const { report } = (await loadHandler(builtFunction('scheduled'), handlerEnv(emulator, { AUTOTAG_REPORTS_DIR: dir }), lines)(sampleEvent('timer.json'), context)) as Ran;
    const folder = join(dir, report.startedAt.slice(0, 10), context.requestId);
    expect(readdirSync(folder).sort()).toEqual(['coverage.html', 'coverage.json', 'report.json']);
    expect(JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8'))).toEqual(report);

    const coverage = JSON.parse(readFileSync(join(folder, 'coverage.json'), 'utf8')) as CoverageReport;
    expect(coverage.run).toMatchObject({ runId: context.requestId, trigger: 'timer', ruleSet: 'handler-tests', ruleSetHash: report.ruleSetHash, dryRun: false });
    expect(coverage.overall.assets).toBe(report.plan.assetsEvaluated);
    // the tags as the run left them: every asset a rule bound carries its key
    const layer = coverage.overall.keys.find((k) => k.key === 'layer')!;
    expect(layer.values.find((v) => v.value === 'dim')?.assets).toBeGreaterThanOrEqual(1);
    expect(coverage.overall.keys.map((k) => k.key)).toEqual(expect.arrayContaining(['layer', 'lifecycle']));
    expect(readFileSync(join(folder, 'coverage.html'), 'utf8')).toContain(`<dd data-field="Run">${context.requestId}</dd>`);

    expect(parsed(lines)).toContainEqual(expect.objectContaining({ level: 'info', msg: 'run report and coverage written', folder, files: expect.arrayContaining([join(folder, 'coverage.html')]) }));
  });

  it('a shard writes its own piece under the run it belongs to', async () => {
    const shard = { mode: 'shard', shard: { source: 'tasks', projectId: 91234, env: 'Prod' }, fanOut: { parentRunId: 'parent-run-0001', shards: 2 } };
    const { report } = (await loadHandler(builtFunction('scheduled'), handlerEnv(emulator, { AUTOTAG_REPORTS_DIR: dir }))(shard, fcContext(emulator))) as Ran;
    const folder = join(dir, report.startedAt.slice(0, 10), 'parent-run-0001', 'shards', 'tasks-91234-Prod');
    expect(readdirSync(folder).sort()).toEqual(['coverage.html', 'coverage.json', 'report.json']);
    const coverage = JSON.parse(readFileSync(join(folder, 'coverage.json'), 'utf8')) as CoverageReport;
    expect(coverage.dimensions.kind.map((s) => s.value)).toEqual(['task']);
    expect(coverage.overall.assets).toBe(report.plan.assetsEvaluated);
  });

  it('a folder that cannot be written is one warning; the run and its outcome are as without it', async () => {
    const lines: string[] = [];
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, 'not a folder');
    const outcome = (await loadHandler(builtFunction('scheduled'), handlerEnv(emulator, { AUTOTAG_REPORTS_DIR: join(blocked, 'reports') }), lines)(sampleEvent('timer.json'), fcContext(emulator))) as Ran;
    expect(outcome).toMatchObject({ kind: 'run', report: { status: 'ok', result: { applied: 3, failed: 0 } } });
    expect(parsed(lines).filter((l) => l.level === 'warn' && l.msg === 'run report and coverage could not be written; the run is not affected')).toHaveLength(1);
  });

  it('writes nothing without AUTOTAG_REPORTS_DIR', async () => {
    const lines: string[] = [];
    await loadHandler(builtFunction('scheduled'), handlerEnv(emulator), lines)(sampleEvent('timer.json'), fcContext(emulator));
    expect(parsed(lines).some((l) => String(l.msg).startsWith('run report and coverage'))).toBe(false);
  });
});
