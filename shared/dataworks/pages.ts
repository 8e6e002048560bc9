/**
 * Page-by-page iteration over the API's PageNumber/PageSize lists, so a reader holds one page at a time
 * and never the whole list.
 */
import { LIMITS, type Page } from './types';

/** Yields each page's items until a short page or the reported total is reached. */
export async function* paginate<T>(fetchPage: (pageNumber: number, pageSize: number) => Promise<Page<T>>): AsyncGenerator<T[]> {
  const pageSize = LIMITS.pageSize;
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await fetchPage(pageNumber, pageSize);
    if (page.items.length > 0) yield page.items;
    if (page.items.length < pageSize || pageNumber * pageSize >= page.totalCount) return;
  }
}
