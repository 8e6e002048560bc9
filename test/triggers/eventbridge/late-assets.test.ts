/**
 * The events trigger on a fake clock (shared by the function and the DataWorks emulator's visibility), as
 * FC would run it minus the wall clock: assets that appear late are looked for again with growing waits
 * and then handed to a later invocation (through the local FC's API, delayed with x-fc-async-delay); a
 * batch with an unknown and an invalid asset applies the rest and fails nothing; a batch of 300 assets is
 * re-read in batches and finishes well inside the function's budget; a duplicate delivery writes nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeClock } from '../../../shared/clock';
import { coldStart, openInvocation } from '../../../shared/runtime';
import { eventbridge } from '../../../shared/triggers';
import type { EventOutcome } from '../../../shared/triggers/eventbridge';
import { LAST_ATTEMPT, LATE_ASSETS } from '../../../shared/triggers/eventbridge/late-assets';
import { tableAssetId } from '../../../emulator';
import { sampleJson } from '../../support/fixtures';
import { fcContext, handlerEnv, parsed, tagsOf } from '../../support/functions';
import { fixtureBundle, ROLE, startCloud, type Cloud } from '../../support/local-fc';
import { manualTimers, type ManualTimers } from '../../../emulator/fc';

type Json = Record<string, unknown>;
const commitTable = (tableName: string, maxComputeProject = 'sales_dw', id = `commit-${tableName}`) => {
  const sample = sampleJson('eventbridge-dataworks-table-commit.json') as Json;
  return { ...sample, id, data: { ...(sample.data as Json), tableName, maxComputeProject } };
};
const nodeChange = (nodeId: number, projectId: number, id = `node-${nodeId}`) => {
  const sample = sampleJson('eventbridge-dataworks-node-change-created.json') as Json;
  return { ...sample, id, data: { ...(sample.data as Json), nodeId, projectId } };
};
const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('the events trigger: late assets and partly failing batches (fake clock)', () => {
  let cloud: Cloud;
  let timers: ManualTimers;
  let clock: ReturnType<typeof fakeClock>;
  beforeEach(async () => {
    clock = fakeClock(Date.now());
    timers = manualTimers();
    cloud = await startCloud({ dataworks: { assets: 3000, seed: 5, clock }, fc: { timers } });
    // what the events function hands late assets to: here a function that records what it is given
    cloud.fc.register({ name: 'autotag-events', bundle: fixtureBundle('echo'), timeout: 10, role: ROLE });
  });
  afterEach(() => cloud.stop());

  /** One invocation of the trigger as functions/events runs it, on the fake clock, with FC's context. */
  async function invoke(event: Buffer, options: { env?: Record<string, string>; lines?: string[]; timeout?: number } = {}): Promise<EventOutcome> {
    const env = handlerEnv(cloud.dataworks, { AUTOTAG_LATE_ASSET_FUNCTION: 'autotag-events', AUTOTAG_FC_ENDPOINT: cloud.fc.url, ...options.env });
    const lines = options.lines ?? [];
    const cold = coldStart({ env, baseDir: __dirname, clock, write: (l) => lines.push(l) });
    const context = fcContext(cloud.dataworks, { accountId: cloud.fc.accountId, region: cloud.fc.region, credentials: ROLE, function: { name: 'autotag-events', timeout: options.timeout ?? 120 } });
    return (await eventbridge.handle(openInvocation(cold, context, eventbridge.name, clock.now()), event)) as EventOutcome;
  }

  it('an early CommitTable: the table appears 3 s later, found after waits of 0.5, 1 and 2 s, and tagged in the same invocation', async () => {
    const table = tableAssetId('sales_dw', 'dim_customer');
    cloud.dataworks.delayAsset({ assetId: table, visibleInMs: 3_000 });
    const outcome = await invoke(bytes(commitTable('dim_customer')));
    expect(clock.slept.filter((ms) => (LATE_ASSETS.waitsMs as readonly number[]).includes(ms))).toEqual([500, 1_000, 2_000]);
    expect(outcome).toMatchObject({ attempt: 1, notFound: [], invalid: [], report: { status: 'ok', result: { applied: 1 } } });
    expect(outcome.handedOn).toBeUndefined();
    expect(tagsOf(cloud.dataworks, table)).toMatchObject({ layer: 'dim' });
  });

  it('a table still not visible when the invocation may look no longer is handed on, delayed, and the later invocation tags it', async () => {
    const table = tableAssetId('sales_dw', 'dim_customer');
    cloud.dataworks.delayAsset({ assetId: table, visibleInMs: 10 * 60_000 });
    const lines: string[] = [];
    const first = await invoke(bytes(commitTable('dim_customer')), { lines });
    expect(first).toMatchObject({ attempt: 1, notFound: [], handedOn: { assets: ['table sales_dw.dim_customer'], attempt: 2, delaySeconds: 60 } });
    expect(first.report).toBeUndefined();
    expect(parsed(lines)).toContainEqual(expect.objectContaining({ msg: 'event assets not visible yet: looking again later', attempt: 2 }));

    // FC holds the hand-on for 60 s, then runs the function with just that asset
    const [handOn] = cloud.fc.invocations();
    expect(handOn).toMatchObject({ functionName: 'autotag-events', invocationType: 'Async', via: 'fc3-api', caller: ROLE.accessKeyId, status: 'queued' });
    timers.advance(60_000);
    await cloud.fc.waitIdle();
    const payload = JSON.parse(handOn.payload.toString('utf8'));
    expect(payload).toMatchObject({ source: 'autotag', type: 'autotag:Targets:LookAgain', data: { attempt: 2, targets: [{ kind: 'table', maxcomputeProject: 'sales_dw', tableName: 'dim_customer' }] } });

    clock.advance(10 * 60_000);
    const second = await invoke(bytes(payload));
    expect(second).toMatchObject({ attempt: 2, targets: 1, notFound: [], report: { status: 'ok', result: { applied: 1 } } });
    expect(tagsOf(cloud.dataworks, table)).toMatchObject({ layer: 'dim' });
  });

  it('reports an asset as not found, with its id, only after the last attempt', async () => {
    const lookAgain = { specversion: '1.0', id: 'again-1', source: 'autotag', type: 'autotag:Targets:LookAgain', data: { attempt: LAST_ATTEMPT, origin: 'req-0', targets: [{ kind: 'task', taskId: 123, projectId: 91234 }] } };
    const outcome = await invoke(bytes(lookAgain));
    expect(outcome).toMatchObject({ attempt: LAST_ATTEMPT, notFound: [{ asset: 'task 123 in workspace 91234', ref: { kind: 'task', taskId: 123, projectId: 91234 }, attempts: LAST_ATTEMPT }] });
    expect(outcome.handedOn).toBeUndefined();
    expect(cloud.fc.invocations()).toEqual([]);
  });

  it('a batch with an unknown and an invalid asset applies the rest and fails nothing; only the unknown is looked for again', async () => {
    const lines: string[] = [];
    const batch = [nodeChange(700000000003, 91234), commitTable('dim_customer'), nodeChange(123, 91234), commitTable('t1', 'no_such_project')];
    const outcome = await invoke(bytes(batch), { lines });
    expect(outcome.report).toMatchObject({ status: 'ok', result: { applied: 2, failed: 0 }, sourceErrors: [] });
    expect(outcome.invalid).toEqual([{ asset: 'table no_such_project.t1', code: 'InvalidParameter.ParentMetaEntityId.NotFound', message: expect.any(String) }]);
    expect(outcome.handedOn).toMatchObject({ assets: ['task 123 in workspace 91234'] });
    expect(tagsOf(cloud.dataworks, '700000000003')).toMatchObject({ layer: 'ods' });
    expect(tagsOf(cloud.dataworks, tableAssetId('sales_dw', 'dim_customer'))).toMatchObject({ layer: 'dim' });
    expect(parsed(lines)).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'event asset refused by the API: dropped', asset: 'table no_such_project.t1' }));
    // without a later invocation to hand to, the unknown one is reported as not found at once
    const alone = await invoke(bytes(batch), { env: { AUTOTAG_LATE_ASSET_FUNCTION: '' } });
    expect(alone.notFound).toEqual([{ asset: 'task 123 in workspace 91234', ref: { kind: 'task', taskId: 123, projectId: 91234 }, attempts: 1 }]);
  });

  it('a duplicate delivery is harmless: the second finds the tags present and writes nothing', async () => {
    const event = bytes(commitTable('dim_customer'));
    expect((await invoke(event)).report?.result.applied).toBe(1);
    cloud.dataworks.resetStats();
    const again = await invoke(event);
    expect(again.report).toMatchObject({ status: 'ok', result: { applied: 0 }, plan: { present: 1 } });
    expect(cloud.dataworks.calls().writeCalls).toBe(0);
  });

  it('re-reads a batch of 300 assets together and finishes well inside the 120 s budget at the 50/20 QPS quota', async () => {
    const catalog = cloud.dataworks.catalog();
    const tasks = catalog.tasks.filter((t) => t.projectId === 10001 && t.projectEnv === 'Prod').slice(0, 200);
    const tables = catalog.tables.filter((t) => t.maxcomputeProject === 'user_dw').slice(0, 100);
    expect([tasks.length, tables.length]).toEqual([200, 100]);
    const rules = join(mkdtempSync(join(tmpdir(), 'autotag-300-')), 'batch.yaml');
    writeFileSync(rules, ['version: 1', 'tagKeys: [{ key: pii, values: ["true"] }]', 'sources: { tagged: true }', 'rules:', '  - id: all', '    match: { name: "*" }', '    tags: { pii: "true" }', ''].join('\n'));
    const batch = [...tasks.map((t) => nodeChange(t.id, t.projectId)), ...tables.map((t) => commitTable(t.name, t.maxcomputeProject))];
    cloud.dataworks.resetStats();
    const started = clock.now();

    const outcome = await invoke(bytes(batch), { env: { AUTOTAG_RULES: rules } });

    expect(outcome).toMatchObject({ targets: 300, notFound: [], invalid: [], report: { status: 'ok' } });
    const calls = Object.fromEntries(Object.entries(cloud.dataworks.calls().byAction).map(([action, s]) => [action, s.calls]));
    // tasks: 2 ListTasks of 100 ids and 2 ListDataAssets for their tags; tables: 1 ListTables each, then 1 ListDataAssets per 100;
    // and right before each of the 3 bind calls (100 ids each), 1 ListDataAssets re-reading its assets (a concurrent writer)
    expect(calls).toMatchObject({ ListTasks: 2, ListTables: 100, ListDataAssets: 6 });
    const reads = cloud.dataworks.calls().readCalls;
    expect(reads).toBeLessThanOrEqual(110);
    // at 50 reads/s that is a little over 2 s of the budget (120 s, less the margin)
    expect(clock.now() - started).toBeLessThan(10_000);
    expect(outcome.report!.result.applied + outcome.report!.plan.present).toBe(300);
  });
});
