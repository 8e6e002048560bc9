import {
  createCoverageCollector,
  formatShare,
  formatUnscanned,
  renderCoverageHtml,
  renderCoverageJson,
  renderCoverageSummary,
  renderCoverageText,
  type CoverageReport,
} from '../../shared/coverage';
import { DECLARED_KEYS, syntheticCatalog, UNSCANNED } from './catalog';

const RUN = { runId: 'run-7', generatedAt: '2026-01-01T02:00:00.000Z', ruleSet: 'example', trigger: 'timer', dryRun: false };

function report(assets = 2000, unscanned = UNSCANNED): CoverageReport {
  const c = createCoverageCollector({ declaredKeys: DECLARED_KEYS });
  for (const a of syntheticCatalog({ assets, workspaces: 12 })) c.add(a);
  for (const u of unscanned) c.addUnscanned(u);
  return c.report(RUN);
}

describe('shares as people read them', () => {
  it('one decimal, never rounding a partial share to 0% or 100%', () => {
    expect(formatShare(0.6152)).toBe('61.5%');
    expect(formatShare(0)).toBe('0.0%');
    expect(formatShare(1)).toBe('100.0%');
    expect(formatShare(1 / 10_000)).toBe('<0.1%');
    expect(formatShare(9_999 / 10_000)).toBe('>99.9%');
  });
  it('unscanned counts in words', () => {
    expect(formatUnscanned({ assets: 0, uncountedPartitions: 0 })).toBe('none');
    expect(formatUnscanned({ assets: 1, uncountedPartitions: 2 })).toBe('1 asset + 2 partitions not counted');
  });
});

describe('the summary after a run', () => {
  it('a line per key the rule set declares (only those), with the JSON\'s counts and shares, then what was not scanned', () => {
    const r = report();
    const lines = renderCoverageSummary(r);
    expect(lines[0]).toBe(`Coverage of the ${r.overall.assets.toLocaleString('en-US')} assets evaluated (tags after the run):`);
    const declared = r.overall.keys.filter((k) => k.declared);
    expect(declared.length).toBeLessThan(r.overall.keys.length);
    const rows = lines.slice(2, 2 + declared.length);
    declared.forEach((k, i) => expect(rows[i]).toMatch(new RegExp(`^  ${k.key}\\s+${k.assets.toLocaleString('en-US')}\\s+${formatShare(k.share).replace('.', '\\.')}\\s+[█░]{24}$`)));
    expect(lines).toHaveLength(2 + declared.length + 1);
    expect(lines.at(-1)).toBe(`  Not scanned, counted apart: ${formatUnscanned(r.unscanned)}.`);
  });

  it('says when the tags are those a plan would leave, and when the rule set declares no key', () => {
    const c = createCoverageCollector();
    c.add({ id: '1', name: 'a', kind: 'task', tags: { x: 'y' } });
    const lines = renderCoverageSummary(c.report({ ...RUN, dryRun: true }));
    expect(lines).toEqual(['Coverage of the 1 assets evaluated (tags as the plan would leave them):', '  the rule set declares no tag key', '  Not scanned, counted apart: none.']);
  });
});

describe('coverage as text', () => {
  const r = report();
  const text = renderCoverageText(r);
  const lineOf = (start: string) => text.split('\n').find((l) => l.trimStart().startsWith(start))!;

  it('says what run it describes and what was scanned, with the unscanned apart', () => {
    expect(text.split('\n')[0]).toBe('Tag coverage · rule set example · run run-7 · 2026-01-01T02:00:00.000Z · timer');
    expect(text).toContain(`Scanned 2,000 assets; ${r.overall.tagged.toLocaleString('en-US')} (${formatShare(r.overall.taggedShare)}) carry at least one tag.`);
    expect(text).toContain('Not scanned, counted apart: 1,200 assets + 1 partition not counted.');
    expect(lineOf('- tables sales_dw')).toBe('  - tables sales_dw: could not be read (ListTables failed: Forbidden.Access (HTTP 403))');
  });

  it('lists every key with its count and share, declared keys marked', () => {
    for (const k of r.overall.keys) {
      const line = lineOf(k.declared ? `${k.key}* ` : `${k.key} `);
      expect(line.split(/\s{2,}/).slice(0, 3)).toEqual([k.declared ? `${k.key}*` : k.key, k.assets.toLocaleString('en-US'), formatShare(k.share)]);
    }
    expect(text).toContain('  * declared in the rule set');
  });

  it('has one row per slice in each dimension table, a column per key', () => {
    const row = lineOf('workspace 10001');
    const s = r.dimensions.workspace.find((x) => x.value === '10001')!;
    expect(row.split(/\s{2,}/)).toEqual(['workspace 10001', s.assets.toLocaleString('en-US'), ...s.keys.map((k) => formatShare(k.share)), 'none']);
    expect(lineOf('not reported').endsWith('1 partition not counted')).toBe(true);
  });

  it('says when nothing was left unscanned, and when a limit cut the counts short', () => {
    expect(renderCoverageText(report(100, []))).toContain('Not scanned: nothing; every configured source was read.');
    const c = createCoverageCollector({ limits: { maxValuesPerKey: 1, maxKeys: 1 } });
    c.add({ id: 'a', name: 'a', kind: 'task', tags: { x: '1', y: '1' } });
    c.add({ id: 'b', name: 'b', kind: 'task', tags: { x: '2' } });
    const limited = renderCoverageText(c.report(RUN));
    expect(limited).toContain('Only the first 1 keys are counted one by one; 1 assets carry others.');
    expect(limited).toContain('x: 1 1 (50.0%) · other values 1');
  });
});

describe('coverage as JSON', () => {
  it('carries a format version and reads back as the same report', () => {
    const r = report(300);
    const parsed = JSON.parse(renderCoverageJson(r));
    expect(parsed).toMatchObject({ formatVersion: 1, report: 'coverage', run: RUN });
    expect(parsed).toEqual(r);
    const compact = renderCoverageJson(r, { compact: true });
    expect(JSON.parse(compact)).toEqual(r);
    expect(compact.split('\n')).toHaveLength(2);
  });
});

describe('coverage as a page (static checks; test/coverage/page.browser.test.ts opens it in Chromium)', () => {
  it('is one file with nothing to fetch and no script, under a policy that forbids both', () => {
    const html = renderCoverageHtml(report());
    expect(html).toMatch(/^<!doctype html>\n<html lang="en"><head><meta charset="utf-8">/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;;`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(https?:)?\/\/[a-z0-9]/i);
  });

  it('shows catalog text as text: markup in a tag value or a message cannot become elements', () => {
    const c = createCoverageCollector();
    c.add({ id: 'x', name: '<b>x</b>', kind: 'task', tags: { 'k"<>': '<script>alert(1)</script>' } });
    c.addUnscanned({ reason: 'partition-unreadable', partition: 'tables <i>p</i>', message: "it's <img src=x onerror=alert(1)>" });
    const html = renderCoverageHtml(c.report({ ...RUN, ruleSet: '<svg onload=alert(1)>' }));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('data-key="k&quot;&lt;&gt;"');
    expect(html).toContain('it&#39;s &lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<(script|img|i|b)[ >]/);
    expect(html).not.toContain('<svg onload');
  });

  it('draws an empty catalog without a broken number: declared keys at 0%, a dry run said so', () => {
    const c = createCoverageCollector({ declaredKeys: DECLARED_KEYS });
    c.addUnscanned({ reason: 'deadline', partition: 'tasks 10001 Prod', projectId: 10001 });
    const html = renderCoverageHtml(c.report({ ...RUN, dryRun: true }));
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    expect(html).toContain('<span class="badge">dry run</span>');
    expect(html.match(/<g class="bar"/g)).toHaveLength(DECLARED_KEYS.length);
    expect(html.match(/class="cell empty"/g)).toHaveLength(3 * DECLARED_KEYS.length);
  });

  it('stays small for a large catalog: its size follows keys and workspaces, not assets', () => {
    const small = renderCoverageHtml(report(2_000)).length;
    const large = renderCoverageHtml(report(40_000)).length;
    expect(large / small).toBeLessThan(1.1);
  });
});
