/**
 * Page-by-page iteration over the API's PageNumber/PageSize lists, so a reader holds one page at a time
 * and never the whole list: one page after another (`paginate`), or several pages in flight at once, read
 * ahead and yielded in order (`pagesAhead`), which is what keeps a run's reads busy when each call takes
 * 100 ms: a page number does not depend on the page before it, only the total does.
 */
import { LIMITS, type Page } from './types';

type FetchPage<T> = (pageNumber: number, pageSize: number) => Promise<Page<T>>;

/** Yields each page's items until a short page or the reported total is reached. */
export async function* paginate<T>(fetchPage: FetchPage<T>): AsyncGenerator<T[]> {
  const pageSize = LIMITS.pageSize;
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await fetchPage(pageNumber, pageSize);
    if (page.items.length > 0) yield page.items;
    if (page.items.length < pageSize || pageNumber * pageSize >= page.totalCount) return;
  }
}

/** One page read (and mapped) ahead of its turn. */
export interface PageAhead<R> {
  pageNumber: number;
  /** the page's items as `map` made them */
  value: R;
  /** items listed in all, as this page's answer reported */
  totalCount: number;
  /** no page follows this one */
  last: boolean;
}

export interface PagesAheadOptions<T, R> {
  /** the first page to read (a resumed reader starts past the pages it did); default 1 */
  from?: number;
  /** pages in flight at most, the one being waited for included */
  depth: number;
  /** what each page becomes, inside its slot (e.g. a second call reading the page's current tags) */
  map(items: T[]): Promise<R>;
}

type Settled<T> = { ok: true; page: Page<T>; value: unknown } | { ok: false; error: unknown };

/**
 * Reads page `from`, then keeps up to `depth` of the following pages in flight (their numbers are known once a
 * total is), yielding every page in order, an empty one too, until a short page or the total is reached. A
 * failed page throws when its turn comes; pages read past a stop are dropped, never left as unhandled failures.
 */
export async function* pagesAhead<T, R>(fetchPage: FetchPage<T>, options: PagesAheadOptions<T, R>): AsyncGenerator<PageAhead<R>> {
  const pageSize = LIMITS.pageSize;
  const depth = Math.max(1, options.depth);
  const read = (n: number): Promise<Settled<T>> =>
    fetchPage(n, pageSize)
      .then(async (page): Promise<Settled<T>> => ({ ok: true, page, value: await options.map(page.items) }))
      .catch((error: unknown) => ({ ok: false, error }));

  let next = options.from ?? 1;
  let lastKnown = next; // the last page the latest total implies
  const inFlight = new Map<number, Promise<Settled<T>>>();
  const launch = () => {
    while (inFlight.size < depth && next <= lastKnown) inFlight.set(next, read(next++));
  };
  launch();
  for (let n = options.from ?? 1; ; n++) {
    // every page up to the known last one is in flight by now
    const settled = await inFlight.get(n)!;
    inFlight.delete(n);
    if (!settled.ok) throw settled.error;
    const { page } = settled;
    const last = page.items.length < pageSize || n * pageSize >= page.totalCount;
    yield { pageNumber: n, value: settled.value as R, totalCount: page.totalCount, last };
    if (last) return;
    lastKnown = Math.max(n + 1, Math.ceil(page.totalCount / pageSize));
    launch();
  }
}
