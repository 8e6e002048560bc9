/**
 * Colour, through the built CLI: on a terminal (a pseudo-terminal from util-linux `script`) plans show changes in
 * colour and the progress line an estimate of the time left; never with NO_COLOR, --no-color, --json or a pipe.
 */
import { join } from 'node:path';
import { startEmulator } from '../../emulator';
import { credentialsEnv, emulatorForSuite, ROOT, runCli } from './built-cli';
import { runCliOnTerminal, SGR } from './tty';

const RULES = join(ROOT, 'test', 'cli', 'fixtures', 'rules.yaml');
const FAST_READS = ['--read-qps', '1000'];

describe('colour (built CLI, as a process)', () => {
  const suite = emulatorForSuite({ assets: 300, seed: 5 });
  let env: Record<string, string>;
  beforeEach(() => ({ env } = suite));
  const target = () => ['--endpoint', suite.emulator.url, ...FAST_READS];

  it('on a terminal: plan changes in colour, and an estimate of the time left while applying', async () => {
    const plan = await runCliOnTerminal(['plan', '--rules', RULES, ...target()], env);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('\x1b[32m+ bind\x1b[39m');
    const fresh = await startEmulator({ assets: 300, seed: 5, readQps: 0, writeQps: 0 });
    try {
      // 4 writes a second: each call's answer redraws the line, with the pace so far
      const apply = await runCliOnTerminal(['apply', '--rules', RULES, '--endpoint', fresh.url, ...FAST_READS, '--write-qps', '4'], credentialsEnv(fresh.credentials));
      expect(apply.code).toBe(0);
      expect(apply.stdout).toMatch(/\r\x1b\[K\x1b\[1mApplying\x1b\[22m: [\d,]+ \/ [\d,]+ bindings \| throttled \d+ · retries \d+ \| about [\d.]+ (ms|s) left/);
      expect(apply.stdout).toMatch(SGR);
    } finally {
      await fresh.stop();
    }
  }, 60_000);

  it.each([
    ['NO_COLOR is set', ['plan', '--rules', RULES], { NO_COLOR: '1' }],
    ['--no-color is given', ['plan', '--rules', RULES, '--no-color'], {}],
    ['--json is given', ['plan', '--rules', RULES, '--json'], {}],
  ])('none when %s, even on a terminal', async (_why, args, extra) => {
    const r = await runCliOnTerminal([...args, ...target()], { ...env, ...extra });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(SGR);
  });

  it('none through a pipe', async () => {
    const r = await runCli(['plan', '--rules', RULES, ...target()], env);
    expect(r.stdout + r.stderr).not.toMatch(SGR);
    expect(r.stdout).toContain('+ bind');
  });
});
