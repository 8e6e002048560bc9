/**
 * The functions keep table details where AUTOTAG_TABLE_CACHE points (in FC: the OSS mount s.yaml declares), so
 * another instance's run (a new cold start) reads no table again.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator';
import { sampleJson } from '../support/fixtures';
import { fcContext, functionModule, handlerEnv, loadHandler } from '../support/functions';

type Json = Record<string, unknown>;
const sample = sampleJson('http.json') as Json & { requestContext: Json & { http: Json } };

/** POST /runs?dryRun=true narrowed to a workspace: every untagged table's workspace comes from GetTable */
const narrowedDryRun = Buffer.from(
  JSON.stringify({
    ...sample,
    rawPath: '/runs',
    headers: { 'Content-Type': 'application/json' },
    queryParameters: { dryRun: 'true' },
    body: '{"ruleSet":"default","projects":["91234"]}',
    requestContext: { ...sample.requestContext, http: { ...sample.requestContext.http, method: 'POST', path: '/runs' } },
  }),
);

describe('runtime: the table-details cache of the functions', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ assets: 300, readQps: 0, writeQps: 0 });
  });
  afterAll(() => emulator.stop());

  it('a second instance reads no table the first one read, through the folder AUTOTAG_TABLE_CACHE names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'autotag-fc-cache-'));
    const env = handlerEnv(emulator, { AUTOTAG_TABLE_CACHE: dir });
    const getTables = async () => {
      emulator.resetStats();
      const res = (await loadHandler(functionModule('http'), env)(narrowedDryRun, fcContext(emulator))) as { statusCode: number };
      expect(res.statusCode).toBe(200);
      return emulator.calls().byAction.GetTable?.calls ?? 0;
    };
    expect(await getTables()).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'v1'))).toHaveLength(1); // one namespace: the DataWorks endpoint
    expect(await getTables()).toBe(0);
  });
});
