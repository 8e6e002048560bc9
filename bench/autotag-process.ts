/**
 * One autotag run as a user runs it: `node dist/cli.js plan|apply ... --endpoint <emulator>` in a child process
 * with the emulator's AccessKey pair in the environment (the default credential chain) and an empty HOME, its
 * peak resident memory sampled from /proc (VmHWM, Linux) while it runs, its report read from `--json`. Its stdout
 * goes to a file, not a pipe: the CLI exits with process.exit, which can cut a large document short on a pipe.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunReport } from '../shared/engine';
import { CLI, type EmulatorProcess } from './emulator-process';

export interface AutotagRun {
  exitCode: number | null;
  /** the run report (`--json`); absent for a text run */
  report?: RunReport;
  /** from spawn to exit, node's start included */
  processMs: number;
  /** the peak resident set of the process, MiB (undefined where /proc is not there) */
  peakRssMiB?: number;
  stderrTail: string;
}

/** VmHWM of a live process, in bytes. */
function peakRss(pid: number): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** `--json` output: one document (apply), or a dry run's JSON lines, whose last line holds the report. */
function reportOf(stdout: string): RunReport {
  const text = stdout.trim();
  if (!text.startsWith('{"kind":"plan"')) return JSON.parse(text) as RunReport;
  return (JSON.parse(text.slice(text.lastIndexOf('\n') + 1)) as { report: RunReport }).report;
}

export async function runAutotag(emulator: EmulatorProcess, args: string[]): Promise<AutotagRun> {
  const env = {
    PATH: process.env.PATH,
    HOME: mkdtempSync(join(tmpdir(), 'autotag-bench-home-')),
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.credentials.accessKeySecret,
  };
  const stdoutFile = join(env.HOME, 'stdout');
  const stdoutFd = openSync(stdoutFile, 'w');
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [CLI, ...args, '--endpoint', emulator.url], { env, stdio: ['ignore', stdoutFd, 'pipe'] });
  closeSync(stdoutFd);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  let peak: number | undefined;
  const sample = setInterval(() => {
    const now = peakRss(child.pid!);
    if (now !== undefined) peak = Math.max(peak ?? 0, now);
  }, 100);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  clearInterval(sample);
  const json = args.includes('--json') ? reportOf(readFileSync(stdoutFile, 'utf8')) : undefined;
  return {
    exitCode,
    report: json,
    processMs: Number(process.hrtime.bigint() - started) / 1e6,
    peakRssMiB: peak === undefined ? undefined : Math.round(peak / 2 ** 20),
    stderrTail: stderr,
  };
}
