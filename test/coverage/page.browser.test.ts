/**
 * The coverage page in a real browser, as a person opens it: from a file, with no network. Checks what they
 * would see against the JSON report of the same run: the charts are drawn (bars as long as the shares), every
 * number on the page is the JSON's, nothing is logged as an error, and no request leaves the page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCoverageCollector, renderCoverageHtml, renderCoverageJson, type CoverageReport } from '../../shared/coverage';
import { describeInBrowser, startBrowser, type Browser, type OpenedPage } from '../support/browser';
import { expectHeadlineFigures, expectHeatmaps, expectKeyBars, expectUnscannedTables, expectValueCharts } from '../support/coverage-page';
import { DECLARED_KEYS, syntheticCatalog, UNSCANNED } from './catalog';

const HEATMAP_ROWS = 25;

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
    await expectHeadlineFigures(page, json);
    expect(await page.locator('dd[data-field="Rule set"]').textContent()).toBe('governance');
    expect(await page.locator('dd[data-field="Trigger"]').textContent()).toBe('timer');
    expect(await page.locator('#unscanned .detail').textContent()).toBe(`+ ${json.unscanned.uncountedPartitions} partition not counted`);
  });

  it('draws one bar per key, as long as the share of assets carrying it, with the JSON’s numbers beside it', async () => {
    await expectKeyBars(opened.page, json);
  });

  it('draws a heatmap per dimension: a row per slice (the largest first), a cell per key, the JSON’s share in each', async () => {
    await expectHeatmaps(opened.page, json, HEATMAP_ROWS);
    const note = await opened.page.locator('#breakdown .note').first().textContent();
    expect(note).toBe(`Showing the ${HEATMAP_ROWS} largest of ${json.dimensions.workspace.length}; the JSON report holds them all.`);
  });

  it('charts the values of every key with the JSON’s counts', async () => {
    await expectValueCharts(opened.page, json);
  });

  it('lists what was not scanned, apart, with the JSON’s counts', async () => {
    await expectUnscannedTables(opened.page, json);
  });

  it('notices a request leaving a page, and an error in its console (the checks above can fail)', async () => {
    const file = join(dir, 'leaky.html');
    writeFileSync(file, '<!doctype html><img src="http://127.0.0.1:9/pixel.png"><script>console.error("broken")</script>');
    const leaky = await browser.open(pathToFileURL(file).href);
    expect(leaky.requests).toContain('http://127.0.0.1:9/pixel.png');
    expect(leaky.errors).toContain('broken');
  });
});
