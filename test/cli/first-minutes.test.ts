/**
 * The first five minutes with autotag, through the built CLI as a process (issue 12 §6): the README's demo
 * commands bind something and explain what they scanned and what "present after" counts, progress ends on the
 * final count, an incomplete plan is not offered for applying, and the AUTOTAG_* variables the functions read
 * count here too (a bad one is an input error before any call). Colour: colour.test.ts; validate and schema:
 * rule-file-commands.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator';
import { jsonLines } from '../support/plan-lines';
import { startHoldingProxy } from '../support/holding-proxy';
import { credentialsEnv, emulatorForSuite, finished, ROOT, runCli, startCli, tempFiles } from './built-cli';

const RULES = join(ROOT, 'test', 'cli', 'fixtures', 'rules.yaml');
const FAST_READS = ['--read-qps', '1000'];
const num = (text: string) => Number(text.replace(/,/g, ''));

const file = tempFiles('autotag-first-');

/** The demo commands the README tells a newcomer to run: `npm start` (as package.json runs it) and `npx autotag demo …`. */
function readmeDemoCommands(): string[][] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start;
  const viaNpm = readme.includes('npm start') ? [start.split('node dist/cli.js ')[1].split(/\s+/)] : [];
  const direct = [...readme.matchAll(/`npx autotag (demo[^`]*)`/g)].map((m) => m[1].trim().split(/\s+/));
  return [...viaNpm, ...direct];
}

describe('the first five minutes (built CLI, as a process)', () => {
  describe("the README's demo commands", () => {
    const commands = readmeDemoCommands();

    it('are found: npm start and the demo of rules/example.yaml on a bigger catalog', () => {
      expect(commands).toEqual(expect.arrayContaining([['demo'], ['demo', '--rules', 'rules/example.yaml', '--assets', '10000']]));
    });

    describe.each(commands.map((args) => [args.join(' '), args] as const))('autotag %s', (_line, args) => {
      let r: Awaited<ReturnType<typeof runCli>>;
      beforeAll(async () => {
        r = await runCli(args);
      }, 120_000);

      it('plans, applies, and shows that the second run wrote nothing', () => {
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/planned +[\d,]+ writes/);
        expect(r.stdout).toMatch(/applied +[1-9][\d,]*/);
        expect(r.stdout).toMatch(/present +[\d,]+ before the first run/);
        expect(r.stdout).toContain('the emulator received 0 write calls');
        expect(r.stdout).toMatch(/again [\d,]+ \(0 writes\)/);
        expect(r.stdout).toContain('autotag plan  --rules rules/example.yaml --region cn-hangzhou');
      });

      it('binds something: a rule matched, and tags were written', () => {
        const applied = /applied +([\d,]+)/.exec(r.stdout)!;
        expect(num(applied[1])).toBeGreaterThan(0);
        expect(r.stdout).toMatch(/Rule \S+ — matched [1-9][\d,]* assets?: [1-9][\d,]* to bind/);
      });

      it('explains why it scanned fewer assets than the catalog holds', () => {
        const note = /Scanned ([\d,]+) of the catalog's ([\d,]+) assets: autotag lists only what the rule set's sources name \(([^)]+\)?[^)]*)\)/.exec(r.stdout);
        expect(note).not.toBeNull();
        const [scanned, catalog] = [num(note![1]), num(note![2])];
        expect(catalog).toBe(args.includes('--assets') ? num(args[args.indexOf('--assets') + 1]) : 3000);
        expect(scanned).toBeLessThan(catalog);
        expect(r.stdout).toContain(`The other ${(catalog - scanned).toLocaleString('en-US')} were never listed, so no rule could reach them`);
        expect(r.stdout).toMatch(new RegExp(`scanned +${note![1]} of the catalog's ${note![2]} assets`));
      });

      it('explains "present after": what was present, plus what was written, less what rules no longer want', () => {
        const present = /present +([\d,]+) before the first run; ([\d,]+) after it: ([\d,]+) \+ ([\d,]+) written − ([\d,]+) no longer wanted \(rules? (\S+)/.exec(r.stdout);
        expect(present).not.toBeNull();
        const [before, after, before2, written, gone] = present!.slice(1, 6).map(num);
        expect(before2).toBe(before);
        expect(before + written - gone).toBe(after);
        expect(written).toBe(num(/applied +([\d,]+)/.exec(r.stdout)![1]));
      });

      it('ends every apply phase of its progress on the final count', () => {
        const lines = r.stderr.split('\n');
        const last = lines.filter((l, i) => l.startsWith('Applying:') && !lines[i + 1]?.startsWith('Applying:'));
        expect(last.length).toBeGreaterThan(0);
        for (const line of last) {
          const [, done, total] = /^Applying: ([\d,]+) \/ ([\d,]+) bindings/.exec(line)!;
          expect(done).toBe(total);
        }
        expect(lines.some((l) => /^Applying: ([1-9][\d,]*) \/ \1 bindings/.test(l))).toBe(true);
      });
    });
  });

  describe('against the emulator', () => {
    const suite = emulatorForSuite({ assets: 300, seed: 5 });
    let emulator: Emulator;
    let env: Record<string, string>;
    beforeEach(() => {
      ({ emulator, env } = suite);
      emulator.resetStats();
    });
    const target = () => ['--endpoint', emulator.url, ...FAST_READS];

    describe('a plan that could not read every source', () => {
      it('says it is incomplete instead of offering to apply it', async () => {
        const rules = file('unreadable.yaml', readFileSync(RULES, 'utf8').replace('maxcomputeProjects: [sales_dw, user_dw]', 'maxcomputeProjects: [sales_dw, no_such_project]'));
        const r = await runCli(['plan', '--rules', rules, ...target()], env);
        expect(r.code).toBe(1);
        expect(r.stdout).toContain('✗ tables no_such_project');
        expect(r.stdout).toContain('This plan is incomplete: 1 source could not be read (see above)');
        expect(r.stdout).not.toContain('Apply it with');
        expect(r.stdout).not.toContain('autotag apply');
      });

      it('a plan cut short (Ctrl-C) says it was interrupted, and offers nothing to apply', async () => {
        // the first call a run makes (the tag keys): every read of the catalog comes after it
        const proxy = await startHoldingProxy(emulator.url, (action) => action === 'ListDataAssetTags');
        try {
          const child = startCli(['plan', '--rules', RULES, '--endpoint', proxy.url, ...FAST_READS], env);
          const done = finished(child);
          await proxy.firstHeld;
          const stopping = new Promise<void>((resolve) => child.stderr!.on('data', (d: Buffer) => String(d).includes('stopping at a safe point') && resolve()));
          child.kill('SIGINT');
          await stopping;
          proxy.release();
          const r = await done;
          expect(r.code).toBe(130);
          expect(r.stdout).toMatch(/^Interrupted: /m);
          expect(r.stdout).not.toContain('Apply it with');
          expect(r.stdout).not.toContain('autotag apply');
        } finally {
          proxy.release();
          await proxy.stop();
        }
      });

      it('a complete one is offered', async () => {
        const r = await runCli(['plan', '--rules', RULES, ...target()], env);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain(`Apply it with: autotag apply --rules ${RULES} --endpoint ${emulator.url}`);
      });
    });

    describe('the AUTOTAG_* variables the functions read', () => {
      it.each([
        ['AUTOTAG_READ_QPS', 'fast', 'must be a positive number'],
        ['AUTOTAG_WRITE_QPS', '0', 'must be greater than 0'],
        ['AUTOTAG_MAX_BINDINGS', '-1', 'must be a positive integer'],
        ['AUTOTAG_LOG_LEVEL', 'loud', 'debug'],
        ['AUTOTAG_REGION', 'Hangzhou', 'must be a region id'],
        ['AUTOTAG_NOTIFY_KIND', 'slack', 'AUTOTAG_NOTIFY_KIND'],
        ['AUTOTAG_READQPS', '5', 'is not a variable autotag reads'],
      ])('%s=%s is an input error naming the variable (exit 2), before any API call', async (name, value, says) => {
        const extra: Record<string, string> = name === 'AUTOTAG_NOTIFY_KIND' ? { AUTOTAG_NOTIFY_URL: 'https://hooks.example/x' } : {};
        const r = await runCli(['plan', '--rules', RULES, ...target()], { ...env, ...extra, [name]: value });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('Invalid configuration:');
        expect(r.stderr).toContain(`- ${name}: `);
        expect(r.stderr).toContain(says);
        expect(emulator.calls().total).toBe(0);
        const json = await runCli(['apply', '--rules', RULES, '--json', ...target()], { ...env, ...extra, [name]: value });
        expect(json.code).toBe(2);
        expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'INVALID_CONFIGURATION', issues: [expect.objectContaining({ field: name })] } });
        expect(emulator.calls().total).toBe(0);
      });

      it('AUTOTAG_MAX_BINDINGS is the blast-radius limit; --max-bindings wins over it', async () => {
        const limited = await runCli(['plan', '--rules', RULES, ...target()], { ...env, AUTOTAG_MAX_BINDINGS: '1' });
        expect(limited.code).toBe(0);
        expect(limited.stdout).toMatch(/Applying would stop before the first write: [\d,]+ writes exceed the limit of 1 /);
        const flag = await runCli(['plan', '--rules', RULES, '--max-bindings', '100000', ...target()], { ...env, AUTOTAG_MAX_BINDINGS: '1' });
        expect(flag.stdout).toContain('Apply it with:');
        const applied = await runCli(['apply', '--rules', RULES, '--json', ...target(), '--write-qps', '500'], { ...env, AUTOTAG_MAX_BINDINGS: '1' });
        expect(applied.code).toBe(3);
        expect(emulator.calls().writeCalls).toBe(0);
      });

      it('AUTOTAG_LOG_LEVEL writes the JSON log lines; --log-level wins over it', async () => {
        const info = await runCli(['plan', '--rules', RULES, '--json', ...target()], { ...env, AUTOTAG_LOG_LEVEL: 'info' });
        const logLines = (text: string) => text.split('\n').filter((l) => l.startsWith('{'));
        expect(logLines(info.stderr).map((l) => (JSON.parse(l) as { msg: string }).msg)).toContain('run finished');
        const error = await runCli(['plan', '--rules', RULES, '--json', '--log-level', 'error', ...target()], { ...env, AUTOTAG_LOG_LEVEL: 'info' });
        expect(error.code).toBe(0);
        expect(logLines(error.stderr)).toEqual([]);
      });

      it('AUTOTAG_REGION is the region; --region wins over it', async () => {
        const fromEnv = await runCli(['plan', '--rules', RULES], { ...env, AUTOTAG_REGION: 'cn-nowhere' });
        expect(fromEnv.code).toBe(2);
        expect(fromEnv.stderr).toContain('"cn-nowhere" is not a region DataWorks serves');
        const flag = await runCli(['plan', '--rules', RULES, '--region', 'cn-elsewhere'], { ...env, AUTOTAG_REGION: 'cn-nowhere' });
        expect(flag.stderr).toContain('"cn-elsewhere" is not a region DataWorks serves');
      });

      describe('against an emulator keeping to 5 reads a second', () => {
        let slow: Emulator;
        beforeAll(async () => {
          slow = await startEmulator({ assets: 40, seed: 5, readQps: 5, writeQps: 0 });
        });
        afterAll(() => slow.stop());
        const planJson = async (flags: string[], extra: Record<string, string>) => {
          const r = await runCli(['plan', '--rules', RULES, '--json', '--endpoint', slow.url, ...flags], { ...credentialsEnv(slow.credentials), ...extra });
          expect(r.code).toBe(0);
          return jsonLines(r.stdout).report;
        };

        it('AUTOTAG_READ_QPS is the read budget (4 a second: never throttled); --read-qps wins over it (50: throttled)', async () => {
          const kept = await planJson([], { AUTOTAG_READ_QPS: '4' });
          expect(kept.api.throttled).toBe(0);
          const flag = await planJson(['--read-qps', '50'], { AUTOTAG_READ_QPS: '4' });
          expect(flag.api.throttled).toBeGreaterThan(0);
        }, 60_000);
      });
    });
  });
});
