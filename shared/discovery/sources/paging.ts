/**
 * How a listing source reads one partition: its list call page by page from a given page, several pages in
 * flight (the run's read-ahead), each page turned into assets inside its slot (current tags read beside it),
 * yielded in order as positioned pages, so a run can stop after any page and resume at the next one.
 */
import { LIMITS, pagesAhead, type Page } from '../../dataworks';
import type { AssetView } from '../types';
import type { ReadContext, SourcePage } from './source';

export async function* listedPages<T>(
  ctx: ReadContext,
  from: number,
  fetchPage: (pageNumber: number, pageSize: number) => Promise<Page<T>>,
  toAssets: (items: T[]) => Promise<AssetView[]> | AssetView[],
): AsyncGenerator<SourcePage> {
  const pages = pagesAhead((n, size) => ctx.slots.run(() => fetchPage(n, size)), { from, depth: ctx.readAhead, map: (items) => ctx.slots.run(async () => toAssets(items)) });
  for await (const p of pages) {
    yield { page: p.pageNumber, assets: p.value, left: p.last ? 0 : Math.max(0, p.totalCount - p.pageNumber * LIMITS.pageSize), last: p.last };
  }
}
