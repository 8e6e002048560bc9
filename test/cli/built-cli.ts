/**
 * The built CLI as a user runs it (`npm run build` is jest's global setup): `node dist/cli.js ...` as a child process with
 * a clean environment (no credentials or profile of the machine running the tests, no ECS metadata lookup).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, constants, createReadStream, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, VIOLATION_LOG_ENV, type Emulator, type EmulatorOptions } from '../../emulator';
import type { HoldingProxy } from '../support/holding-proxy';
import { startHarness, type Harness } from '../support/harness';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * An environment with nothing of this machine's Alibaba Cloud setup: an empty HOME, IMDS disabled. The
 * emulators' violation log is passed on, so an emulator the CLI starts (`autotag emulator`, `demo`) reports too.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const violationLog = process.env[VIOLATION_LOG_ENV];
  return {
    PATH: process.env.PATH,
    HOME: mkdtempSync(join(tmpdir(), 'autotag-home-')),
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    ...(violationLog && { [VIOLATION_LOG_ENV]: violationLog }),
    ...extra,
  };
}

/** The environment that points the default credential chain at an emulator's AccessKey pair. */
export function credentialsEnv(credentials: { accessKeyId: string; accessKeySecret: string }): Record<string, string> {
  return { ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.accessKeySecret };
}

export function startCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * The CLI under a file size limit (RLIMIT_FSIZE, set by bash's `ulimit -f` in KiB): a file it writes past
 * `kib` fails with EFBIG, as a full disk or a quota would, for root too (unlike a file made read-only).
 */
export function startCliWithFileLimit(args: string[], env: Record<string, string>, kib: number): ChildProcess {
  const script = `ulimit -f ${kib} && exec "$0" "$@"`;
  return spawn('bash', ['-c', script, process.execPath, CLI, ...args], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Runs the CLI through `proxy` and SIGKILLs it as soon as the proxy holds a call (so the kill lands with the
 * calls before that one answered or in flight, and none after it), then stops the proxy: a held call never
 * reaches the server. Settles with the killed process's result (code null).
 */
export async function killOnceHeld(args: string[], env: Record<string, string>, proxy: HoldingProxy): Promise<CliResult> {
  try {
    const child = startCli(args, env);
    const killed = finished(child);
    await proxy.firstHeld;
    child.kill('SIGKILL');
    return await killed;
  } finally {
    await proxy.stop();
  }
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

/** Settles once `child`'s stderr has printed `text`. */
export function stderrSays(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve) => {
    let seen = '';
    child.stderr!.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(text)) resolve();
    });
  });
}

/**
 * Runs the CLI with stdout and stderr on real pipes (FIFOs): what `autotag ... | wc -c` gives it. (spawn's own
 * stdio pipes are socket pairs, whose buffers are larger than a pipe's 64 KiB.) Each FIFO is opened read-write
 * here, which does not wait for a reader; the child holds the only copy once spawned, so EOF comes at its exit.
 */
export async function runCliIntoPipes(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const dir = mkdtempSync(join(tmpdir(), 'autotag-pipes-'));
  const fifos = ['stdout', 'stderr'].map((name) => join(dir, name));
  const fds = fifos.map((fifo) => {
    execFileSync('mkfifo', [fifo]);
    return openSync(fifo, constants.O_RDWR);
  });
  const read = (fifo: string) =>
    new Promise<string>((resolve, reject) => {
      let text = '';
      createReadStream(fifo, { encoding: 'utf8' })
        .on('data', (d) => (text += String(d)))
        .on('end', () => resolve(text))
        .on('error', reject);
    });
  const [stdout, stderr] = fifos.map(read);
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', fds[0], fds[1]] });
  fds.forEach((fd) => closeSync(fd));
  const code = await new Promise<number | null>((resolve, reject) => child.on('error', reject).on('exit', resolve));
  return { code, stdout: await stdout, stderr: await stderr };
}

/**
 * An emulator for the tests of the enclosing describe block (started before them, stopped after), with the
 * environment pointing the CLI's default credential chain at it. Read its fields inside tests or hooks.
 */
export function emulatorForSuite(options: EmulatorOptions): { readonly emulator: Emulator; readonly env: Record<string, string> } {
  const suite = {} as { emulator: Emulator; env: Record<string, string> };
  beforeAll(async () => {
    suite.emulator = await startEmulator({ readQps: 0, writeQps: 0, ...options });
    suite.env = credentialsEnv(suite.emulator.credentials);
  });
  afterAll(() => suite.emulator.stop());
  return suite;
}

/**
 * A fresh emulator and client (test/support/harness.ts) for each test of the enclosing describe block, for tests
 * whose writes would change what the next one sees, with the environment pointing the CLI at it.
 */
export function harnessForEachTest(options: EmulatorOptions): { readonly h: Harness; readonly env: Record<string, string> } {
  const each = {} as { h: Harness; env: Record<string, string> };
  beforeEach(async () => {
    each.h = await startHarness(options);
    each.env = credentialsEnv(each.h.emulator.credentials);
  });
  afterEach(() => each.h.stop());
  return each;
}

/** Writes `name` with `text` into one temporary folder (made when first used) and returns its path. */
export function tempFiles(prefix: string): (name: string, text: string) => string {
  let dir: string | undefined;
  return (name, text) => {
    dir ??= mkdtempSync(join(tmpdir(), prefix));
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
}
