/**
 * The suite's safety invariant (test/support/violations.ts) can fail: an emulator — in this process or in
 * a child process the CLI runs — reports each violation to the log it is given, declared kinds apart, and a
 * jest run whose test provokes a violation it does not declare ends in failure, naming the violation and the
 * test. The emulators here report to a log of their own, so the suite's log stays clean.
 */
import { execFile } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { startEmulator, VIOLATION_LOG_ENV } from '../../emulator';
import { finished, ROOT, startCli } from '../cli/built-cli';
import { call, sdkClient } from '../emulator/client';
import { createViolationLog, describeViolations, readViolationLog, undeclaredViolations } from '../support/violations';

describe('the emulators\' violation log', () => {
  it('reports an undeclared violation as it happens, with the test it happened in and where its emulator was started', async () => {
    const log = createViolationLog();
    const emu = await startEmulator({ assets: 10, violationLog: log });
    try {
      await call(sdkClient(emu), 'DeleteDataAssetTag', { Key: 'pii' });
      emu.resetStats();
      // reported before the emulator stops, and not taken back by resetStats
      expect(undeclaredViolations(log)).toEqual([
        expect.objectContaining({
          expected: false,
          emulator: emu.url,
          violation: expect.objectContaining({ kind: 'delete-called', action: 'DeleteDataAssetTag' }),
          during: expect.stringContaining('violation-log.test.ts › the emulators\' violation log reports an undeclared violation'),
          startedBy: expect.stringContaining(join('test', 'invariants', 'violation-log.test.ts')),
        }),
      ]);
    } finally {
      await emu.stop();
    }
    expect(describeViolations(undeclaredViolations(log))).toMatch(/1 emulator violation\(s\) that no test declared:\n {2}- delete-called \(DeleteDataAssetTag\)[^\n]*\n {4}during [^\n]*violation-log\.test\.ts/);
  });

  it('passes the kinds the emulator was started expecting, and only those', async () => {
    const log = createViolationLog();
    const emu = await startEmulator({ assets: 10, violationLog: log, expectViolations: ['over-limit'] });
    try {
      await call(sdkClient(emu), 'ListDataAssets', { PageSize: 101 });
      await call(sdkClient(emu), 'DeleteDataAssetTag', { Key: 'pii' });
    } finally {
      await emu.stop();
    }
    expect(readViolationLog(log).map((e) => [e.violation.kind, e.expected])).toEqual([
      ['over-limit', true],
      ['delete-called', false],
    ]);
    expect(undeclaredViolations(log).map((e) => e.violation.kind)).toEqual(['delete-called']);
  });

  it('hears an emulator the CLI runs in a child process (autotag emulator), through the environment', async () => {
    const log = createViolationLog();
    const child = startCli(['emulator', '--assets', '10'], { [VIOLATION_LOG_ENV]: log });
    const done = finished(child);
    try {
      const line = JSON.parse(await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve))) as { url: string; endpoint: string; accessKeyId: string; accessKeySecret: string };
      const emulator = { url: line.url, endpoint: line.endpoint, credentials: { accessKeyId: line.accessKeyId, accessKeySecret: line.accessKeySecret } };
      expect((await call(sdkClient(emulator), 'DeleteDataAssetTag', { Key: 'pii' })).status).toBe(403);
    } finally {
      child.kill('SIGTERM');
    }
    expect((await done).code).toBe(0);
    expect(undeclaredViolations(log)).toEqual([expect.objectContaining({ pid: child.pid, violation: expect.objectContaining({ kind: 'delete-called' }), startedBy: expect.stringContaining('cli.js emulator --assets 10') })]);
  });

  it('fails a jest run whose test provokes a violation it does not declare, naming it and the test', async () => {
    const config = join(ROOT, 'test', 'invariants', 'fixtures', 'jest.config.js');
    const run = await new Promise<{ code: number; output: string }>((resolve) =>
      execFile(process.execPath, [require.resolve('jest/bin/jest'), '--config', config, '--ci'], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
      ),
    );
    // the test itself passes; the run fails in the global teardown
    expect(run.output).toMatch(/Tests: +1 passed, 1 total/);
    expect(run.code).toBe(1);
    expect(run.output).toContain('1 emulator violation(s) that no test declared');
    expect(run.output).toContain('delete-called (DeleteDataAssetTag)');
    expect(run.output).toContain('undeclared-delete.fixture.ts › calls DeleteDataAssetTag without declaring it');
  });
});
