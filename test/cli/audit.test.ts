/**
 * `autotag apply --audit-log` as a user runs it (the built CLI as a process, credentials from the default chain)
 * against the emulator: every line names the RAM identity the CLI acts as (STS GetCallerIdentity, asked once),
 * and when STS cannot say, the run goes on, the lines leave the actor out, and stderr says why. `plan` writes
 * nothing and asks STS nothing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator';
import type { AuditRecord } from '../../shared/engine';
import { credentialsEnv, ROOT, runCli } from './built-cli';

const RULES = join(ROOT, 'test', 'cli', 'fixtures', 'rules.yaml');
const USER = { accessKeyId: 'LTAIauditcli000001', accessKeySecret: 'audit-cli-secret-0123456', identity: { arn: 'acs:ram::1234567890123456:user/data-governance' } };
const FAST = ['--read-qps', '1000', '--write-qps', '500'];

describe('cli: audit records name who acted', () => {
  let emulator: Emulator;
  let dir: string;
  beforeEach(async () => {
    emulator = await startEmulator({ assets: 300, readQps: 0, writeQps: 0, credentials: [USER] });
    dir = mkdtempSync(join(tmpdir(), 'autotag-cli-audit-'));
  });
  afterEach(() => emulator.stop());
  const records = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditRecord);

  it('apply: every line of --audit-log carries the actor STS names; plan asks STS nothing', async () => {
    const plan = await runCli(['plan', '--rules', RULES, '--endpoint', emulator.url, '--read-qps', '1000'], credentialsEnv(USER));
    expect(plan.code).toBe(0);
    expect(emulator.calls().otherServices).toEqual({});

    const log = join(dir, 'audit.jsonl');
    const r = await runCli(['apply', '--rules', RULES, '--endpoint', emulator.url, '--audit-log', log, ...FAST], credentialsEnv(USER));
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('warning');
    const lines = records(log);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatchObject({ actor: USER.identity.arn, trigger: 'cli', runId: expect.any(String), ruleSetHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(emulator.calls().otherServices).toEqual({ GetCallerIdentity: 1 });
  });

  it('apply when STS cannot be reached: the run is not failed, the lines leave out the actor, stderr says why', async () => {
    const log = join(dir, 'audit.jsonl');
    const r = await runCli(['apply', '--rules', RULES, '--endpoint', emulator.url, '--audit-log', log, ...FAST], { ...credentialsEnv(USER), AUTOTAG_STS_ENDPOINT: 'http://127.0.0.1:9' });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^autotag: warning: the RAM identity the run acts as could not be read from STS \(.+\): its audit records leave out the actor$/m);
    expect(r.stderr).not.toContain(USER.accessKeySecret);
    const lines = records(log);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toHaveProperty('actor');
    expect(emulator.calls().otherServices).toEqual({});
  });
});
