import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator';
import type { HttpResponse } from '../../shared/triggers/http';
import { fcContext, handlerEnv, loadHandler } from '../support/functions';
import { FIXTURES_DIR, sampleEvent, sampleJson } from '../support/fixtures';

const ROOT = resolve(__dirname, '..', '..');
const FUNCTIONS = ['scheduled', 'events', 'http'];
const bundle = (name: string) => join(ROOT, 'dist', name, 'index.js');

describe('deploy/bundles', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ assets: 100, readQps: 0, writeQps: 0 });
  });
  afterAll(() => emulator?.stop());

  describe('npm run build', () => {
    it.each(FUNCTIONS)('makes dist/%s/index.js with the repository rule sets beside it', (name) => {
      expect(existsSync(bundle(name))).toBe(true);
      const shipped = readdirSync(join(ROOT, 'dist', name, 'rules')).sort();
      expect(shipped).toEqual(readdirSync(join(ROOT, 'rules')).sort());
    });
  });

  describe('handler of each bundle', () => {
    it('scheduled: runs the sample timer event against the emulator', async () => {
      const outcome = (await loadHandler(bundle('scheduled'), handlerEnv(emulator))(sampleEvent('timer.json'), fcContext(emulator))) as { kind: string; report: { status: string } };
      expect(outcome).toMatchObject({ kind: 'run', report: { status: 'ok', trigger: 'timer' } });
    });

    it('events: runs the sample NodeChangeCreated event against the emulator', async () => {
      const outcome = await loadHandler(bundle('events'), handlerEnv(emulator))(sampleEvent('eventbridge-dataworks-node-change-created.json'), fcContext(emulator));
      expect(outcome).toMatchObject({ targets: 1, report: { status: 'ok', trigger: 'event' } });
    });

    it('http: answers the base64 sample with a report, and the sample request (a workspace name) with a 400', async () => {
      const handler = loadHandler(bundle('http'), handlerEnv(emulator));
      const ok = (await handler(sampleJson('http-base64.json'), fcContext(emulator))) as HttpResponse;
      expect([ok.statusCode, JSON.parse(ok.body).status]).toEqual([200, 'ok']);
      const refused = (await handler(sampleEvent('http.json'), fcContext(emulator))) as HttpResponse;
      expect(refused.statusCode).toBe(400);
    });

    // every sample (the HTTP response sample is an answer, not an event) through the built handler of the trigger that delivers it
    const functionOf = (file: string) => (file.startsWith('timer') ? 'scheduled' : file.startsWith('http') ? 'http' : 'events');
    it.each(readdirSync(join(FIXTURES_DIR, 'events')).filter((f) => f !== 'http-response.json'))('%s: goes through its function\'s built handler and is answered, not thrown', async (file) => {
      const result = (await loadHandler(bundle(functionOf(file)), handlerEnv(emulator))(sampleEvent(file), fcContext(emulator))) as Record<string, unknown>;
      expect(result).toEqual(expect.any(Object));
      expect(result.status).not.toBe('failed');
      if (functionOf(file) === 'http') expect(result.statusCode).toBeLessThan(500);
    });

    it('scheduled: a minified bundle still names its errors by class (they are matched and shown by name)', async () => {
      const event = { triggerTime: '2024-06-03T18:00:00Z', triggerName: 'nightly', payload: '{"ruleSet":"no-such-rule-set"}' };
      const outcome = JSON.stringify(await loadHandler(bundle('scheduled'), handlerEnv(emulator))(Buffer.from(JSON.stringify(event)), fcContext(emulator)));
      expect(outcome).toContain('"name":"InvalidInputError"');
    });

    it('http: finds the rule sets shipped in its bundle when AUTOTAG_RULES is left at its default', async () => {
      const env = { ...handlerEnv(emulator) };
      delete env.AUTOTAG_RULES;
      const sample = sampleJson('http.json') as { requestContext: Record<string, unknown> };
      const requestContext = { ...sample.requestContext, http: { method: 'GET', path: '/rules' } };
      const event = { ...sample, rawPath: '/rules', body: '', queryParameters: {}, headers: {}, requestContext };
      const res = (await loadHandler(bundle('http'), env)(event, fcContext(emulator))) as HttpResponse;
      expect(res.statusCode).toBe(200);
      const names = (JSON.parse(res.body) as { ruleSets: { file: string }[] }).ruleSets.map((r) => r.file).sort();
      expect(names).toEqual(readdirSync(join(ROOT, 'rules')).filter((f) => /\.(ya?ml|json)$/.test(f)).sort());
    });
  });
});
