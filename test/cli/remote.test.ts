/**
 * `autotag remote` against the deployed shape: the built CLI as a process, signing with the caller's
 * credentials from its environment, through the local FC's HTTP-trigger gateway (authType: function, ACS3
 * verified as FC's gateway does) to the BUILT http bundle running in a local FC instance with its role, and
 * on to the DataWorks emulator. What the gateway refuses never reaches the function.
 */
import { handlerEnv } from '../support/functions';
import { builtBundle, CALLER, ROLE, signedTriggerHeaders, STS_CALLER, startCloud, triggerRequest, type Cloud } from '../support/local-fc';
import type { HttpTrigger } from '../../emulator/fc';
import { credentialsEnv, runCli } from './built-cli';
import { README_HTTP_COMMANDS, withUrl } from './remote-readme';

describe('autotag remote (signed calls to the http function through the FC gateway)', () => {
  let cloud: Cloud;
  let trigger: HttpTrigger;
  beforeAll(async () => {
    cloud = await startCloud({ dataworks: { assets: 200 } });
    // the rule sets the bundle ships (rules/), as deployed
    const { AUTOTAG_RULES: _bundled, ...env } = handlerEnv(cloud.dataworks);
    cloud.fc.register({ name: 'autotag-http', bundle: builtBundle('http'), timeout: 60, memory: 512, role: ROLE, maxAsyncRetryAttempts: 0, env });
    trigger = await cloud.fc.startHttpTrigger('autotag-http');
  });
  afterAll(() => cloud.stop());

  const remote = (words: readonly string[], credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string } = CALLER) =>
    runCli(withUrl(words, trigger.url), { ...credentialsEnv(credentials), ...(credentials.securityToken && { ALIBABA_CLOUD_SECURITY_TOKEN: credentials.securityToken }) });
  const [rules, plan, run, inline] = README_HTTP_COMMANDS;

  it('lists the rule sets the function bundles', async () => {
    const r = await remote(rules);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^example \(example\.yaml\): 1 rule pii-user-tables/m);
    expect(r.stdout).toMatch(/^governance \(governance\.yaml/m);
    expect(cloud.fc.invocations().at(-1)).toMatchObject({ via: 'http-trigger', caller: CALLER.accessKeyId, status: 'succeeded' });
  });

  it('plans in the function and prints the plan as a local plan prints it, writing nothing', async () => {
    cloud.dataworks.resetStats();
    const r = await remote(plan);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Rule /m);
    expect(r.stdout).toContain('Dry run: nothing was written.');
    expect(r.stdout).toContain(`Apply it with: autotag remote run --url ${trigger.url} --rule-set governance`);
    expect(cloud.dataworks.calls().writeCalls).toBe(0);
  });

  it('runs in the function, prints the report, and the tags are bound; run again, nothing is left to write', async () => {
    const first = await remote(run);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Done: applied [1-9]/m);
    expect(cloud.dataworks.catalog().bindings.length).toBeGreaterThan(0);
    cloud.dataworks.resetStats();
    const again = await remote(run);
    expect(again.stdout).toMatch(/^Done: applied 0/m);
    expect(cloud.dataworks.calls().writeCalls).toBe(0);
  });

  it('sends a local rule file inline and prints the function\'s report as JSON; an STS caller signs its token too', async () => {
    const r = await remote(inline, STS_CALLER);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ trigger: 'http', dryRun: true, status: 'ok', planDetail: { runId: report.runId } });
    expect(cloud.fc.invocations().at(-1)).toMatchObject({ caller: STS_CALLER.accessKeyId });
    expect(r.stdout + r.stderr).not.toContain(STS_CALLER.accessKeySecret);
  });

  it('shows a request the function rejects as the input error it is (exit 2)', async () => {
    const r = await remote(['remote', 'plan', '--url', '"$URL"', '--rule-set', 'no-such-rules']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bundled: example, governance/);
  });

  it('refuses a URL that would send signed requests in clear text, before any call', async () => {
    const before = cloud.fc.invocations().length;
    const r = await runCli(['remote', 'rules', '--url', 'http://autotag.example.com'], credentialsEnv(CALLER));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--url.*loopback/);
    expect(cloud.fc.invocations()).toHaveLength(before);
  });

  describe('the gateway answers 403 and the function never runs', () => {
    const invocations = () => cloud.fc.invocations().length;

    it('for a caller whose secret is wrong, and the CLI says what to check (exit 1), printing no secret', async () => {
      const before = invocations();
      const r = await remote(rules, { ...CALLER, accessKeySecret: 'not-the-callers-secret' });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/HTTP 403 SignatureNotMatch/);
      expect(r.stderr).toContain('fc:InvokeFunction');
      expect(r.stderr).not.toContain('not-the-callers-secret');
      expect(invocations()).toBe(before);
    });

    it.each([
      ['an unsigned request', () => ({}), 'AccessDenied'],
      ['a wrongly signed one', () => signedTriggerHeaders('POST', `${trigger.url}/runs`, { credentials: { ...CALLER, accessKeySecret: 'wrong' } }), 'SignatureNotMatch'],
      ['an expired one (signed 16 minutes ago)', () => signedTriggerHeaders('POST', `${trigger.url}/runs`, { credentials: CALLER, date: new Date(Date.now() - 16 * 60_000).toISOString() }), 'RequestTimeTooSkewed'],
    ])('for %s', async (_what, headers, code) => {
      const before = invocations();
      const res = await triggerRequest(`${trigger.url}/runs`, { method: 'POST', headers: headers(), body: '{"dryRun":true}' });
      expect(res.status).toBe(403);
      expect(res.json()).toMatchObject({ ErrorCode: code });
      expect(invocations()).toBe(before);
    });
  });

  it('never leaked the role\'s secret into a log line', () => {
    expect(JSON.stringify(cloud.fc.invocations().flatMap((r) => r.attempts.flatMap((a) => a.logs)))).not.toContain(ROLE.accessKeySecret);
  });
});
