/**
 * The table-details cache's files and memory without a server: shard files are validated (anything else reads
 * as empty), concurrent writers never leave a file that does not parse, and what is held in memory is bounded
 * and measured.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeClock } from '../../shared/clock';
import { createTableDetailsCache, directoryStore, type TableDetailsCache } from '../../shared/discovery';
import { parseShard, serializeShard, type CachedDetail } from '../../shared/discovery/table-cache/shard-file';

const entry = (i: number, over: Partial<CachedDetail> = {}): CachedDetail => ({
  id: `maxcompute-table:::sales_dw::t_${i}`,
  modifyTime: 1_700_000_000_000 + i,
  fetchedAt: Date.UTC(2026, 0, 1),
  owner: i % 3 ? 'alice' : null,
  projectId: 91234,
  envType: 'Prod',
  ...over,
});
const tableOf = (i: number) => ({ id: entry(i).id, modifyTime: entry(i).modifyTime! });
const details = (i: number) => ({ owner: `owner-${i}`, projectId: 91234, envType: 'Prod' as const });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

describe('discovery: table-details cache files', () => {
  describe('shard files', () => {
    it('read back what was written', () => {
      const entries = [entry(1), entry(2, { modifyTime: null, owner: null, projectId: null, envType: null })];
      expect(parseShard(serializeShard(entries))).toEqual(entries);
    });

    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['cut short', serializeShard([entry(1), entry(2)]).slice(0, 60)],
      ['another format', JSON.stringify({ format: 'other', version: 1, entries: [] })],
      ['another version', serializeShard([entry(1)]).replace('"version":1', '"version":2')],
      ['a malformed entry', serializeShard([entry(1)]).replace('"Prod"', '"Staging"')],
    ])('read as empty when %s', (_what, text) => {
      expect(parseShard(text)).toEqual([]);
    });
  });

  describe('concurrent writers', () => {
    const clock = fakeClock(Date.UTC(2026, 0, 1));
    const open = (dir: string): TableDetailsCache => createTableDetailsCache({ store: directoryStore(dir), clock, scope: 'test' });

    it('two runs flushing the same shards at once leave only whole files, and a later flush merges both', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'autotag-cache-writers-'));
      const [a, b] = [open(dir), open(dir)];
      for (let i = 0; i < 200; i++) (i % 2 ? a : b).remember(tableOf(i), details(i));
      await Promise.all([a.flush(), b.flush()]);
      for (const file of filesUnder(dir).filter((f) => f.endsWith('.json'))) expect(parseShard(readFileSync(file, 'utf8')).length).toBeGreaterThan(0);
      expect(filesUnder(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      const hits = (await open(dir).lookup(Array.from({ length: 200 }, (_, i) => tableOf(i)))).size;
      expect(hits).toBeGreaterThanOrEqual(100); // each shard holds at least the last writer's tables

      // the writer that lost a shard writes its tables again on its next flush, merged with what it finds
      for (let i = 1; i < 200; i += 2) a.remember(tableOf(i), details(i));
      await a.flush();
      for (let i = 0; i < 200; i += 2) b.remember(tableOf(i), details(i));
      await b.flush();
      const found = await open(dir).lookup(Array.from({ length: 200 }, (_, i) => tableOf(i)));
      expect(found.size).toBe(200);
      expect(found.get(tableOf(7).id)).toEqual(details(7));
    });
  });

  describe('memory', () => {
    it('holds loaded shards compactly and drops the least recently used past its budget', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'autotag-cache-memory-'));
      const clock = fakeClock(Date.UTC(2026, 0, 1));
      const writer = createTableDetailsCache({ store: directoryStore(dir), clock, scope: 'test' });
      const projects = ['p_one', 'p_two', 'p_three'];
      const key = (p: string, i: number) => ({ id: `maxcompute-table:::${p}::t_${i}`, modifyTime: i });
      for (const p of projects) for (let i = 0; i < 3000; i++) writer.remember(key(p, i), { owner: 'alice' });
      await writer.flush();

      const reader = createTableDetailsCache({ store: directoryStore(dir), clock, scope: 'test', maxLoadedEntries: 4000 });
      for (const p of projects) expect((await reader.lookup(Array.from({ length: 3000 }, (_, i) => key(p, i)))).size).toBe(3000);
      const stats = reader.stats();
      expect(stats.loadedEntries).toBeLessThanOrEqual(4000);
      expect(stats.loadedBytes).toBeLessThanOrEqual(stats.loadedEntries * 40);
      expect(stats.hits).toBe(9000);
      // the first project was dropped to make room: asked again, its shards are read again, and still hit
      expect((await reader.lookup([key('p_one', 1)])).size).toBe(1);
    });
  });
});
