/**
 * The DataWorks emulator in a process of its own, as the benchmark needs it (the API on one process, autotag on
 * another, as a user with a real account has them): `node dist/cli.js emulator`, its one JSON line read for the
 * URL and AccessKey pair, and its control plane (`/__admin/`) over HTTP for quotas, latency, counts and state.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import type { CallStats, Catalog, FaultOptions } from '../emulator';

export const CLI = join(__dirname, '..', 'dist', 'cli.js');

export interface EmulatorProcess {
  url: string;
  credentials: { accessKeyId: string; accessKeySecret: string };
  calls(): Promise<CallStats>;
  state(): Promise<Catalog>;
  reset(): Promise<void>;
  setQps(read: number, write: number): Promise<void>;
  setFaults(faults: FaultOptions | null): Promise<void>;
  stop(): Promise<void>;
}

export interface EmulatorSpec {
  assets: number;
  seed: number;
  /** 0 = unlimited */
  readQps: number;
  writeQps: number;
}

export async function startEmulatorProcess(spec: EmulatorSpec): Promise<EmulatorProcess> {
  const args = ['emulator', '--port', '0', '--assets', String(spec.assets), '--seed', String(spec.seed), '--read-qps', String(spec.readQps), '--write-qps', String(spec.writeQps)];
  // a million-asset catalog needs more than node's default heap
  const child = spawn(process.execPath, ['--max-old-space-size=8192', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before it listened: ${stderr}`)));
  });
  const hello = JSON.parse(first) as { url: string; accessKeyId: string; accessKeySecret: string };
  const admin = async (method: 'GET' | 'POST', route: string, body?: unknown) => {
    const res = await fetch(`${hello.url}/__admin/${route}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`emulator ${method} ${route}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  return {
    url: hello.url,
    credentials: { accessKeyId: hello.accessKeyId, accessKeySecret: hello.accessKeySecret },
    calls: async () => (await admin('GET', 'calls')) as CallStats,
    state: async () => (await admin('GET', 'state')) as Catalog,
    reset: async () => void (await admin('POST', 'reset')),
    setQps: async (read, write) => void (await admin('POST', 'qps', { read, write })),
    setFaults: async (faults) => void (await admin('POST', 'faults', faults)),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
