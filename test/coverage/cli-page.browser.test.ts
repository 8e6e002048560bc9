/**
 * The coverage page `autotag coverage --format html` writes, opened in the real browser as a person opens it
 * (from the file, no network), checked against `autotag coverage --format json` of the same catalog: the built
 * CLI as a process against the emulator, the demo's catalog (3,000 assets, seed 7) and rule set, plus a rule
 * naming a workspace no source lists, so the page also shows what was never scanned.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CoverageReport } from '../../shared/coverage';
import { describeInBrowser, startBrowser, type Browser, type OpenedPage } from '../support/browser';
import { expectHeadlineFigures, expectHeatmaps, expectKeyBars, expectUnscannedTables, expectValueCharts } from '../support/coverage-page';
import { emulatorForSuite, ROOT, runCli } from '../cli/built-cli';

const EXTRA_RULE = `
  - id: owners-workspace
    description: tasks of workspace 10003, which no source lists
    match: { type: task, projects: [10003] }
    tags: { team: platform }
`;

describeInBrowser('the page autotag coverage writes, in headless Chromium', () => {
  const suite = emulatorForSuite({ assets: 3000, seed: 7 });
  let dir: string;
  let browser: Browser;
  let json: CoverageReport;
  let opened: OpenedPage;
  let page: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'autotag-cli-page-'));
    const rules = join(dir, 'governance.yaml');
    writeFileSync(rules, readFileSync(join(ROOT, 'rules', 'governance.yaml'), 'utf8') + EXTRA_RULE);
    const target = ['--rules', rules, '--endpoint', suite.emulator.url, '--read-qps', '1000'];
    page = join(dir, 'coverage.html');
    const [html, asJson] = [await runCli(['coverage', ...target, '--format', 'html', '--out', page], suite.env), await runCli(['coverage', ...target, '--format', 'json'], suite.env)];
    expect([html.code, asJson.code]).toEqual([0, 0]);
    json = JSON.parse(asJson.stdout) as CoverageReport;
    browser = await startBrowser();
    opened = await browser.open(pathToFileURL(page).href);
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads from the file with no console error and asks for nothing but itself', async () => {
    expect(opened.errors).toEqual([]);
    expect(opened.requests).toEqual([opened.page.url()]);
    expect(await opened.page.title()).toMatch(/^Tag coverage · data-platform-governance · [0-9a-f-]{36}$/);
    // one file, well under a megabyte
    expect(statSync(page).size).toBeLessThan(200_000);
  });

  it('shows the JSON’s figures, bars, heatmaps and value charts', async () => {
    // two read-only passes over one catalog: the same numbers, each under its own run id
    expect(await opened.page.locator('dd[data-field="Run"]').textContent()).toMatch(/^[0-9a-f-]{36}$/);
    expect(await opened.page.locator('dd[data-field="Rule set"]').textContent()).toBe(json.run.ruleSet);
    await expectHeadlineFigures(opened.page, json);
    expect(json.overall.assets).toBe(2057);
    await expectKeyBars(opened.page, json);
    await expectHeatmaps(opened.page, json, 100);
    await expectValueCharts(opened.page, json);
  });

  it('lists the workspace no source lists as not scanned, with its size', async () => {
    expect(json.unscanned.byReason).toEqual([expect.objectContaining({ reason: 'source-not-configured', partitions: 2, uncountedPartitions: 0 })]);
    expect(json.unscanned.assets).toBeGreaterThan(0);
    await expectUnscannedTables(opened.page, json);
  });
});
