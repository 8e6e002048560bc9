/**
 * The table-details cache across runs, against the emulator: a re-run over an unchanged catalog reads (almost)
 * no table again, a table whose ModifyTime moved is read again, an owner handed over without a ModifyTime
 * change is found once its entry expires (within the TTL), and damaged cache files cost reads, never a run.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalog } from '../../emulator';
import { fakeClock } from '../../shared/clock';
import { createTableDetailsCache, directoryStore, DEFAULT_TABLE_CACHE_TTL_MS } from '../../shared/discovery';
import { runRules, type RunReport } from '../../shared/engine';
import { startHarness, type Harness } from '../support/harness';
import { aliceTablesRuleSet, catalogWithoutTeam } from '../support/rule-sets';

const ruleSet = aliceTablesRuleSet(['sales_dw', 'sales_dw_dev', 'user_dw', 'user_dw_dev', 'trade_dw', 'trade_dw_dev', 'mkt_dw', 'mkt_dw_dev']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('discovery: the table-details cache across runs', () => {
  // every table's owner is read, so what the cache saves is every GetTable
  const catalog = catalogWithoutTeam({ assets: 600, seed: 13 });
  const dir = mkdtempSync(join(tmpdir(), 'autotag-table-cache-'));
  const clock = fakeClock(Date.UTC(2026, 2, 1));
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ catalog });
  });
  afterAll(() => h.stop());

  /** One dry run as a new process would make it: a fresh cache over the same directory. */
  const run = async (harness: Harness, cacheDir = dir): Promise<{ report: RunReport; getTables: number }> => {
    harness.emulator.resetStats();
    const tableDetails = createTableDetailsCache({ store: directoryStore(cacheDir), clock, scope: 'emulator' });
    const report = await runRules({ ruleSet, trigger: 'cli', dryRun: true }, { ...harness.deps(), tableDetails });
    return { report, getTables: harness.emulator.calls().byAction.GetTable?.calls ?? 0 };
  };
  const bound = (r: RunReport) => r.planDetail!.bindings.map((b) => b.assetId).sort();
  const aliceTables = (c: Catalog) => c.tables.filter((t) => t.owner === 'alice').map((t) => t.id).sort();

  let first: { report: RunReport; getTables: number };
  beforeAll(async () => {
    first = await run(h);
  });

  it('a re-run over the unchanged catalog makes at most 5 % of the first run\'s GetTable calls, and plans the same', async () => {
    expect(first.getTables).toBe(catalog.tables.length);
    const again = await run(h);
    expect(again.getTables).toBeLessThanOrEqual(first.getTables * 0.05);
    expect(bound(again.report)).toEqual(bound(first.report));
    expect(bound(again.report)).toEqual(aliceTables(catalog));
  });

  describe('a changed catalog', () => {
    // the first five tables change with their ModifyTime; the next five change owner and nothing else
    const changed: Catalog = {
      ...catalog,
      tables: catalog.tables.map((t, i) => (i < 5 ? { ...t, owner: 'alice', modifyTime: t.modifyTime + 60_000 } : i < 10 ? { ...t, owner: t.owner === 'alice' ? 'bob' : 'alice' } : t)),
    };
    let h2: Harness;
    beforeAll(async () => {
      h2 = await startHarness({ catalog: changed });
    });
    afterAll(() => h2.stop());

    it('reads again exactly the tables whose ModifyTime moved, and sees their new owners', async () => {
      const r = await run(h2);
      expect(r.getTables).toBe(5);
      const ids = new Set(bound(r.report));
      for (const t of changed.tables.slice(0, 5)) expect(ids.has(t.id)).toBe(true);
      // an owner handed over without a ModifyTime change is not seen yet
      for (const t of catalog.tables.slice(5, 10)) expect(ids.has(t.id)).toBe(t.owner === 'alice');
    });

    it('reads nothing again before half the TTL, and everything once the TTL has passed: the handed-over owners are found', async () => {
      clock.advance(DEFAULT_TABLE_CACHE_TTL_MS * 0.49);
      expect((await run(h2)).getTables).toBe(0);
      clock.advance(DEFAULT_TABLE_CACHE_TTL_MS * 0.52);
      const r = await run(h2);
      expect(r.getTables).toBe(changed.tables.length);
      expect(bound(r.report)).toEqual(aliceTables(changed));
    });

    it('between half the TTL and the TTL, re-reads are spread over time, not all on one day', async () => {
      const spreadDir = mkdtempSync(join(tmpdir(), 'autotag-table-cache-'));
      await run(h2, spreadDir);
      const reads: number[] = [];
      for (let day = 1; day <= 7; day++) {
        clock.advance(DEFAULT_TABLE_CACHE_TTL_MS / 7);
        reads.push((await run(h2, spreadDir)).getTables);
      }
      expect(reads.slice(0, 3)).toEqual([0, 0, 0]);
      expect(Math.max(...reads)).toBeLessThan(changed.tables.length * 0.6);
      expect(reads.reduce((n, r) => n + r, 0)).toBeGreaterThanOrEqual(changed.tables.length);
    });
  });

  it('survives damaged files: a truncated or foreign file is a miss, and the next flush replaces it', async () => {
    const damagedDir = mkdtempSync(join(tmpdir(), 'autotag-table-cache-'));
    await run(h, damagedDir);
    const files = filesUnder(damagedDir);
    expect(files.length).toBeGreaterThan(8);
    files.forEach((file, i) => {
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, i % 2 ? text.slice(0, text.length / 2) : JSON.stringify({ format: 'something-else', entries: [] }));
    });
    const damaged = await run(h, damagedDir);
    expect(damaged.report.status).toBe('ok');
    expect(damaged.getTables).toBe(catalog.tables.length);
    expect(bound(damaged.report)).toEqual(aliceTables(catalog));
    expect((await run(h, damagedDir)).getTables).toBe(0);
  });

  it('a store it cannot use is logged once and the run goes on without it', async () => {
    const notADir = join(mkdtempSync(join(tmpdir(), 'autotag-table-cache-')), 'file');
    writeFileSync(notADir, 'not a directory');
    const warnings: unknown[] = [];
    const logger = { ...h.deps().logger, warn: (msg: string, fields?: unknown) => void warnings.push({ msg, fields }) };
    const tableDetails = createTableDetailsCache({ store: directoryStore(notADir), clock, scope: 'emulator', logger });
    const report = await runRules({ ruleSet, trigger: 'cli', dryRun: true }, { ...h.deps({ logger }), tableDetails });
    expect(report.status).toBe('ok');
    expect(bound(report)).toEqual(aliceTables(catalog));
    expect(warnings.filter((w) => JSON.stringify(w).includes('table-details cache'))).toHaveLength(1);
  });
});
