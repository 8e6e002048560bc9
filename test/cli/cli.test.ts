/**
 * The `autotag` CLI as users run it: the bundle built once, each command spawned as a process, against an
 * emulator this test process serves. Exit codes, human output, `--json` documents parsed back. (The demo, as the
 * README runs it: first-minutes.test.ts.)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { generateCatalog, startEmulator, tableAssetId, type Catalog, type Emulator } from '../../emulator';
import type { AuditRecord, RunReport } from '../../shared/engine';
import { FIXTURES_DIR } from '../support/fixtures';
import { jsonLines } from '../support/plan-lines';
import { credentialsEnv, finished, ROOT, runCli, startCli } from './built-cli';

const RULES = join(ROOT, 'test', 'cli', 'fixtures', 'rules.yaml');
const TASKS_ONLY = join(ROOT, 'test', 'cli', 'fixtures', 'tasks-only.yaml');
/** fast budgets for the client (the emulators here do not throttle); plan takes only the read one */
const FAST_READS = ['--read-qps', '1000'];
const FAST = [...FAST_READS, '--write-qps', '500'];
const COMMANDS = ['validate', 'plan', 'apply', 'coverage', 'schema', 'policy', 'emulator', 'invoke', 'demo'];

let dir: string;
/** a copy of the test rules with another blast-radius limit */
function rulesWithMaxBindings(n: number): string {
  const file = join(dir, `rules-max-${n}.yaml`);
  writeFileSync(file, readFileSync(RULES, 'utf8').replace(/maxBindings: \d+/, `maxBindings: ${n}`));
  return file;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'autotag-cli-'));
});

describe('cli (built, run as a process)', () => {
  describe('--help', () => {
    it.each(COMMANDS)('%s --help shows usage and examples and exits 0', async (command) => {
      const r = await runCli([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: autotag ${command}`);
      expect(r.stdout).toContain('Examples:');
    });

    it('lists every command and the exit codes', async () => {
      const r = await runCli(['--help']);
      expect(r.code).toBe(0);
      for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c}`);
      expect(r.stdout).toContain('3  stopped by a guard');
    });
  });

  describe('validate', () => {
    it('accepts a valid rule file and says what it holds', async () => {
      const r = await runCli(['validate', RULES]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('valid. 4 rules (layer-ods, layer-dwd, personal-tables, public-ads)');
    });

    it('prints one JSON document with --json', async () => {
      const r = await runCli(['validate', RULES, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, rules: ['layer-ods', 'layer-dwd', 'personal-tables', 'public-ads'], warnings: [] });
    });

    it('rejects an invalid file with exit 2, naming file, rule and field, without a stack trace', async () => {
      const file = join(dir, 'bad.yaml');
      writeFileSync(file, readFileSync(RULES, 'utf8').replace('tags: { layer: ods }', 'tags: { layer: odz }'));
      const r = await runCli(['validate', file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Invalid rule set:');
      expect(r.stderr).toContain(`${file}: rule layer-ods: rules[0].tags.layer`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });

    it('with --json, prints the error as the one JSON document', async () => {
      const r = await runCli(['validate', join(dir, 'missing.yaml'), '--json']);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    });
  });

  describe('schema', () => {
    it('prints the JSON Schema of rule files', async () => {
      const r = await runCli(['schema']);
      expect(r.code).toBe(0);
      const schema = JSON.parse(r.stdout);
      expect(schema.properties).toHaveProperty('rules');
    });
  });

  describe('policy', () => {
    it('prints the RAM policy the rule set needs, denying DeleteDataAssetTag', async () => {
      const r = await runCli(['policy', '--rules', RULES]);
      expect(r.code).toBe(0);
      const policy = JSON.parse(r.stdout);
      const allowed = policy.Statement.filter((s: { Effect: string }) => s.Effect === 'Allow').flatMap((s: { Action: string[] }) => s.Action);
      expect(allowed).toEqual(expect.arrayContaining(['dataworks:TagDataAssets', 'dataworks:UnTagDataAssets', 'dataworks:ListTables']));
      expect(allowed).not.toContain('fc:InvokeFunction');
      expect(policy.Statement).toContainEqual({ Effect: 'Deny', Action: ['dataworks:DeleteDataAssetTag'], Resource: '*' });
    });

    it('adds fc:InvokeFunction with --fan-out', async () => {
      const r = await runCli(['policy', '--rules', RULES, '--fan-out']);
      expect(r.stdout).toContain('fc:InvokeFunction');
    });

    it('adds the reads that re-read event-named assets with --events', async () => {
      const actions = (stdout: string) => (JSON.parse(stdout).Statement as { Effect: string; Action: string[] }[]).filter((s) => s.Effect === 'Allow').flatMap((s) => s.Action);
      const plain = actions((await runCli(['policy', '--rules', TASKS_ONLY])).stdout);
      const events = actions((await runCli(['policy', '--rules', TASKS_ONLY, '--events'])).stdout);
      expect(plain).not.toContain('dataworks:GetTable');
      expect(events).toEqual(expect.arrayContaining(['dataworks:ListTasks', 'dataworks:ListTables', 'dataworks:GetTable']));
    });
    it('--events also lets the events function invoke itself, to look again later for assets not visible yet', async () => {
      const r = await runCli(['policy', '--rules', TASKS_ONLY, '--events']);
      expect(JSON.parse(r.stdout).Statement).toContainEqual({ Effect: 'Allow', Action: ['fc:InvokeFunction'], Resource: 'acs:fc:*:*:functions/*' });
    });

    it('prints what autotag events connect needs with --connect-events, alone or with a rule set, and exits 2 with neither', async () => {
      const alone = JSON.parse((await runCli(['policy', '--connect-events'])).stdout);
      expect(alone.Statement).toEqual([{ Effect: 'Allow', Action: expect.arrayContaining(['eventbridge:GetRule', 'eventbridge:CreateRule', 'eventbridge:UpdateRule', 'eventbridge:PutTargets']), Resource: 'acs:eventbridge:*:*:eventbus/*' }]);
      const both = JSON.parse((await runCli(['policy', '--rules', RULES, '--connect-events'])).stdout);
      expect(both.Statement.map((st: { Effect: string }) => st.Effect)).toEqual(['Allow', 'Allow', 'Deny']);
      const neither = await runCli(['policy']);
      expect(neither.code).toBe(2);
      expect(neither.stderr).toContain('--rules');
    });
  });

  describe('bad input', () => {
    it.each([
      ['a flag value that is not a number', ['apply', '--rules', RULES, '--max-bindings', 'many']],
      ['an unknown flag', ['plan', '--rules', RULES, '--colour']],
      ['a missing required flag', ['plan']],
      ['an unknown command', ['tag-everything']],
      ['plain http to a non-loopback host', ['plan', '--rules', RULES, '--endpoint', 'http://dataworks.example.com']],
      ['no region and no endpoint', ['plan', '--rules', RULES]],
    ])('exits 2 on %s', async (_what, args) => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });

    it('exits 2 on a region DataWorks does not serve, before any call (credentials present, so only the region can stop it)', async () => {
      const r = await runCli(['plan', '--rules', RULES, '--region', 'cn-nowhere'], credentialsEnv({ accessKeyId: 'LTAItest', accessKeySecret: 'not-a-real-secret' }));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('"cn-nowhere" is not a region DataWorks serves');
    });
  });

  describe('against the emulator', () => {
    let emulator: Emulator;
    let env: Record<string, string>;
    const target = () => ['--endpoint', emulator.url, ...FAST_READS];
    const applyTarget = () => [...target(), '--write-qps', '500'];

    beforeAll(async () => {
      emulator = await startEmulator({ assets: 800, seed: 11, readQps: 0, writeQps: 0 });
      env = credentialsEnv(emulator.credentials);
    });
    afterAll(() => emulator.stop());
    beforeEach(() => emulator.resetStats());

    it('exits 2 when the default chain finds no credentials, before any call', async () => {
      const r = await runCli(['plan', '--rules', RULES, ...target()]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('no Alibaba Cloud credentials found');
    });

    describe('plan', () => {
      it('prints the plan grouped by rule, writes nothing, and exits 0', async () => {
        const r = await runCli(['plan', '--rules', RULES, ...target()], env);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^Plan for cli-test: scanned [\d,]+ assets/);
        expect(r.stdout).toMatch(/Rule layer-ods — matched [\d,]+ assets: [\d,]+ to bind/);
        expect(r.stdout).toMatch(/\+ bind {6}ods_\S+ \(\S+\) +layer=ods/);
        expect(r.stdout).toContain('Dry run: nothing was written.');
        expect(r.stdout).toContain(`Apply it with: autotag apply --rules ${RULES} --endpoint ${emulator.url}`);
        expect(r.stderr).toContain('Scanning:');
        expect(emulator.calls().writeCalls).toBe(0);
      });

      it('with --json streams the plan as JSON lines, every binding then the report, and no progress', async () => {
        const r = await runCli(['plan', '--rules', RULES, '--json', ...target()], env);
        expect(r.code).toBe(0);
        const { records, bindings, report } = jsonLines(r.stdout);
        expect(records[0]).toMatchObject({ kind: 'plan', formatVersion: 1, runId: report.runId, ruleSetHash: report.ruleSetHash, dryRun: true });
        expect(report.dryRun).toBe(true);
        expect(bindings.length).toBe(report.plan.bind + report.plan.present + report.plan.conflict);
        expect(report.plan.plannedWrites).toBeGreaterThan(0);
        expect(report.planDetail).toBeUndefined();
        expect(r.stderr).toBe('');
      });

      it('narrows the run with --rule', async () => {
        const r = await runCli(['plan', '--rules', RULES, '--json', '--rule', 'public-ads', ...target()], env);
        const { bindings } = jsonLines(r.stdout);
        expect(new Set(bindings.map((b) => b.ruleId))).toEqual(new Set(['public-ads']));
      });

      it('narrows the run to workspaces with --project', async () => {
        const r = await runCli(['plan', '--rules', RULES, '--json', '--project', '91234', '10003', ...target()], env);
        const { bindings } = jsonLines(r.stdout);
        expect(bindings.length).toBeGreaterThan(0);
        expect(new Set(bindings.map((b) => b.projectId))).toEqual(new Set([91234, 10003]));
      });

      it('keeps table details across runs in --table-cache, and reads them all again with --no-table-cache', async () => {
        // narrowed to a workspace, a run reads the workspace of every untagged table it lists (GetTable)
        const narrowed = ['plan', '--rules', RULES, '--json', '--project', '91234', ...target()];
        const cache = join(dir, 'table-cache');
        const getTables = async (args: string[]) => {
          emulator.resetStats();
          const r = await runCli([...narrowed, ...args], env);
          expect(r.code).toBe(0);
          return { calls: emulator.calls().byAction.GetTable?.calls ?? 0, bindings: jsonLines(r.stdout).bindings.length };
        };
        const first = await getTables(['--table-cache', cache]);
        expect(first.calls).toBeGreaterThan(0);
        expect(await getTables(['--table-cache', cache, '--table-cache-ttl', '7d'])).toEqual({ calls: 0, bindings: first.bindings });
        expect(await getTables(['--no-table-cache'])).toEqual(first);
      });

      it('exits 2 on a --table-cache-ttl that is not a duration', async () => {
        const r = await runCli(['plan', '--rules', RULES, '--table-cache-ttl', '7', ...target()], env);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/--table-cache-ttl.*whole number and a unit/);
      });

      it('exits 2 on a --rule the rule set does not have', async () => {
        const r = await runCli(['plan', '--rules', RULES, '--rule', 'nope', ...target()], env);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('no rule "nope"');
      });

      it('never prints the AccessKey secret', async () => {
        const r = await runCli(['plan', '--rules', RULES, '--log-level', 'debug', ...target()], env);
        expect(r.code).toBe(0);
        expect(r.stdout + r.stderr).not.toContain(emulator.credentials.accessKeySecret);
      });
    });

    describe('apply', () => {
      it('exits 3 when the plan exceeds settings.maxBindings, and writes nothing', async () => {
        const r = await runCli(['apply', '--rules', rulesWithMaxBindings(1), ...applyTarget()], env);
        expect(r.code).toBe(3);
        expect(r.stdout).toMatch(/Stopped before any write: the run would write [\d,]+ bindings, more than the limit of 1/);
        expect(emulator.calls().writeCalls).toBe(0);
      });

      it('exits 3 with --max-bindings below the plan, and reports it in --json', async () => {
        const r = await runCli(['apply', '--rules', RULES, '--max-bindings', '0', '--json', ...applyTarget()], env);
        expect(r.code).toBe(3);
        expect(JSON.parse(r.stdout)).toMatchObject({ status: 'blocked', stoppedBy: { code: 'GUARD_BLAST_RADIUS' } });
      });

      it('--dry-run plans only', async () => {
        const r = await runCli(['apply', '--rules', RULES, '--dry-run', '--json', ...applyTarget()], env);
        expect(r.code).toBe(0);
        expect(jsonLines(r.stdout).report).toMatchObject({ dryRun: true });
        expect(emulator.calls().writeCalls).toBe(0);
      });

      it('applies the plan (exit 0), and a second run finds nothing left to write', async () => {
        const auditLog = join(dir, 'audit.jsonl');
        const first = await runCli(['apply', '--rules', RULES, '--audit-log', auditLog, ...applyTarget()], env);
        expect(first.code).toBe(0);
        expect(first.stdout).toMatch(/Done: applied [\d,]+ · skipped [\d,]+ · failed 0\./);
        const applied = Number(/Done: applied ([\d,]+)/.exec(first.stdout)![1].replace(/,/g, ''));
        const audit = readFileSync(auditLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditRecord);
        // one line per applied change; before each overwrite's unbind, its intent (issue 10, defect 3)
        const [intents, changes] = [audit.filter((r) => r.kind === 'intent'), audit.filter((r) => r.kind !== 'intent')];
        expect(changes).toHaveLength(applied);
        expect(intents.length).toBeGreaterThan(0);
        for (const i of intents) expect(changes).toContainEqual(expect.objectContaining({ kind: 'binding', assetId: i.assetId, key: i.key, oldValue: i.oldValue, newValue: i.newValue }));
        expect(audit[0]).toEqual(expect.objectContaining({ trigger: 'cli', assetId: expect.any(String), key: expect.any(String), newValue: expect.any(String), ruleId: expect.any(String), runId: expect.any(String) }));
        expect(first.stdout).toMatch(/API calls: [\d,]+ \(.*TagDataAssets \d+/);
        expect(emulator.calls().writeCalls).toBeGreaterThan(0);

        emulator.resetStats();
        const again = await runCli(['apply', '--rules', RULES, '--json', ...applyTarget()], env);
        expect(again.code).toBe(0);
        const report = JSON.parse(again.stdout) as RunReport;
        expect(report.plan.plannedWrites).toBe(0);
        expect(report.result.applied).toBe(0);
        expect(emulator.calls().writeCalls).toBe(0);
      });
    });
  });

  describe('invoke', () => {
    let emulator: Emulator;
    /** the repository's sample events (test/fixtures/events) */
    const event = (name: string) => join(FIXTURES_DIR, 'events', name);

    beforeAll(async () => {
      emulator = await startEmulator({ assets: 300, seed: 5, readQps: 0, writeQps: 0 });
    });
    afterAll(() => emulator.stop());

    it('runs the events function on a sample event: the result on stdout, its logs on stderr', async () => {
      const r = await runCli(
        ['invoke', 'events', '--event', event('eventbridge-dataworks-node-change-created.json'), '--rules', RULES, '--endpoint', emulator.url, '--json'],
        credentialsEnv(emulator.credentials),
      );
      expect(r.code).toBe(0);
      const result = JSON.parse(r.stdout) as { targets: number; report: RunReport };
      expect(result.targets).toBe(1);
      expect(result.report.result.applied).toBe(1);
      expect(r.stderr).toContain('"level":"info"');
      expect(emulator.catalog().bindings).toContainEqual(expect.objectContaining({ assetId: '700000000003', key: 'layer', value: 'ods' }));
    });

    it('runs the events function on a batch with an unknown and an invalid asset: the rest applied, both reported, exit 0', async () => {
      const sample = JSON.parse(readFileSync(event('eventbridge-dataworks-table-commit.json'), 'utf8'));
      const commit = (id: string, tableName: string, maxComputeProject: string) => ({ ...sample, id, data: { ...sample.data, tableName, maxComputeProject } });
      const batch = join(dir, 'batch.json');
      const node = JSON.parse(readFileSync(event('eventbridge-dataworks-node-change-created.json'), 'utf8'));
      writeFileSync(batch, JSON.stringify([node, commit('c-unknown', 'no_such_table', 'sales_dw'), commit('c-invalid', 't1', 'no_such_project')]));
      // a 4 s budget leaves the function one short wait for the unknown table before it reports it
      const args = ['invoke', 'events', '--event', batch, '--rules', RULES, '--endpoint', emulator.url, '--timeout', '4'];
      const r = await runCli([...args, '--json'], credentialsEnv(emulator.credentials));
      expect(r.code).toBe(0);
      const result = JSON.parse(r.stdout);
      expect(result).toMatchObject({
        targets: 3,
        report: { status: 'ok', result: { failed: 0 } },
        notFound: [{ asset: 'table sales_dw.no_such_table', ref: { kind: 'table', maxcomputeProject: 'sales_dw', tableName: 'no_such_table' }, attempts: 1 }],
        invalid: [{ asset: 'table no_such_project.t1', code: 'InvalidParameter.ParentMetaEntityId.NotFound' }],
      });
      const text = await runCli(args, credentialsEnv(emulator.credentials));
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^Not found: table sales_dw\.no_such_table \(looked for in 1 invocation\)$/m);
      expect(text.stdout).toMatch(/^Refused by the API \(dropped\): table no_such_project\.t1: InvalidParameter\.ParentMetaEntityId\.NotFound$/m);
    });

    it('runs the scheduled function on the timer sample, with the rule set it names', async () => {
      writeFileSync(join(dir, 'default.yaml'), readFileSync(RULES, 'utf8'));
      const r = await runCli(['invoke', 'scheduled', '--event', event('timer.json'), '--rules', join(dir, 'default.yaml'), '--endpoint', emulator.url], credentialsEnv(emulator.credentials));
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Done: applied [\d,]+/);
    });

    it("shows a function's configuration error as such and exits 2, though the function's bundle built it", async () => {
      const r = await runCli(['invoke', 'scheduled', '--event', event('timer.json'), '--endpoint', emulator.url], {
        ...credentialsEnv(emulator.credentials),
        AUTOTAG_SHARDS: 'yes',
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Invalid configuration:');
      expect(r.stderr).toContain('AUTOTAG_SHARDS: is not a variable autotag reads');
      expect(r.stderr).not.toContain('a bug in autotag');
    });

    it('exits 1 with the incomplete run named when the time budget runs out, not as a bug', async () => {
      // a 1 s timeout leaves no time after the deadline margin: no call starts, the run reports the deadline
      const r = await runCli(['invoke', 'scheduled', '--event', event('timer.json'), '--rules', RULES, '--endpoint', emulator.url, '--timeout', '1'], credentialsEnv(emulator.credentials));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/did not complete \(deadline\)/);
      expect(r.stderr).not.toContain('a bug in autotag');
    });

    it('exits 2 for a function that is not built', async () => {
      const r = await runCli(['invoke', 'nope', '--event', event('timer.json')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('no built function "nope"');
    });
  });

  describe('a binding that fails', () => {
    let emulator: Emulator;

    /** `ods_full` already carries the 20 tags an asset may have, so binding `layer` to it must fail. */
    function fullCatalog(): Catalog {
      const base = generateCatalog({ assets: 3, seed: 1 });
      const keys = Array.from({ length: 20 }, (_, i) => `k${i + 1}`);
      const table = (name: string) => ({ ...base.tables[0], id: tableAssetId('sales_dw', name), name });
      return {
        ...base,
        tagKeys: [...base.tagKeys, ...keys.map((key) => ({ ...base.tagKeys[0], key, values: [] }))],
        tables: [table('ods_full'), table('ods_ok')],
        tasks: [],
        bindings: keys.map((key) => ({ assetId: tableAssetId('sales_dw', 'ods_full'), assetType: 'ACS::DataWorks::Table' as const, key, value: 'v' })),
      };
    }

    beforeAll(async () => {
      emulator = await startEmulator({ catalog: fullCatalog(), readQps: 0, writeQps: 0 });
    });
    afterAll(() => emulator.stop());

    it('exits 1 and names the failed asset and the reason', async () => {
      const r = await runCli(['apply', '--rules', RULES, '--rule', 'layer-ods', '--endpoint', emulator.url, ...FAST], credentialsEnv(emulator.credentials));
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('Finished with failures: applied 1 · skipped 0 · failed 1.');
      expect(r.stdout).toContain('more than the limit of 20');
      expect(r.stdout).toContain(`assets: ${tableAssetId('sales_dw', 'ods_full')}`);
    });
  });

  describe('emulator', () => {
    it('prints one JSON line with the URL and AccessKey pair, serves plan calls, and stops on SIGTERM', async () => {
      const child = startCli(['emulator', '--assets', '200', '--read-qps', '0', '--write-qps', '0']);
      const done = finished(child);
      try {
        const firstLine = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
        const line = JSON.parse(firstLine) as { url: string; endpoint: string; accessKeyId: string; accessKeySecret: string };
        expect(line.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(line.endpoint).toBe(line.url.slice('http://'.length));

        const plan = await runCli(['plan', '--rules', RULES, '--endpoint', line.url, '--json', ...FAST_READS], credentialsEnv(line));
        expect(plan.stderr).toBe('');
        expect(plan.code).toBe(0);
        expect(jsonLines(plan.stdout).report.plan.assetsEvaluated).toBeGreaterThan(0);
      } finally {
        child.kill('SIGTERM');
      }
      const r = await done;
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('emulator stopped');
      expect(r.stdout.trim().split('\n')).toHaveLength(1);
    });
  });
});
