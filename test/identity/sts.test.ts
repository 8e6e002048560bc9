/**
 * STS GetCallerIdentity as autotag asks it (the real openapi-client, ACS3-signed) against the emulator, which
 * answers it beside DataWorks: the identity of each AccessKey (a RAM user, an STS triple's assumed role, one an
 * option names), asked once per resolver, a failure left out with one warning; and none of it in DataWorks' budget,
 * faults or counts.
 */
import { startEmulator, type Emulator } from '../../emulator';
import { createDataWorksClient, resolveEndpoint } from '../../shared/dataworks';
import { fakeClock } from '../../shared/clock';
import { createActorResolver, getCallerIdentity, stsEndpoint } from '../../shared/identity';
import { createLogger, silentLogger } from '../../shared/log';

const USER = { accessKeyId: 'LTAIidentityuser01', accessKeySecret: 'identity-user-secret-0123' };
const ROLE = { accessKeyId: 'STS.identityrole01', accessKeySecret: 'identity-role-secret-0123', securityToken: 'identity-role-token-0123' };
const NAMED = { accessKeyId: 'LTAIidentitynamed1', accessKeySecret: 'identity-named-secret-012', identity: { arn: 'acs:ram::1234567890123456:assumed-role/autotag-fc/fc-session' } };

describe('STS GetCallerIdentity against the emulator', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    // a read budget of 1 call per second: a DataWorks read right after the STS calls is refused if they took any of it
    emulator = await startEmulator({ assets: 20, readQps: 1, writeQps: 0, credentials: [USER, ROLE, NAMED], faults: { failRate: 1, kinds: ['5xx'], seed: 1 } });
  });
  afterAll(() => emulator.stop());
  const endpoint = () => stsEndpoint({ dataworks: resolveEndpoint({ endpoint: emulator.url, env: {} }) });

  it('answers who each AccessKey is, as the API reference shapes it', async () => {
    await expect(getCallerIdentity({ credentials: USER, endpoint: endpoint(), timeoutMs: 3000 })).resolves.toEqual({
      arn: 'acs:ram::1234567890123456:user/emulator-user',
      accountId: '1234567890123456',
      identityType: 'RAMUser',
      principalId: expect.stringMatching(/^\d{16}$/),
    });
    await expect(getCallerIdentity({ credentials: ROLE, endpoint: endpoint(), timeoutMs: 3000 })).resolves.toMatchObject({
      arn: 'acs:ram::1234567890123456:assumed-role/emulator-role/emulator-session',
      identityType: 'AssumedRoleUser',
      principalId: expect.stringMatching(/^\d{16}:emulator-session$/),
    });
    await expect(getCallerIdentity({ credentials: async () => NAMED, endpoint: endpoint(), timeoutMs: 3000 })).resolves.toMatchObject({ arn: NAMED.identity.arn, identityType: 'AssumedRoleUser' });
  });

  it('takes nothing of DataWorks: no read budget, no injected fault, counted apart from its calls', async () => {
    emulator.resetStats();
    // every DataWorks call of this emulator fails (failRate 1): the STS calls above and here do not
    for (let i = 0; i < 3; i++) await getCallerIdentity({ credentials: USER, endpoint: endpoint(), timeoutMs: 3000 });
    expect(emulator.calls()).toMatchObject({ total: 0, readCalls: 0, faultsInjected: 0, otherServices: { GetCallerIdentity: 3 } });
    emulator.setFaults(undefined);
    const api = createDataWorksClient({ credentials: USER, endpoint: resolveEndpoint({ endpoint: emulator.url, env: {} }), clock: fakeClock(Date.now()), logger: silentLogger, retry: { maxAttempts: 1 } });
    await expect(api.listDataAssetTags({ pageNumber: 1, pageSize: 10 })).resolves.toBeDefined();
    expect(emulator.calls()).toMatchObject({ total: 1, readCalls: 1, throttled: 0 });
  });

  it('refuses a key it does not know, in the words of a signature failure', async () => {
    await expect(getCallerIdentity({ credentials: { accessKeyId: 'LTAIunknown000001', accessKeySecret: 'x' }, endpoint: endpoint(), timeoutMs: 3000 })).rejects.toMatchObject({
      code: 'STS_CALL_FAILED',
      serviceCode: 'InvalidAccessKeyId.NotFound',
    });
  });

  it('asks once per resolver and keeps the answer; a failure is one warning and no actor', async () => {
    emulator.resetStats();
    const actor = createActorResolver({ credentials: ROLE, endpoint: endpoint(), logger: silentLogger });
    expect(await actor()).toBe('acs:ram::1234567890123456:assumed-role/emulator-role/emulator-session');
    expect(await actor()).toBe('acs:ram::1234567890123456:assumed-role/emulator-role/emulator-session');
    expect(emulator.calls().otherServices).toEqual({ GetCallerIdentity: 1 });

    const lines: string[] = [];
    const told: string[] = [];
    const closed = { endpoint: '127.0.0.1:9', protocol: 'HTTP' as const };
    const failing = createActorResolver({ credentials: ROLE, endpoint: closed, logger: createLogger({ write: (l) => lines.push(l) }), onFailure: (m) => told.push(m) });
    expect(await failing()).toBeUndefined();
    expect(await failing()).toBeUndefined();
    expect(lines.map((l) => JSON.parse(l) as { level: string; msg: string })).toEqual([
      expect.objectContaining({ level: 'warn', msg: expect.stringContaining('its audit records leave out the actor') }),
    ]);
    expect(told).toHaveLength(1);
    expect(lines.join('\n')).not.toContain(ROLE.accessKeySecret);
    expect(lines.join('\n')).not.toContain(ROLE.securityToken);
  });
});

describe('stsEndpoint', () => {
  const dataworks = (url: string, regionId?: string) => ({ ...resolveEndpoint({ endpoint: url, env: {} }), regionId });
  it('asks a loopback stand-in where DataWorks is, the region\'s STS otherwise, and an explicit endpoint first', () => {
    expect(stsEndpoint({ dataworks: dataworks('http://127.0.0.1:8080') })).toEqual({ endpoint: '127.0.0.1:8080', protocol: 'HTTP' });
    expect(stsEndpoint({ dataworks: resolveEndpoint({ regionId: 'cn-shanghai', env: {} }) })).toEqual({ endpoint: 'sts.cn-shanghai.aliyuncs.com', protocol: 'HTTPS', regionId: 'cn-shanghai' });
    expect(stsEndpoint({ dataworks: dataworks('https://dataworks-vpc.cn-hangzhou.aliyuncs.com', 'cn-hangzhou') })).toMatchObject({ endpoint: 'sts.cn-hangzhou.aliyuncs.com' });
    expect(stsEndpoint({ dataworks: dataworks('https://dataworks.example.com') })).toMatchObject({ endpoint: 'sts.aliyuncs.com' });
    expect(stsEndpoint({ explicit: { endpoint: 'sts-vpc.cn-hangzhou.aliyuncs.com', protocol: 'HTTPS' }, dataworks: dataworks('http://127.0.0.1:8080', 'cn-hangzhou') })).toEqual({
      endpoint: 'sts-vpc.cn-hangzhou.aliyuncs.com',
      protocol: 'HTTPS',
      regionId: 'cn-hangzhou',
    });
  });
});
