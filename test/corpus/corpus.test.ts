/**
 * The corpus as a whole: at least the 100 cases issue 10 asks for, case ids unique within their table (a
 * runner's results are keyed by id), and the counts in index.ts's header true to the tables.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from '.';

/** `| category | cases | ...` rows of the header's table. */
function headerCounts(): Record<string, number> {
  const text = readFileSync(join(__dirname, 'index.ts'), 'utf8');
  return Object.fromEntries([...text.matchAll(/^ \* \| ([^|]+?) \| (\d+) \|/gm)].map((m) => [m[1], Number(m[2])]));
}

describe('test/corpus', () => {
  const counts = Object.fromEntries(Object.entries(CORPUS).map(([category, cases]) => [category, cases.length]));
  const total = Object.values(counts).reduce((a, b) => a + b, 0);

  it('holds at least 100 cases', () => {
    expect(total).toBeGreaterThanOrEqual(100);
  });

  it('says in its header how many cases each category has, and the total', () => {
    expect(headerCounts()).toEqual({ ...counts, total });
  });

  it.each(Object.entries(CORPUS))('%s: case ids are unique', (_category, cases) => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });
});
