/**
 * `autotag report --run` as a user runs it, on lines written here (the end-to-end continuation suite runs it
 * on a real run's log): from stdin, an unfinished run exits 1 and says which chain goes on; a run the lines do
 * not name exits 1 and says so; a file that cannot be read exits 2.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { CLI, cleanEnv, finished, ROOT, runCli, tempFiles } from './built-cli';

const line = (piece: number, over: object) =>
  JSON.stringify({ level: 'info', msg: 'run piece finished', runId: 'run-9', piece, status: 'ok', durationMs: 5, counts: { scanned: 100, evaluated: 100, bind: 7, present: 3, conflict: 0, applied: 7, skipped: 0, failed: 0, notStarted: 0 }, failures: [], sourceErrors: [], ...over });
const LINES = [line(1, { status: 'deadline', next: { partitions: 2, done: 1, open: 1, writes: 7 }, unread: { partitions: 1, cut: 1, assetsLeft: 40 }, continuation: { taskId: 'autotag-x-2' } }), 'FC Invoke End'].join('\n');

describe('autotag report', () => {
  const file = tempFiles('autotag-report-');

  it('reads the lines from stdin, and calls a run whose last piece queued another incomplete (exit 1)', async () => {
    const child = spawn(process.execPath, [CLI, 'report', '--run', 'run-9'], { cwd: ROOT, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin!.end(LINES);
    const { code, stdout } = await finished(child);
    expect(code).toBe(1);
    expect(stdout).toContain('Run run-9: incomplete');
    expect(stdout).toContain('the run: 1 piece in 1 delivery · continuing');
    expect(stdout).toContain('unread: 1 partition, about 40 assets left');
  });

  it('says so when no line names the run (exit 1), in JSON too', async () => {
    const result = await runCli(['report', '--run', 'run-8', file('lines.jsonl', LINES), '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ formatVersion: 1, error: { code: 'RUN_NOT_FOUND', message: expect.stringContaining('no log line of run run-8 in 2 lines') } });
  });

  it('exits 2 for a file it cannot read', async () => {
    const missing = join(dirname(file('present.jsonl', LINES)), 'missing.jsonl');
    const result = await runCli(['report', '--run', 'run-9', missing]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cannot read ${missing}`);
  });
});
