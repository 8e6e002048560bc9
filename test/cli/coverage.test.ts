/**
 * Coverage through the built CLI as a process against the emulator: `autotag coverage` counts the catalog as it
 * is, key by key and value by value, per workspace, env and asset type, the same numbers in text, JSON and the
 * page, with a workspace a rule names but no source lists counted apart (its size asked of ListTasks); `plan`
 * and `apply` end their report with a short summary, write the page or the JSON with `--coverage`, and say
 * nothing of it with `--no-coverage`. The expected numbers are counted here from the emulator's own catalog.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalog } from '../../emulator';
import type { CoverageReport } from '../../shared/coverage';
import { emulatorForSuite, runCli } from './built-cli';

const RULES = `
version: 1
name: coverage-test
tagKeys:
  - key: layer
    values: [ods, dwd, dws, ads, dim]
  - key: classification
    values: [public, internal, confidential, restricted]
sources:
  tasks: { projects: [91234], env: [Prod] }
rules:
  - id: layer-ods
    match: { type: task, name: "ods_*" }
    tags: { layer: ods }
  - id: sandbox-tasks
    description: names workspace 10001 in Dev, which no source lists
    match: { type: task, env: Dev, projects: [10001] }
    tags: { classification: internal }
`;
const READS = ['--read-qps', '1000'];

/** What the rule set's one source lists, and the tags each carries, counted from the emulator's catalog. */
function expected(catalog: Catalog) {
  const tasks = catalog.tasks.filter((t) => t.projectId === 91234 && t.projectEnv === 'Prod');
  const ids = new Set(tasks.map((t) => String(t.id)));
  const bound = catalog.bindings.filter((b) => ids.has(b.assetId));
  const carrying = (key: string) => new Set(bound.filter((b) => b.key === key).map((b) => b.assetId)).size;
  const valued = (key: string, value: string) => bound.filter((b) => b.key === key && b.value === value).length;
  const sandbox = catalog.tasks.filter((t) => t.projectId === 10001 && t.projectEnv === 'Dev').length;
  return { assets: tasks.length, carrying, valued, sandbox };
}

describe('cli: coverage', () => {
  const suite = emulatorForSuite({ assets: 600, seed: 3 });
  let dir: string;
  let rules: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'autotag-cli-coverage-'));
    rules = join(dir, 'rules.yaml');
    writeFileSync(rules, RULES);
  });
  const target = () => ['--rules', rules, '--endpoint', suite.emulator.url, ...READS];

  it('autotag coverage --format json: the catalog as it is, key by key and value by value, reading only', async () => {
    const want = expected(suite.emulator.catalog());
    suite.emulator.resetStats();
    const r = await runCli(['coverage', ...target(), '--format', 'json'], suite.env);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as CoverageReport;
    expect(json).toMatchObject({ formatVersion: 1, report: 'coverage', run: { ruleSet: 'coverage-test', trigger: 'cli', dryRun: false } });
    expect(json.overall.assets).toBe(want.assets);
    expect(json.overall.keys.map((k) => [k.key, k.declared, k.assets])).toEqual(
      expect.arrayContaining([
        ['layer', true, want.carrying('layer')],
        ['classification', true, want.carrying('classification')],
      ]),
    );
    for (const k of json.overall.keys) for (const v of k.values) expect([k.key, v.value, v.assets]).toEqual([k.key, v.value, want.valued(k.key, v.value)]);
    // one workspace, env and type scanned: each breakdown has it, with every asset, and the unscanned scope's slice with none
    expect(json.dimensions.workspace.map((s) => [s.value, s.assets])).toEqual([['91234', want.assets], ['10001', 0]]);
    expect(json.dimensions.env.map((s) => [s.value, s.assets])).toEqual([['Prod', want.assets], ['Dev', 0]]);
    expect(json.dimensions.kind.map((s) => [s.value, s.assets])).toEqual([['task', want.assets]]);
    // the workspace a rule names that no source lists: counted apart, its size from ListTasks
    expect(want.sandbox).toBeGreaterThan(0);
    expect(json.unscanned).toMatchObject({ assets: want.sandbox, uncountedPartitions: 0, byReason: [{ reason: 'source-not-configured', partitions: 1, assets: want.sandbox }] });
    expect(json.unscanned.partitions).toEqual([{ reason: 'source-not-configured', partition: 'tasks 10001 Dev', kind: 'task', projectId: 10001, envType: 'Dev', assets: want.sandbox }]);
    expect(json.dimensions.workspace.find((s) => s.value === '10001')).toMatchObject({ assets: 0, unscanned: { assets: want.sandbox } });
    expect(suite.emulator.calls().writeCalls).toBe(0);
  });

  it('prints the same numbers as text, and writes the page with --out', async () => {
    const want = expected(suite.emulator.catalog());
    const text = await runCli(['coverage', ...target()], suite.env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^Scanned ${want.assets.toLocaleString('en-US')} assets;`, 'm'));
    expect(text.stdout).toMatch(new RegExp(`^layer\\*\\s+${want.carrying('layer')}\\s`, 'm'));
    expect(text.stdout).toMatch(new RegExp(`^Not scanned \\(counted apart, in no share above\\): ${want.sandbox} assets$`, 'm'));
    expect(text.stdout).toContain('- tasks 10001 Dev: no source reads it');

    const page = join(dir, 'coverage.html');
    const html = await runCli(['coverage', ...target(), '--format', 'html', '--out', page], suite.env);
    expect(html).toMatchObject({ code: 0, stdout: '' });
    expect(html.stderr).toContain(`autotag: coverage (html) written to ${page}`);
    expect(readFileSync(page, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('--planned counts the tags as an apply would leave them', async () => {
    const r = await runCli(['coverage', ...target(), '--format', 'json', '--planned'], suite.env);
    const json = JSON.parse(r.stdout) as CoverageReport;
    expect(json.run.dryRun).toBe(true);
    const layer = json.overall.keys.find((k) => k.key === 'layer')!;
    const ods = suite.emulator.catalog().tasks.filter((t) => t.projectId === 91234 && t.projectEnv === 'Prod' && t.name.startsWith('ods_')).length;
    expect(layer.values.find((v) => v.value === 'ods')!.assets).toBeGreaterThanOrEqual(ods);
  });

  it('plan ends its report with the summary; --coverage writes the JSON; --no-coverage says nothing of it', async () => {
    const want = expected(suite.emulator.catalog());
    const file = join(dir, 'plan-coverage.json');
    const plan = await runCli(['plan', ...target(), '--coverage', file], suite.env);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(`Coverage of the ${want.assets} assets evaluated (tags as the plan would leave them):`);
    expect(plan.stdout).toMatch(/^ {2}Not scanned, counted apart: 1 partition not counted\.$/m);
    // the summary sits between the report and what to do next
    expect(plan.stdout.indexOf('Coverage of the')).toBeLessThan(plan.stdout.indexOf('Apply it with:'));
    expect(plan.stderr).toContain(`autotag: coverage report written to ${file}`);
    const json = JSON.parse(readFileSync(file, 'utf8')) as CoverageReport;
    expect(json.overall.assets).toBe(want.assets);
    expect(json.run.dryRun).toBe(true);

    const quiet = await runCli(['plan', ...target(), '--no-coverage'], suite.env);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('Coverage of the');
    expect(quiet.stdout).toContain('Apply it with:');
  });

  it('apply --json keeps stdout one JSON document and still writes the page', async () => {
    const page = join(dir, 'apply.html');
    const r = await runCli(['apply', ...target(), '--write-qps', '500', '--json', '--coverage', page], suite.env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'ok', dryRun: false });
    expect(readFileSync(page, 'utf8')).toContain('as they are after the run');
  });

  it('refuses a --coverage file that names no format, before any call', async () => {
    suite.emulator.resetStats();
    const r = await runCli(['plan', ...target(), '--coverage', join(dir, 'coverage.txt')], suite.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('must end in .html (the page) or .json (the report)');
    expect(suite.emulator.calls().total).toBe(0);
  });
});
