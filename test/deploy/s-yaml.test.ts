import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { loadConfig } from '../../shared/runtime/config';
import { loadRuleSet } from '../../shared/rules';
import { TRIGGERS } from '../../shared/triggers';
import { SUBSCRIBED_EVENT_TYPES } from '../../shared/triggers/eventbridge';
import { parseScheduledEvent } from '../../shared/triggers/timer';
import { FIXTURES_DIR } from '../support/fixtures';

const ROOT = resolve(__dirname, '..', '..');

type Json = Record<string, unknown>;
interface Trigger {
  triggerName: string;
  triggerType: string;
  triggerConfig: Json;
}
interface Props extends Json {
  functionName: string;
  environmentVariables: Record<string, string>;
  asyncInvokeConfig: Json;
  triggers: Trigger[];
}

/** `${vars.name}` is the only expression resolved: the schema checks region against its enum. */
function resolveVars(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{vars\.([A-Za-z0-9_]+)\}/g, (_m, name: string) => {
      if (!(name in vars)) throw new Error(`s.yaml uses \${vars.${name}}, which vars does not define`);
      return vars[name];
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolveVars(v, vars));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveVars(v, vars)]));
  return value;
}

const spec = parse(readFileSync(resolve(ROOT, 's.yaml'), 'utf8')) as { edition: string; vars: Record<string, string>; resources: Record<string, { component: string; props: Json }> };
const resources = Object.entries(spec.resources).map(([name, r]) => ({ name, component: r.component, props: resolveVars(r.props, spec.vars) as Props }));
const byName = (name: string) => resources.find((r) => r.name === name)!.props;
/** The configuration a function needs: what the triggers delivering to it require. */
const requiredBy = (props: Props) => TRIGGERS.filter((t) => props.triggers.some((d) => d.triggerType === t.fcTriggerType)).flatMap((t) => t.requires);

const schema = JSON.parse(readFileSync(resolve(FIXTURES_DIR, 'fc3-props.schema.json'), 'utf8')) as Json & { definitions: Json };
const ajv = new Ajv({ allErrors: true, strict: false });
const validateProps = ajv.compile(schema);
/** The schema's `triggerConfig` is an anyOf of every trigger type: check each against its own type too. */
const CONFIG_OF: Record<string, string> = { timer: 'ITimerTriggerConfig', http: 'IHttpTriggerConfig', eventbridge: 'IEventBridge' };
const configValidators: Record<string, ValidateFunction> = Object.fromEntries(
  Object.entries(CONFIG_OF).map(([type, def]) => [type, ajv.compile({ definitions: schema.definitions, $ref: `#/definitions/${def}` })]),
);

describe('deploy/s.yaml', () => {
  describe('s preview', () => {
    it('renders s.yaml with Serverless Devs itself, offline, each function in it, and prints no secret from the environment', async () => {
      const home = mkdtempSync(join(tmpdir(), 'autotag-s-'));
      // what a deploying shell may hold: the deployer's keys and a token an older s.yaml passed through ${env(...)}
      const secrets = { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'canary-deployer-secret-5f1e', ALIBABA_CLOUD_SECURITY_TOKEN: 'canary-sts-token-9a7b', AUTOTAG_HTTP_TOKEN: 'canary-http-token-3c2d' };
      const env = { PATH: process.env.PATH, HOME: home, CI: 'true', ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIcanarydeployer', ...secrets };
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [require.resolve('@serverless-devs/s/bin/s'), 'preview'], { cwd: ROOT, env, timeout: 60_000 });
      for (const r of resources) expect(stdout).toContain(r.props.functionName);
      for (const secret of Object.values(secrets)) expect(stdout + stderr).not.toContain(secret);
    });

    it('passes nothing from the deploying shell into a function: no ${env(...)} anywhere', () => {
      expect(readFileSync(resolve(ROOT, 's.yaml'), 'utf8')).not.toMatch(/\$\{env\(/);
    });
  });

  describe('resources', () => {
    it('is an edition 3.0.0 file with one fc3 resource per function', () => {
      expect(spec.edition).toBe('3.0.0');
      expect(resources.map((r) => [r.name, r.component])).toEqual([
        ['scheduled', 'fc3'],
        ['events', 'fc3'],
        ['http', 'fc3'],
      ]);
    });

    it.each(resources.map((r) => [r.name, r.props] as const))('%s: props validate against the fc3 schema', (_name, props) => {
      const ok = validateProps(props);
      expect(validateProps.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });

    it.each(resources.flatMap((r) => r.props.triggers.map((t) => [`${r.name}/${t.triggerName}`, t] as const)))('%s: triggerConfig validates against its own type', (_name, trigger) => {
      const validate = configValidators[trigger.triggerType];
      expect(validate).toBeDefined();
      validate(trigger.triggerConfig);
      expect(validate.errors ?? []).toEqual([]);
    });

    it.each(resources.map((r) => [r.name, r.props] as const))('%s: Node.js 20 bundle, existing role, logs, explicit async retries', (name, props) => {
      expect(props).toMatchObject({ runtime: 'nodejs20', code: `./dist/${name}`, handler: 'index.handler', role: spec.vars.role, logConfig: 'auto' });
      expect(props.functionName).toMatch(/^[_a-zA-Z][-_a-zA-Z0-9]*$/);
      expect(Object.keys(props.asyncInvokeConfig).sort()).toEqual(expect.arrayContaining(['maxAsyncEventAgeInSeconds', 'maxAsyncRetryAttempts']));
    });

    /** The destination ARN forms FC accepts (research §10): MNS topic or queue, EventBridge bus, FC function; account may be empty. */
    const DESTINATION = /^acs:(mns:[a-z0-9-]+:\d*:\/(topics|queues)\/[A-Za-z0-9-]+\/messages|eventbridge:[a-z0-9-]+:\d*:eventbus\/[A-Za-z0-9_-]+|fc:[a-z0-9-]+:\d*:functions\/[_A-Za-z][-_A-Za-z0-9]*)$/;

    it('the async functions (scheduled, events) send what still fails after their retries to one failure destination, a variable', () => {
      expect(spec.vars.failureDestination).toMatch(DESTINATION);
      for (const name of ['scheduled', 'events']) {
        expect(spec.resources[name].props.asyncInvokeConfig).toMatchObject({ destinationConfig: { onFailure: { destination: '${vars.failureDestination}' } } });
        expect(byName(name).asyncInvokeConfig).toMatchObject({ destinationConfig: { onFailure: { destination: spec.vars.failureDestination } } });
      }
      // an HTTP run is answered to its caller, and never retried by FC
      expect(byName('http').asyncInvokeConfig).not.toHaveProperty('destinationConfig');
    });

    it.each([
      'acs:mns:cn-hangzhou::/topics/autotag-failures/messages',
      'acs:mns:cn-hangzhou:1234567890123456:/queues/autotag-failures/messages',
      'acs:eventbridge:cn-hangzhou:1234567890123456:eventbus/default',
      'acs:fc:cn-hangzhou::functions/autotag-failure-handler',
    ])('%s: a destination form the fc3 schema takes', (destination) => {
      expect(destination).toMatch(DESTINATION);
      const props = { ...byName('scheduled'), asyncInvokeConfig: { ...byName('scheduled').asyncInvokeConfig, destinationConfig: { onFailure: { destination } } } };
      expect(validateProps(props) || validateProps.errors).toBe(true);
    });

    it('runs a rule set that the bundle ships and that loads', async () => {
      expect(spec.vars.rules).toMatch(/^rules\/[^/]+\.(ya?ml|json)$/);
      await expect(loadRuleSet(resolve(ROOT, spec.vars.rules))).resolves.toMatchObject({ version: 1 });
    });

    it.each(resources.map((r) => [r.name, r.props] as const))('%s: its environment is a configuration the function accepts, within 4 KB', (_name, props) => {
      const config = loadConfig(props.environmentVariables, { baseDir: '/code', require: requiredBy(props) });
      expect(config.rulesPath).toBe(`/code/${spec.vars.rules}`);
      expect(config.region).toBe(spec.vars.region);
      expect(JSON.stringify(props.environmentVariables).length).toBeLessThan(4096);
    });
  });

  describe('table-details cache', () => {
    it.each(['scheduled', 'http'])('%s: AUTOTAG_TABLE_CACHE lies on a writable OSS mount of the function, in its region', (name) => {
      const props = byName(name) as Props & { ossMountConfig: { mountPoints: { bucketName: string; endpoint: string; mountDir: string; readOnly?: boolean }[] } };
      const cacheDir = props.environmentVariables.AUTOTAG_TABLE_CACHE;
      const [mount] = props.ossMountConfig.mountPoints.filter((m) => cacheDir.startsWith(`${m.mountDir}/`));
      expect(mount).toMatchObject({ bucketName: spec.vars.cacheBucket, readOnly: false, endpoint: `http://oss-${spec.vars.region}-internal.aliyuncs.com` });
    });
  });

  describe('triggers', () => {
    it('deploys every trigger autotag has (shared/triggers), and only those', () => {
      const deployed = new Set(resources.flatMap((r) => r.props.triggers.map((t) => t.triggerType)));
      expect([...deployed].sort()).toEqual(TRIGGERS.map((t) => t.fcTriggerType).sort());
    });

    it('scheduled: a timer in an explicit time zone whose payload parses as a run scope, fanning out to itself', () => {
      const props = byName('scheduled');
      const [timer] = props.triggers;
      expect(timer.triggerType).toBe('timer');
      expect(timer.triggerConfig.cronExpression).toMatch(/^CRON_TZ=[A-Za-z_]+\/[A-Za-z_]+ (\S+ ){5}\S+$/);
      const event = { triggerTime: '2024-06-03T18:00:00Z', triggerName: timer.triggerName, payload: timer.triggerConfig.payload };
      expect(parseScheduledEvent(event).scope).toEqual({ mode: 'full' });
      expect(props.environmentVariables.AUTOTAG_SHARD_FUNCTION).toBe(props.functionName);
    });

    it('events: an async EventBridge trigger on the default bus for exactly the event types that name an asset', () => {
      const [trigger] = byName('events').triggers;
      expect(trigger).toMatchObject({ triggerType: 'eventbridge', triggerConfig: { asyncInvocationType: true, triggerEnable: true, eventSourceConfig: { eventSourceType: 'Default' } } });
      const pattern = JSON.parse(trigger.triggerConfig.eventRuleFilterPattern as string) as { source: string[]; type: string[] };
      expect(pattern.source).toEqual(['acs.dataworks']);
      expect([...pattern.type].sort()).toEqual([...SUBSCRIBED_EVENT_TYPES].sort());
    });

    it('http: signed requests only (the function checks no credential of its own), GET and POST', () => {
      const [trigger] = byName('http').triggers;
      expect(trigger).toMatchObject({ triggerType: 'http', triggerConfig: { authType: 'function' } });
      expect([...(trigger.triggerConfig.methods as string[])].sort()).toEqual(['GET', 'POST']);
      // a folder on the OSS mount, not a credential
      expect(Object.keys(byName('http').environmentVariables).sort()).toEqual(['AUTOTAG_REGION', 'AUTOTAG_RULES', 'AUTOTAG_TABLE_CACHE']);
    });

    it('scheduled: keeps each run\'s report and coverage in the mounted bucket\'s folder, an absolute path the function accepts', () => {
      expect(spec.resources.scheduled.props.environmentVariables).toMatchObject({ AUTOTAG_REPORTS_DIR: '${vars.cacheMountDir}/reports' });
      const props = byName('scheduled');
      expect(props.environmentVariables.AUTOTAG_REPORTS_DIR).toBe(`${spec.vars.cacheMountDir}/reports`);
      expect(loadConfig(props.environmentVariables, { baseDir: '/code' }).reportsDir).toBe('/mnt/autotag-cache/reports');
      // the other functions write no report
      for (const name of ['events', 'http']) expect(byName(name).environmentVariables).not.toHaveProperty('AUTOTAG_REPORTS_DIR');
    });

    it('events: hands assets not visible yet to itself', () => {
      const props = byName('events');
      expect(props.environmentVariables.AUTOTAG_LATE_ASSET_FUNCTION).toBe(props.functionName);
    });
  });
});
