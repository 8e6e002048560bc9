/**
 * A real headless browser for page tests: Debian's chromium driven by playwright-core, launched with the flags
 * that keep it off the network (no background fetches, no component updates) and a fresh profile, with every
 * request recorded and every request but the page's own file refused. On a developer machine without chromium
 * the suites skip and say so; under CI (`CI` set) a missing chromium is a failure, never a skip.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const haveChromium = existsSync(CHROMIUM);
export const MISSING_CHROMIUM = `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium, as .ci/run does)`;

/** `describe`, or, without chromium, a skip on a developer machine and a failing test under CI. */
export function describeInBrowser(name: string, body: () => void): void {
  if (haveChromium) return describe(name, body);
  if (process.env.CI) {
    describe(name, () => it('has chromium to run in', () => {
      throw new Error(MISSING_CHROMIUM);
    }));
    return;
  }
  console.warn(`skipping "${name}": ${MISSING_CHROMIUM}`);
  describe.skip(name, body);
}

export interface OpenedPage {
  page: Page;
  /** every URL the page asked for, its own included */
  requests: string[];
  /** console errors and uncaught page errors */
  errors: string[];
}

export interface Browser {
  /** opens `url` (a file:// URL) with every other request refused */
  open(url: string): Promise<OpenedPage>;
  close(): Promise<void>;
}

export async function startBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'autotag-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, offline: true });
  return {
    async open(url) {
      const page = await context.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort('blockedbyclient')));
      await page.goto(url, { waitUntil: 'load' });
      return { page, requests, errors };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
