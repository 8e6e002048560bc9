/**
 * The built CLI as a user runs it (`npm run build` is jest's global setup): `node dist/cli.js ...` as a child process with
 * a clean environment (no credentials or profile of the machine running the tests, no ECS metadata lookup).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** An environment with nothing of this machine's Alibaba Cloud setup: an empty HOME, IMDS disabled. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: mkdtempSync(join(tmpdir(), 'autotag-home-')), ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ...extra };
}

/** The environment that points the default credential chain at an emulator's AccessKey pair. */
export function credentialsEnv(credentials: { accessKeyId: string; accessKeySecret: string }): Record<string, string> {
  return { ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.accessKeySecret };
}

export function startCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs the CLI to its end. Asynchronous, so an emulator served by this test process keeps answering. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const child = startCli(args, env);
  return finished(child);
}

export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
