/**
 * Independent slow cases (a CLI process each) run a few at a time while their tests report one by one: every
 * case is started at once, at most `limit` running, and each test awaits its own outcome. A case that fails
 * is reported by its own test, never as an unhandled rejection meanwhile.
 */
export function startAll<T, R>(items: readonly T[], limit: number, key: (item: T) => string, run: (item: T) => Promise<R>): Map<string, Promise<R>> {
  let running = 0;
  const waiting: (() => void)[] = [];
  const slot = () => (running < limit ? (running++, Promise.resolve()) : new Promise<void>((resolve) => waiting.push(resolve)));
  const release = () => (waiting.length ? waiting.shift()!() : running--);
  const outcomes = new Map(items.map((item) => [key(item), slot().then(() => run(item)).finally(release)]));
  for (const outcome of outcomes.values()) outcome.catch(() => undefined);
  return outcomes;
}

/** CLI processes at once: enough to overlap their start-up, few enough for a 2-core runner */
export const CLI_CONCURRENCY = 4;
