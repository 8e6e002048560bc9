import { createFc3Invoker } from '../../../shared/fanout';
import { sampleJson } from '../../support/fixtures';
import { handlerEnv, tagsOf } from '../../support/functions';
import { builtBundle, CALLER, ROLE, startCloud, type Cloud } from '../../support/local-fc';

// Smoke check of the deployed shape: the built dist/scheduled bundle (jest's global setup builds it) as FC
// runs it — its own process, s.yaml-like environment, the role's STS triple — fired by an async timer
// invocation, fanning out to itself through the local FC with its own FC 3.0 invoker.
describe('the built scheduled bundle on the local FC', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startCloud({ dataworks: { assets: 200 } });
    cloud.fc.register({
      name: 'autotag-scheduled',
      bundle: builtBundle('scheduled'),
      timeout: 120,
      memory: 512,
      role: ROLE,
      maxAsyncRetryAttempts: 1,
      env: handlerEnv(cloud.dataworks, { AUTOTAG_SHARD_FUNCTION: 'autotag-scheduled', AUTOTAG_SHARDING: 'always', AUTOTAG_FC_ENDPOINT: cloud.fc.url }),
    });
  });
  afterAll(() => cloud.stop());

  it('runs a timer event: the full run fans out, each shard is invoked through the FC 3.0 API with the role, and the tags are bound', async () => {
    const invoker = createFc3Invoker({ accountId: cloud.fc.accountId, region: cloud.fc.region, credentials: CALLER, endpoint: cloud.fc.endpoint });
    const { requestId } = await invoker.invokeAsync('autotag-scheduled', sampleJson('timer.json') as object);
    await cloud.fc.waitIdle(60_000);

    const records = cloud.fc.invocations();
    expect(records.map((r) => r.status)).toEqual(records.map(() => 'succeeded'));
    const [timer, ...shards] = records;
    expect(timer).toMatchObject({ requestId, caller: CALLER.accessKeyId, result: { kind: 'fan-out', runId: requestId } });
    expect(shards.length).toBeGreaterThanOrEqual(2);
    expect(shards.every((s) => s.via === 'fc3-api' && s.caller === ROLE.accessKeyId && s.invocationType === 'Async')).toBe(true);
    expect(tagsOf(cloud.dataworks, 'maxcompute-table:::sales_dw::dim_customer')).toMatchObject({ layer: 'dim' });
    expect(tagsOf(cloud.dataworks, '700000000003')).toMatchObject({ layer: 'ods' });
    expect(JSON.stringify(records.flatMap((r) => r.attempts.flatMap((a) => a.logs)))).not.toContain(ROLE.accessKeySecret);
  });
});
