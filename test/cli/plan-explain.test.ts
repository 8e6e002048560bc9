/**
 * `plan --explain`, through the built CLI against the explain tests' catalog (the demo's, with dim_customer
 * tagged by hand) and rules/governance.yaml: for each asset named, the explanation `autotag explain` prints,
 * taken from the plan's own evaluation (no call more than the plan makes), after the text plan and as
 * `explanation` records in the JSON lines (an owner the plan did not read, since no answer could change what it
 * writes, is said to be so where `explain` reads it); a name the plan never saw is said to be so, and only a plan that
 * saw none of the names exits 1. A saved plan with explanations applies as one without.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXED_TABLES, startEmulator, type Emulator } from '../../emulator';
import type { ExplainDocument } from '../../cli/render/explain';
import type { PlanRecord } from '../../shared/engine';
import { DIM_CUSTOMER, explainCatalog } from '../support/explain-catalog';
import { jsonLines } from '../support/plan-lines';
import { credentialsEnv, ROOT, runCli } from './built-cli';

const GOVERNANCE = join(ROOT, 'rules', 'governance.yaml');
const TMP_UPLOAD = FIXED_TABLES[1];

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ catalog: explainCatalog(), readQps: 0, writeQps: 0 });
});
afterAll(() => emulator.stop());

/** A command against the emulator, with the calls it made. */
async function run(...args: string[]) {
  emulator.resetStats();
  const r = await runCli([...args, '--rules', GOVERNANCE, '--endpoint', emulator.url, '--read-qps', '1000'], credentialsEnv(emulator.credentials));
  const calls = Object.fromEntries(Object.entries(emulator.calls().byAction).map(([action, s]) => [action, s.calls]));
  return { ...r, calls };
}

/** The explanation block of `id` in a command's text: from its head line to the next block or summary. */
function block(stdout: string, id: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.includes(` · ${id}`));
  expect(start).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && /^(Explained |Dry run:|✗ |table |task )/.test(l));
  const out = lines.slice(start, end);
  while (out[out.length - 1] === '') out.pop();
  return out;
}

describe('plan --explain (built, run as a process)', () => {
  it('shows after the text plan the same explanation autotag explain prints, from the plan\'s own reads', async () => {
    const explained = await run('explain', TMP_UPLOAD.id);
    expect(explained.code).toBe(0);
    const plain = await run('plan');
    const r = await run('plan', '--explain', TMP_UPLOAD.id);
    expect(r.code).toBe(0);
    expect(block(r.stdout, TMP_UPLOAD.id)).toEqual(block(explained.stdout, TMP_UPLOAD.id));
    // its owner decides a binding: the plan read it, once, and nothing was read again to explain it
    expect(block(r.stdout, TMP_UPLOAD.id)).toContain("  details     fetched, because a rule's outcome depended on them");
    expect(r.calls).toEqual(plain.calls);
    expect(r.stdout.indexOf(`· ${TMP_UPLOAD.id}`)).toBeGreaterThan(r.stdout.indexOf('Total:'));
    expect(r.stdout.indexOf(`· ${TMP_UPLOAD.id}`)).toBeLessThan(r.stdout.indexOf('Dry run: nothing was written.'));
  });

  it('explains an asset whose owner the plan did not read as the plan evaluated it, where autotag explain reads it', async () => {
    // dim_customer carries team=bi: whoever owns it, the owner rule's binding is a conflict it skips
    const r = await run('plan', '--explain', DIM_CUSTOMER.id);
    const planned = block(r.stdout, DIM_CUSTOMER.id);
    expect(planned).toContain("  details     not fetched: no rule's outcome depended on them");
    expect(planned).toContain('  ? team-growth-tables — depends on details not fetched: no answer would change what a plan writes');
    expect(planned.slice(-2)).toEqual(['  A plan would:', '    + bind      layer=dim  (rule layer-dim)']);
    expect(block((await run('explain', DIM_CUSTOMER.id)).stdout, DIM_CUSTOMER.id)).toContain("  details     fetched, because a rule's outcome depended on them");
  });

  it('streams the explanation as a record of the JSON lines, the same as autotag explain --json has', async () => {
    const doc = JSON.parse((await run('explain', '--json', TMP_UPLOAD.id)).stdout) as ExplainDocument;
    const r = await run('plan', '--json', '--explain', TMP_UPLOAD.id, '--explain', 'no_such_asset');
    expect(r.code).toBe(0);
    const { records } = jsonLines(r.stdout);
    const explanations = records.filter((x): x is PlanRecord & { kind: 'explanation' } => x.kind === 'explanation');
    const [named] = doc.assets;
    expect(named.outcome).toBe('explained');
    expect(explanations).toEqual([
      { kind: 'explanation', input: TMP_UPLOAD.id, outcome: 'explained', explanation: named.outcome === 'explained' ? named.explanation : undefined },
      { kind: 'explanation', input: 'no_such_asset', outcome: 'not-in-plan' },
    ]);
  });

  it('says of a name the plan never saw that it did not, and exits 1 only when it saw none of them', async () => {
    const some = await run('plan', '--explain', 'no_such_asset', '--explain', DIM_CUSTOMER.name);
    expect(some.code).toBe(0);
    expect(some.stdout).toContain('✗ "no_such_asset": not in this plan: no asset it evaluated has this id or name');
    expect(some.stdout).toContain(`table dim_customer · ${DIM_CUSTOMER.id}`);
    const none = await run('plan', '--explain', 'no_such_asset');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('none of the assets named with --explain was in the plan');
  });

  it('saves the explanations with the plan, and applies that plan as any other', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'autotag-plan-explain-')), 'plan.jsonl');
    expect((await run('plan', '--out', out, '--explain', DIM_CUSTOMER.id)).code).toBe(0);
    const r = await run('apply', '--plan', out, '--write-qps', '500', '--max-bindings', '100000');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Done: applied [1-9][\d,]* ·/);
  });

  it('exits 2 on --explain with --format csv, and on a run that writes, before any call', async () => {
    for (const args of [['plan', '--format', 'csv'], ['apply']]) {
      const r = await run(...args, '--explain', DIM_CUSTOMER.id);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--explain: ');
      expect(r.calls).toEqual({});
    }
  });
});
