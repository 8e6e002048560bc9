/**
 * Page-by-page iteration over the API's PageNumber/PageSize lists, so discovery holds one page at a time
 * and never the whole catalog.
 */
import { LIMITS, type Page } from '../dataworks/types';

/** Yields each page's items until a short page or the reported total is reached. */
export async function* paginate<T>(fetchPage: (pageNumber: number, pageSize: number) => Promise<Page<T>>): AsyncGenerator<T[]> {
  const pageSize = LIMITS.pageSize;
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await fetchPage(pageNumber, pageSize);
    if (page.items.length > 0) yield page.items;
    if (page.items.length < pageSize || pageNumber * pageSize >= page.totalCount) return;
  }
}

/** Splits `items` into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
