/**
 * The coverage page in a real browser, as a person opens it: from a file, with no network. Checks what they
 * would see against the JSON report of the same run: the charts are drawn (bars as long as the shares), every
 * number on the page is the JSON's, nothing is logged as an error, and no request leaves the page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCoverageCollector, formatUnscanned, renderCoverageHtml, renderCoverageJson, type CoverageReport } from '../../shared/coverage';
import { describeInBrowser, startBrowser, type Browser, type OpenedPage } from '../support/browser';
import { DECLARED_KEYS, syntheticCatalog, UNSCANNED } from './catalog';

const HEATMAP_ROWS = 25;

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

describeInBrowser('the coverage page in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  let json: CoverageReport;
  let opened: OpenedPage;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'autotag-coverage-page-'));
    const collector = createCoverageCollector({ declaredKeys: DECLARED_KEYS });
    for (const a of syntheticCatalog({ assets: 20_000, workspaces: 40, seed: 7 })) collector.add(a);
    for (const u of UNSCANNED) collector.addUnscanned(u);
    const report = collector.report({ runId: 'run-2026-01-01-0200', generatedAt: '2026-01-01T02:00:00.000Z', ruleSet: 'governance', trigger: 'timer', dryRun: false });
    // the numbers to check come from the JSON as written, not from the object the page was made from
    json = JSON.parse(renderCoverageJson(report));
    const file = join(dir, 'coverage.html');
    writeFileSync(file, renderCoverageHtml(report, { rows: HEATMAP_ROWS }));
    browser = await startBrowser();
    opened = await browser.open(pathToFileURL(file).href);
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads with no console error, and asks for nothing but itself', async () => {
    expect(opened.errors).toEqual([]);
    expect(opened.requests).toEqual([opened.page.url()]);
    expect(await opened.page.title()).toBe('Tag coverage · governance · run-2026-01-01-0200');
  });

  it('shows the run and the headline figures of the JSON', async () => {
    const { page } = opened;
    expect(await page.locator('dd[data-field="Run"]').textContent()).toBe(json.run.runId);
    expect(await page.locator('dd[data-field="Rule set"]').textContent()).toBe('governance');
    expect(await page.locator('dd[data-field="Trigger"]').textContent()).toBe('timer');
    expect(countOf((await page.locator('#scanned .figure').textContent())!)).toBe(json.overall.assets);
    expectShare((await page.locator('#tagged .figure').textContent())!, json.overall.taggedShare);
    expect(countOf((await page.locator('#unscanned .figure').textContent())!)).toBe(json.unscanned.assets);
    expect(await page.locator('#unscanned .detail').textContent()).toBe(`+ ${json.unscanned.uncountedPartitions} partition not counted`);
  });

  it('draws one bar per key, as long as the share of assets carrying it, with the JSON’s numbers beside it', async () => {
    const bars = await opened.page.$$eval('svg.chart.keys g.bar', (gs) =>
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
  });

  it('draws a heatmap per dimension: a row per slice (the largest first), a cell per key, the JSON’s share in each', async () => {
    for (const dimension of ['workspace', 'env', 'kind'] as const) {
      const rows = await opened.page.$$eval(`svg.heatmap[data-dimension="${dimension}"] g.row`, (gs) =>
        gs.map((g) => ({
          slice: g.getAttribute('data-slice'),
          assets: g.querySelector('text.assets')!.textContent!,
          cells: [...g.querySelectorAll('rect.cell')].map((c) => ({ key: c.getAttribute('data-key'), fill: c.getAttribute('fill'), drawn: (c as unknown as Drawn).getBBox().width > 0 })),
          shares: [...g.querySelectorAll('text.cell-share')].map((t) => t.textContent!),
          unscanned: g.querySelector('text.unscanned')!.textContent,
        })),
      );
      const slices = json.dimensions[dimension];
      expect(rows.map((r) => r.slice)).toEqual(slices.slice(0, HEATMAP_ROWS).map((s) => s.value));
      for (const [i, s] of slices.slice(0, HEATMAP_ROWS).entries()) {
        expect(countOf(rows[i].assets)).toBe(s.assets);
        expect(rows[i].cells.map((c) => c.key)).toEqual(s.keys.map((k) => k.key));
        expect(rows[i].cells.every((c) => c.drawn)).toBe(true);
        if (s.assets === 0) expect(rows[i].shares).toEqual([]);
        else s.keys.forEach((k, j) => expectShare(rows[i].shares[j], k.share));
        expect(rows[i].unscanned).toBe(formatUnscanned(s.unscanned));
      }
    }
    const note = await opened.page.locator('#breakdown .note').first().textContent();
    expect(note).toBe(`Showing the ${HEATMAP_ROWS} largest of ${json.dimensions.workspace.length}; the JSON report holds them all.`);
  });

  it('charts the values of every key with the JSON’s counts', async () => {
    const charts = await opened.page.$$eval('svg.chart.values', (svgs) =>
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
      const shown = k.values.slice(0, 15);
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
  });

  it('lists what was not scanned, apart, with the JSON’s counts', async () => {
    const reasons = await opened.page.$$eval('#not-scanned table.reasons tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(reasons.map((r) => [r[0], countOf(r[1]!)])).toEqual(json.unscanned.byReason.map((b) => [b.label, b.partitions]));
    const partitions = await opened.page.$$eval('#not-scanned table.partitions tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(partitions.map((p) => [p[0], p[2] === 'not counted' ? null : countOf(p[2]!), p[3] || undefined])).toEqual(
      json.unscanned.partitions.map((p) => [p.partition, p.assets, p.message]),
    );
  });

  it('notices a request leaving a page, and an error in its console (the checks above can fail)', async () => {
    const file = join(dir, 'leaky.html');
    writeFileSync(file, '<!doctype html><img src="http://127.0.0.1:9/pixel.png"><script>console.error("broken")</script>');
    const leaky = await browser.open(pathToFileURL(file).href);
    expect(leaky.requests).toContain('http://127.0.0.1:9/pixel.png');
    expect(leaky.errors).toContain('broken');
  });
});
