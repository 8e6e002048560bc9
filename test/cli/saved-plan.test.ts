/**
 * Plans a team can review, through the built CLI against the emulator: `plan --out` saves the JSON lines
 * `--json` streams (written whole or not at all) while the terminal shows the text plan; `apply --plan`
 * applies exactly that plan (the emulator's catalog compared), reads no source, leaves alone and reports what
 * drifted since, and stays under the blast-radius guard; a plan it must not apply (the rule file changed,
 * another API, incomplete, not a plan, a newer format) is refused with exit 2 before any call.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator';
import { startHoldingProxy, type HoldingProxy } from '../support/holding-proxy';
import { jsonLines } from '../support/plan-lines';
import { credentialsEnv, finished, harnessForEachTest, ROOT, runCli, startCli, stderrSays } from './built-cli';

const RULES = join(ROOT, 'test', 'cli', 'fixtures', 'rules.yaml');
const READS = ['--read-qps', '1000'];
const WRITES = ['--write-qps', '500'];

let dir: string;
let n = 0;
const file = (name: string) => join(dir, `${++n}-${name}`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'autotag-saved-plan-'));
});

describe('cli: plan --out, apply --plan', () => {
  const each = harnessForEachTest({ assets: 400, seed: 11 });

  const target = () => ['--endpoint', each.h.emulator.url, ...READS];
  const bound = () => new Set(each.h.emulator.catalog().bindings.map((b) => `${b.assetId} ${b.key}=${b.value}`));
  async function savePlan(args: string[] = []) {
    const out = file('plan.jsonl');
    const r = await runCli(['plan', '--rules', RULES, '--out', out, ...target(), ...args], each.env);
    return { out, r, saved: jsonLines(readFileSync(out, 'utf8')) };
  }

  it('saves exactly the JSON lines --json streams, while the terminal shows the text plan, and leaves no temporary file', async () => {
    const { out, r, saved } = await savePlan();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Plan for cli-test: scanned/);
    expect(r.stdout).toContain(`Apply exactly this plan with: autotag apply --rules ${RULES} --plan ${out} --endpoint ${each.h.emulator.url}`);
    expect(r.stderr).toContain(`saved the plan to ${out}`);
    expect(saved.records[0]).toMatchObject({ kind: 'plan', formatVersion: 1, runId: saved.report.runId, endpoint: each.h.emulator.url, dryRun: true });
    expect(saved.bindings).toHaveLength(saved.report.plan.bind + saved.report.plan.present + saved.report.plan.conflict);
    expect(saved.report).toMatchObject({ formatVersion: 1, status: 'ok', sourceErrors: [] });

    const json = file('plan.jsonl');
    const streamed = await runCli(['plan', '--rules', RULES, '--json', '--out', json, ...target()], each.env);
    expect(streamed.code).toBe(0);
    expect(readFileSync(json, 'utf8')).toBe(streamed.stdout);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('applies exactly the saved plan: its writes and nothing else, reading no source, not even an asset that appeared since', async () => {
    // an asset the rules would tag, hidden while planning: a new plan would tag it, the saved one must not
    const first = jsonLines((await runCli(['plan', '--rules', RULES, '--json', ...target()], each.env)).stdout);
    const newcomer = first.bindings.find((b) => b.action === 'bind')!;
    each.h.emulator.delayAsset({ assetId: newcomer.assetId, visibleInMs: 3_600_000 });
    const { out, saved } = await savePlan();
    each.h.emulator.revealAsset(newcomer.assetId);
    expect(saved.bindings.some((b) => b.assetId === newcomer.assetId)).toBe(false);

    const before = bound();
    const writes = saved.bindings.filter((b) => b.action === 'bind' || b.resolution === 'overwrite');
    expect(writes.length).toBeGreaterThan(10);
    expect(writes.some((b) => b.resolution === 'overwrite')).toBe(true);
    const expected = new Set(before);
    for (const b of writes) {
      if (b.currentValue !== undefined) expected.delete(`${b.assetId} ${b.key}=${b.currentValue}`);
      expected.add(`${b.assetId} ${b.key}=${b.value}`);
    }
    each.h.emulator.resetStats();
    const r = await runCli(['apply', '--rules', RULES, '--plan', out, ...target(), ...WRITES], each.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Planned: the saved plan ${out} (`);
    expect(r.stdout).toContain(`Done: applied ${writes.length} ·`);
    expect(bound()).toEqual(expected);
    const calls = each.h.emulator.calls().byAction;
    expect([calls.ListTables?.calls ?? 0, calls.ListTasks?.calls ?? 0, calls.GetTable?.calls ?? 0]).toEqual([0, 0, 0]);
  });

  it('leaves alone, and reports, a binding another writer changed between the plan and its apply', async () => {
    const { out, saved } = await savePlan();
    const victim = saved.bindings.find((b) => b.action === 'bind' && b.key === 'layer' && b.value !== 'dwd')!;
    await each.h.client().tagDataAssets({ dataAssetIds: [victim.assetId], dataAssetType: victim.assetType, tags: [{ key: 'layer', value: 'dwd' }] });

    const r = await runCli(['apply', '--rules', RULES, '--plan', out, ...target(), ...WRITES], each.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Changed by a concurrent writer since the plan, left alone: 1');
    expect(r.stdout).toContain(`~ ${victim.assetId}  layer: planned (unbound), found dwd (rule ${victim.ruleId})`);
    expect(each.h.emulator.catalog().bindings.filter((b) => b.assetId === victim.assetId && b.key === 'layer').map((b) => b.value)).toEqual(['dwd']);
  });

  it('stops a saved plan over the blast-radius limit before its first write, exit 3', async () => {
    const { out } = await savePlan();
    each.h.emulator.resetStats();
    const r = await runCli(['apply', '--rules', RULES, '--plan', out, '--max-bindings', '1', ...target(), ...WRITES], each.env);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('Stopped before any write');
    expect(each.h.emulator.calls().writeCalls).toBe(0);
  });

  it('refuses, before any call, a plan the rule file changed since, naming the fix', async () => {
    const { out } = await savePlan();
    const changed = file('rules.yaml');
    writeFileSync(changed, readFileSync(RULES, 'utf8').replace('maxBindings: 100000', 'maxBindings: 99999'));
    each.h.emulator.resetStats();
    const r = await runCli(['apply', '--rules', changed, '--plan', out, ...target(), ...WRITES], each.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Invalid saved plan ${out} (--plan):`);
    expect(r.stderr).toMatch(/plan\.ruleSetHash: the rule set changed since the plan was made .*: plan again \(autotag plan --out\)/);
    expect(each.h.emulator.calls().total).toBe(0);
  });

  it('refuses, before any call, a plan made against another API', async () => {
    const { out } = await savePlan();
    const other = await startEmulator({ assets: 400, seed: 11, readQps: 0, writeQps: 0 });
    try {
      const r = await runCli(['apply', '--rules', RULES, '--plan', out, '--endpoint', other.url, ...READS, ...WRITES], credentialsEnv(other.credentials));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`the plan was made against ${each.h.emulator.url}, not ${other.url}`);
      expect(other.calls().total).toBe(0);
    } finally {
      await other.stop();
    }
  });

  it('saves a plan that missed a source as incomplete (exit 1), and refuses to apply it', async () => {
    const rules = file('rules.yaml');
    writeFileSync(rules, readFileSync(RULES, 'utf8').replace('maxcomputeProjects: [sales_dw, user_dw]', 'maxcomputeProjects: [sales_dw, user_dw, no_such_dw]'));
    const out = file('plan.jsonl');
    const planned = await runCli(['plan', '--rules', rules, '--out', out, ...target()], each.env);
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain(`saved an incomplete plan (apply --plan refuses it) to ${out}`);
    each.h.emulator.resetStats();
    const r = await runCli(['apply', '--rules', rules, '--plan', out, ...target(), ...WRITES], each.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/report\.sourceErrors: the plan is incomplete: 1 source\(s\) could not be read/);
    expect(each.h.emulator.calls().total).toBe(0);
  });

  it.each([
    ['a plan cut before its report line', (lines: string[]) => lines.slice(0, 5).join('\n'), /report: has no report line at its end/],
    ['a plan of a newer format', (lines: string[]) => [lines[0].replace('"formatVersion":1', '"formatVersion":9'), ...lines.slice(1)].join('\n'), /line 1: is a plan of format 9, written by a newer autotag/],
    ['a file that is not a plan', () => readFileSync(RULES, 'utf8'), /line \d+: is not JSON/],
  ])('refuses %s, before any call', async (_what, edit, message) => {
    const { out } = await savePlan();
    const bad = file('bad.jsonl');
    writeFileSync(bad, edit(readFileSync(out, 'utf8').trimEnd().split('\n')));
    each.h.emulator.resetStats();
    const r = await runCli(['apply', '--rules', RULES, '--plan', bad, ...target(), ...WRITES], each.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(each.h.emulator.calls().total).toBe(0);
  });

  const proxies: HoldingProxy[] = [];
  afterEach(async () => {
    for (const proxy of proxies.splice(0)) {
      proxy.release();
      await proxy.stop();
    }
  });
  /** `plan --out` through a proxy that holds the calls of `held`, once the first is held. */
  async function planHeldAt(held: string) {
    const proxy = await startHoldingProxy(each.h.emulator.url, (action) => action === held);
    proxies.push(proxy);
    const out = file('plan.jsonl');
    const child = startCli(['plan', '--rules', RULES, '--out', out, '--endpoint', proxy.url, ...READS], each.env);
    const done = finished(child);
    await proxy.firstHeld;
    return { proxy, out, child, done };
  }

  it('leaves nothing under the name given when the plan is killed before its end', async () => {
    const { out, child, done } = await planHeldAt('ListTables');
    child.kill('SIGKILL');
    await done;
    expect(existsSync(out)).toBe(false);
  });

  it('saves a plan Ctrl-C cut short as incomplete, and refuses to apply it', async () => {
    // the tagged assets are read first: held there, the tables and tasks are never read once the signal lands
    const { proxy, out, child, done } = await planHeldAt('ListDataAssets');
    const acknowledged = stderrSays(child, 'stopping at a safe point');
    child.kill('SIGINT');
    await acknowledged;
    proxy.release();
    expect((await done).code).toBe(130);
    expect(jsonLines(readFileSync(out, 'utf8')).report).toMatchObject({ status: 'deadline', unread: expect.objectContaining({ partitions: expect.any(Number) }) });
    const r = await runCli(['apply', '--rules', RULES, '--plan', out, '--endpoint', proxy.url, ...READS, ...WRITES], each.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/report\.unread: the plan is incomplete: \d+ partition\(s\) were not read/);
  });

  it.each([
    ['--out to a folder that does not exist', ['plan', '--out', join(tmpdir(), 'no-such-autotag-dir', 'plan.jsonl')], '--out: cannot write'],
    ['--out to a folder', ['plan', '--out', tmpdir()], '--out: '],
    ['--out on a run that writes', ['apply', '--out', 'plan.jsonl'], '--out: saves a plan: use it with autotag plan or apply --dry-run'],
    ['--plan on a dry run', ['apply', '--dry-run', '--plan', RULES], '--plan: applies a saved plan'],
    ['--plan narrowed by --rule', ['apply', '--plan', RULES, '--rule', 'layer-ods'], '--rule: a saved plan is applied as it was made'],
    ['--plan naming no file', ['apply', '--plan', join(tmpdir(), 'no-such-plan.jsonl')], 'does not exist: save a plan with autotag plan --out'],
  ])('exits 2 on %s, before any call', async (_what, [command, ...args], message) => {
    each.h.emulator.resetStats();
    const r = await runCli([command, '--rules', RULES, ...args, ...target()], each.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(each.h.emulator.calls().total).toBe(0);
  });
});
