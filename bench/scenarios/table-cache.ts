/**
 * The table-details cache alone at catalog scale, in this process: a million tables written (a project at a
 * time, as a first run's flushes would), then looked up page by page as a re-run would, with what the loaded
 * shards take in memory (counted, and measured as the growth of heap plus array buffers).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../../shared/clock';
import { createTableDetailsCache, directoryStore } from '../../shared/discovery';
import { round, scratchDir, type Scenario } from './scenario';

const PROJECTS = 10;

function bytesUnder(dir: string): number {
  return readdirSync(dir).reduce((n, name) => {
    const path = join(dir, name);
    const s = statSync(path);
    return n + (s.isDirectory() ? bytesUnder(path) : s.size);
  }, 0);
}

const held = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

export const tableCacheScenario: Scenario = {
  name: 'table-cache-1m',
  description: 'the table-details cache alone: a million tables written, then looked up page by page, and what it holds',
  byDefault: false,
  async run(ctx) {
    const tables = Math.max(1000, Math.round(1_000_000 * ctx.scale));
    const perProject = Math.ceil(tables / PROJECTS);
    const dir = scratchDir('table-cache-1m');
    const store = directoryStore(dir);
    const id = (p: number, i: number) => `maxcompute-table:::bench_project_${p}::ods_table_${i}`;
    ctx.log(`table-cache-1m: writing ${tables} tables`);
    let t = process.hrtime.bigint();
    const writer = createTableDetailsCache({ store, clock: systemClock, scope: 'bench' });
    for (let p = 0; p < PROJECTS; p++) {
      for (let i = 0; i < perProject; i++) writer.remember({ id: id(p, i), modifyTime: 1_700_000_000_000 + i }, { owner: `owner_${i % 500}`, projectId: 10_000 + p, envType: 'Prod' });
      await writer.flush();
    }
    const writeSeconds = Number(process.hrtime.bigint() - t) / 1e9;

    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = held();
    t = process.hrtime.bigint();
    const reader = createTableDetailsCache({ store, clock: systemClock, scope: 'bench' });
    let hits = 0;
    for (let p = 0; p < PROJECTS; p++) {
      for (let i = 0; i < perProject; i += 100) {
        const page = Array.from({ length: Math.min(100, perProject - i) }, (_, k) => ({ id: id(p, i + k), modifyTime: 1_700_000_000_000 + i + k }));
        hits += (await reader.lookup(page)).size;
      }
    }
    const lookupSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    gc?.();
    const stats = reader.stats();
    return {
      tables: PROJECTS * perProject,
      files: PROJECTS * 16,
      diskMiB: round(bytesUnder(dir) / 2 ** 20, 1),
      writeSeconds: round(writeSeconds, 1),
      lookupSeconds: round(lookupSeconds, 1),
      hits,
      loadedEntries: stats.loadedEntries,
      loadedMiB: round(stats.loadedBytes / 2 ** 20, 1),
      bytesPerTableCounted: round(stats.loadedBytes / Math.max(1, stats.loadedEntries), 1),
      heapGrowthMiB: round((held() - before) / 2 ** 20, 1),
      gcExposed: gc !== undefined,
    };
  },
};
