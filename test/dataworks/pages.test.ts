/**
 * Reading pages ahead: several pages in flight once the total is known, yielded in order, from any page,
 * stopping at a short page; a failed page fails at its turn and a stopped reader leaves nothing unhandled.
 */
import { pagesAhead, type Page } from '../../shared/dataworks';

/** A list of `total` numbered items, served page by page, counting pages in flight. */
function list(total: number, fail?: number) {
  const state = { inFlight: 0, maxInFlight: 0, asked: [] as number[] };
  const release: (() => void)[] = [];
  const fetchPage = async (pageNumber: number, pageSize: number): Promise<Page<number>> => {
    state.asked.push(pageNumber);
    state.maxInFlight = Math.max(state.maxInFlight, ++state.inFlight);
    await new Promise<void>((resolve) => release.push(resolve));
    state.inFlight--;
    if (pageNumber === fail) throw new Error(`page ${pageNumber} failed`);
    const start = (pageNumber - 1) * pageSize;
    return { items: Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, i) => start + i), totalCount: total, pageNumber, pageSize };
  };
  // answers the oldest call in flight, now and then, so several are in flight at once
  const timer = setInterval(() => release.shift()?.(), 1);
  return { fetchPage, state, stop: () => clearInterval(timer) };
}

async function collect<T>(pages: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

describe('dataworks/pages', () => {
  it('keeps up to `depth` pages in flight and yields every page in order, the last one marked', async () => {
    const l = list(1050);
    try {
      const pages = await collect(pagesAhead(l.fetchPage, { depth: 4, map: async (items) => items.length }));
      expect(pages.map((p) => p.pageNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(pages.map((p) => p.value)).toEqual([100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 50]);
      expect(pages.map((p) => p.last)).toEqual([...Array(10).fill(false), true]);
      expect(l.state.maxInFlight).toBe(4);
      expect([...l.state.asked].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    } finally {
      l.stop();
    }
  });

  it('starts from a given page, and yields an empty first page when the list is empty', async () => {
    const l = list(450);
    try {
      expect((await collect(pagesAhead(l.fetchPage, { from: 4, depth: 3, map: async (items) => items[0] }))).map((p) => [p.pageNumber, p.value])).toEqual([
        [4, 300],
        [5, 400],
      ]);
      expect(await collect(pagesAhead(l.fetchPage, { from: 9, depth: 2, map: async (items) => items.length }))).toEqual([{ pageNumber: 9, value: 0, totalCount: 450, last: true }]);
    } finally {
      l.stop();
    }
    const empty = list(0);
    try {
      expect(await collect(pagesAhead(empty.fetchPage, { depth: 3, map: async (items) => items.length }))).toEqual([{ pageNumber: 1, value: 0, totalCount: 0, last: true }]);
    } finally {
      empty.stop();
    }
  });

  it('fails at the failed page, after the pages before it, and leaves no failure unhandled when stopped early', async () => {
    const l = list(1000, 3);
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const seen: number[] = [];
      await expect(
        (async () => {
          for await (const p of pagesAhead(l.fetchPage, { depth: 5, map: async (items) => items.length })) seen.push(p.pageNumber);
        })(),
      ).rejects.toThrow('page 3 failed');
      expect(seen).toEqual([1, 2]);
      const early = list(1000, 6);
      for await (const p of pagesAhead(early.fetchPage, { depth: 5, map: async () => 0 })) if (p.pageNumber === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(unhandled).toEqual([]);
      early.stop();
    } finally {
      process.off('unhandledRejection', onUnhandled);
      l.stop();
    }
  });
});
