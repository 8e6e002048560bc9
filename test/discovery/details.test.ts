/**
 * Detail reads against the emulator: a GetTable that fails after its retries fails only its own table — the
 * others are read, the failure is named with its code, the run reads every partition and evaluates the table
 * as having no readable owner — while what breaks every read (credentials) still stops the run.
 */
import type { TableRecord } from '../../emulator';
import { AuthenticationError } from '../../shared/errors';
import { createDetailResolver, type AssetView } from '../../shared/discovery';
import { runRules } from '../../shared/engine';
import { createLogger } from '../../shared/log';
import { suiteHarness } from '../support/harness';
import { aliceTablesRuleSet, catalogWithoutTeam } from '../support/rule-sets';

const tableView = (t: TableRecord): AssetView => ({ id: t.id, metaEntityId: t.id, kind: 'table', type: 'ACS::DataWorks::Table', name: t.name, tags: {} });

const ownerRules = aliceTablesRuleSet(['sales_dw', 'user_dw']);

describe('discovery: detail reads', () => {
  const h = suiteHarness({ catalog: catalogWithoutTeam({ assets: 400, seed: 9 }) });
  afterEach(() => h.emulator.setFaults(undefined));

  it('a GetTable that fails after its retries fails only its own table, named once with its code', async () => {
    const tables = h.emulator.catalog().tables.slice(0, 40);
    h.emulator.setFaults({ failRate: 0.4, kinds: ['5xx'], actions: ['GetTable'], seed: 4 });
    const resolver = createDetailResolver(h.client({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } }));
    const resolved = await resolver.resolve(tables.map(tableView));
    const failures = resolver.takeFailures();
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.length).toBeLessThan(tables.length);
    for (const f of failures) expect(f).toMatchObject({ kind: 'table', code: 'API_TRANSIENT', serviceCode: expect.stringMatching(/^(ServiceUnavailable|InternalError)$/) });
    const failed = new Set(failures.map((f) => f.assetId));
    expect(resolved.map((a) => a.owner)).toEqual(tables.map((t) => (failed.has(t.id) ? null : t.owner)));
    expect(resolver.takeFailures()).toEqual([]);
    // asked again in the run, a failed table is not read again
    h.emulator.resetStats();
    await resolver.resolve(tables.filter((t) => failed.has(t.id)).map(tableView));
    expect(h.emulator.calls().byAction.GetTable?.calls ?? 0).toBe(0);
  });

  it('a run goes on past failed detail reads: every partition read, the failed tables named in the log and never matched', async () => {
    const catalog = h.emulator.catalog();
    const listed = catalog.tables.filter((t) => ['sales_dw', 'user_dw'].includes(t.maxcomputeProject));
    h.emulator.setFaults({ failRate: 0.3, kinds: ['5xx'], actions: ['GetTable'], seed: 8 });
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', write: (l) => lines.push(l) });
    const deps = h.deps({ logger, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    const report = await runRules({ ruleSet: ownerRules, trigger: 'cli', dryRun: true }, deps);
    expect(report.sourceErrors).toEqual([]);
    expect(report.plan.assetsScanned.tables).toBe(listed.length);
    const failed = lines.map((l) => JSON.parse(l)).filter((l) => l.msg.startsWith('the details of an asset could not be read'));
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) expect(f).toMatchObject({ assetId: expect.stringMatching(/^maxcompute-table:/), code: 'API_TRANSIENT', serviceCode: expect.any(String) });
    const failedIds = new Set(failed.map((f) => f.assetId));
    const bound = report.planDetail!.bindings.map((b) => b.assetId).sort();
    expect(bound).toEqual(listed.filter((t) => t.owner === 'alice' && !failedIds.has(t.id)).map((t) => t.id).sort());
    expect(report.plan.ownerUnreadable).toBe(listed.filter((t) => t.owner === null || failedIds.has(t.id)).length);
    // the report names them too, with their codes, and the run is partial
    expect(report.status).toBe('partial');
    expect(report.detailFailures!.count).toBe(failedIds.size);
    expect(new Set(report.detailFailures!.assets.map((f) => f.assetId))).toEqual(failedIds);
    for (const f of report.detailFailures!.assets) expect(f).toMatchObject({ kind: 'table', code: 'API_TRANSIENT', serviceCode: expect.any(String) });
  });

  it('credentials that fail every read still stop the run', async () => {
    const resolver = createDetailResolver(h.client({ credentials: { accessKeyId: h.emulator.credentials.accessKeyId, accessKeySecret: 'not-the-secret' } }));
    await expect(resolver.resolve(h.emulator.catalog().tables.slice(0, 3).map(tableView))).rejects.toBeInstanceOf(AuthenticationError);
  });
});
