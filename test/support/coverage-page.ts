/**
 * Reading the coverage page as a person sees it, in the real browser (test/support/browser.ts), against the
 * JSON report of the same run: the headline figures, one bar per key as long as its share, a heatmap row per
 * slice, a chart of each key's values, the tables of what was never scanned. Every page test checks with these,
 * whoever wrote the page (the renderer directly, or the CLI).
 */
import type { Page } from 'playwright-core';
import { formatUnscanned, type CoverageReport } from '../../shared/coverage';

/** an SVG shape as the browser lays it out (the project's types have no DOM library) */
interface Drawn {
  getBBox(): { width: number };
}

/** "61.5%" -> 0.615; "<0.1%" -> 0.0005 (between 0 and 0.1%) */
const shareOf = (s: string) => (s === '<0.1%' ? 0.0005 : s === '>99.9%' ? 0.9995 : Number(s.replace('%', '')) / 100);
/** "6,152" -> 6152 */
const countOf = (s: string) => Number(s.replace(/,/g, ''));
/** the page shows one decimal: within half of 0.1% of the JSON's share */
const expectShare = (shown: string, share: number) => expect(Math.abs(shareOf(shown) - share)).toBeLessThanOrEqual(0.0005 + 1e-9);

/** The four figures at the top: scanned, tagged, (weakest key), not scanned. */
export async function expectHeadlineFigures(page: Page, json: CoverageReport): Promise<void> {
  expect(countOf((await page.locator('#scanned .figure').textContent())!)).toBe(json.overall.assets);
  expectShare((await page.locator('#tagged .figure').textContent())!, json.overall.taggedShare);
  expect(countOf((await page.locator('#unscanned .figure').textContent())!)).toBe(json.unscanned.assets);
}

/** One bar per key, as long as the share of assets carrying it, split into its largest values, the JSON's numbers beside it. */
export async function expectKeyBars(page: Page, json: CoverageReport): Promise<void> {
  const bars = await page.$$eval('svg.chart.keys g.bar', (gs) =>
    gs.map((g) => {
      const width = (sel: string) => [...g.querySelectorAll(sel)].reduce((w, r) => w + (r as unknown as Drawn).getBBox().width, 0);
      return {
        key: g.getAttribute('data-key'),
        label: g.querySelector('text.key')!.textContent,
        share: g.querySelector('text.share')!.textContent!,
        count: g.querySelector('text.count')!.textContent!,
        drawn: width('rect.segment') / width('rect.track'),
        segments: g.querySelectorAll('rect.segment').length,
      };
    }),
  );
  expect(bars.map((b) => b.key)).toEqual(json.overall.keys.map((k) => k.key));
  for (const [i, k] of json.overall.keys.entries()) {
    expect(bars[i].label).toBe(k.key);
    expectShare(bars[i].share, k.share);
    expect(bars[i].count.split(' of ').map(countOf)).toEqual([k.assets, json.overall.assets]);
    expect(Math.abs(bars[i].drawn - k.share)).toBeLessThan(0.002);
    // the largest seven values in colour, then one grey segment for the rest when there is a rest
    const coloured = k.values.filter((v) => v.assets > 0).slice(0, 7);
    expect(bars[i].segments).toBe(coloured.length + (coloured.reduce((n, v) => n + v.assets, 0) < k.assets ? 1 : 0));
  }
}

/** A heatmap per dimension: a row per slice (the largest first, at most `rows`), a cell per key, the JSON's share in each. */
export async function expectHeatmaps(page: Page, json: CoverageReport, rowsShown: number): Promise<void> {
  for (const dimension of ['workspace', 'env', 'kind'] as const) {
    const rows = await page.$$eval(`svg.heatmap[data-dimension="${dimension}"] g.row`, (gs) =>
      gs.map((g) => ({
        slice: g.getAttribute('data-slice'),
        assets: g.querySelector('text.assets')!.textContent!,
        cells: [...g.querySelectorAll('rect.cell')].map((c) => ({ key: c.getAttribute('data-key'), fill: c.getAttribute('fill'), drawn: (c as unknown as Drawn).getBBox().width > 0 })),
        shares: [...g.querySelectorAll('text.cell-share')].map((t) => t.textContent!),
        unscanned: g.querySelector('text.unscanned')!.textContent,
      })),
    );
    const slices = json.dimensions[dimension];
    expect(rows.map((r) => r.slice)).toEqual(slices.slice(0, rowsShown).map((s) => s.value));
    for (const [i, s] of slices.slice(0, rowsShown).entries()) {
      expect(countOf(rows[i].assets)).toBe(s.assets);
      expect(rows[i].cells.map((c) => c.key)).toEqual(s.keys.map((k) => k.key));
      expect(rows[i].cells.every((c) => c.drawn)).toBe(true);
      if (s.assets === 0) expect(rows[i].shares).toEqual([]);
      else s.keys.forEach((k, j) => expectShare(rows[i].shares[j], k.share));
      expect(rows[i].unscanned).toBe(formatUnscanned(s.unscanned));
    }
  }
}

/** A chart of each key's values (the first `shown`, then the rest as one bar), with the JSON's counts. */
export async function expectValueCharts(page: Page, json: CoverageReport, shownValues = 15): Promise<void> {
  const charts = await page.$$eval('svg.chart.values', (svgs) =>
    svgs.map((svg) => ({
      key: svg.getAttribute('data-key'),
      values: [...svg.querySelectorAll('g.value')].map((g) => ({
        value: g.getAttribute('data-value'),
        share: g.querySelector('text.share')!.textContent!,
        count: g.querySelector('text.count')!.textContent!,
        bar: (g.querySelector('rect.bar') as unknown as Drawn).getBBox().width,
      })),
    })),
  );
  expect(charts.map((c) => c.key)).toEqual(json.overall.keys.map((k) => k.key));
  for (const [i, k] of json.overall.keys.entries()) {
    const shown = k.values.slice(0, shownValues);
    const named = charts[i].values.filter((v) => v.value !== null);
    expect(named.map((v) => v.value)).toEqual(shown.map((v) => v.value));
    shown.forEach((v, j) => {
      expect(countOf(named[j].count)).toBe(v.assets);
      expectShare(named[j].share, v.share);
      expect(named[j].bar > 0).toBe(v.assets > 0);
    });
    const other = charts[i].values.find((v) => v.value === null);
    const rest = k.assets - shown.reduce((n, v) => n + v.assets, 0);
    expect(other ? countOf(other.count) : 0).toBe(rest);
  }
}

/** What was not scanned, apart: the reasons and the partitions, with the JSON's counts. */
export async function expectUnscannedTables(page: Page, json: CoverageReport): Promise<void> {
  const reasons = await page.$$eval('#not-scanned table.reasons tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  expect(reasons.map((r) => [r[0], countOf(r[1]!)])).toEqual(json.unscanned.byReason.map((b) => [b.label, b.partitions]));
  const partitions = await page.$$eval('#not-scanned table.partitions tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  expect(partitions.map((p) => [p[0], p[2] === 'not counted' ? null : countOf(p[2]!), p[3] || undefined])).toEqual(json.unscanned.partitions.map((p) => [p.partition, p.assets, p.message]));
}
