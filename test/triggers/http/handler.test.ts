import { startEmulator, type Emulator } from '../../../emulator';
import type { HttpResponse } from '../../../shared/triggers/http';
import { sampleJson } from '../../support/fixtures';
import { fcContext, functionModule, handlerEnv, loadHandler, parsed } from '../../support/functions';

const HANDLER = functionModule('http');

type Json = Record<string, unknown>;
const sample = sampleJson('http.json') as Json & { requestContext: Json & { http: Json } };

/** The sample request with another method, path, body, query or headers. */
function request(over: { method?: string; path?: string; body?: string; query?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const path = over.path ?? '/runs';
  return Buffer.from(
    JSON.stringify({
      ...sample,
      rawPath: path,
      headers: over.headers ?? { 'Content-Type': 'application/json' },
      queryParameters: over.query ?? {},
      body: over.body ?? '',
      requestContext: { ...sample.requestContext, http: { ...sample.requestContext.http, method: over.method ?? 'POST', path } },
    }),
  );
}

const body = (res: unknown) => JSON.parse((res as HttpResponse).body) as Json;

describe('functions/http', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ assets: 100, readQps: 0, writeQps: 0 });
  });
  afterAll(() => emulator.stop());

  const handler = (lines?: string[]) => loadHandler(HANDLER, handlerEnv(emulator), lines);

  describe('handler', () => {
    it('answers the sample request (POST /run naming a workspace "sales_dw") with a 400 on projects[0]', async () => {
      const res = (await handler()(Buffer.from(JSON.stringify(sample)), fcContext(emulator))) as HttpResponse;
      expect(res.statusCode).toBe(400);
      expect(body(res)).toMatchObject({ error: { issues: [{ field: 'body.projects[0]' }] } });
    });

    it('runs the base64 sample ({"ruleSet":"pii"}) and answers 200 with the run report', async () => {
      const context = fcContext(emulator);
      const res = (await handler()(sampleJson('http-base64.json'), context)) as HttpResponse;
      expect(res).toMatchObject({ statusCode: 200, isBase64Encoded: false, headers: { 'Content-Type': 'application/json' } });
      expect(body(res)).toMatchObject({ runId: context.requestId, trigger: 'http', ruleSet: 'rules/pii.yaml', status: 'ok', dryRun: false });
      expect((body(res).result as Json).applied).toBeGreaterThanOrEqual(2);
    });

    it('plans without writing for a dry run (query dryRun=true), with the plan in the report', async () => {
      emulator.resetStats();
      const res = (await handler()(request({ body: '{"ruleSet":"default","projects":["91234"]}', query: { dryRun: 'true' } }), fcContext(emulator))) as HttpResponse;
      expect(res.statusCode).toBe(200);
      expect(body(res)).toMatchObject({ dryRun: true, planDetail: { runId: expect.any(String) } });
      expect(emulator.calls().writeCalls).toBe(0);
    });

    it('runs an inline rule set, and answers 400 naming the rule and field when it is invalid', async () => {
      const rules = { version: 1, tagKeys: [{ key: 'layer' }], sources: { tables: { maxcomputeProjects: ['sales_dw'] } }, rules: [{ id: 'dims', match: { type: 'table', name: 'dim_*' }, tags: { layer: 'dim' } }] };
      const ok = (await handler()(request({ body: JSON.stringify({ rules, dryRun: true }) }), fcContext(emulator))) as HttpResponse;
      expect(ok.statusCode).toBe(200);
      const bad = { ...rules, rules: [{ ...rules.rules[0], tags: { layer_name: 'dim' } }] };
      const res = (await handler()(request({ body: JSON.stringify({ rules: bad }) }), fcContext(emulator))) as HttpResponse;
      expect(res.statusCode).toBe(400);
      expect(body(res)).toMatchObject({ error: { code: 'INVALID_INPUT', issues: [expect.objectContaining({ file: 'inline' })] } });
    });

    it('answers 400 for an unknown rule set or rule id, naming what is bundled', async () => {
      const unknownSet = (await handler()(request({ body: '{"ruleSet":"nope"}' }), fcContext(emulator))) as HttpResponse;
      expect(unknownSet.statusCode).toBe(400);
      expect(JSON.stringify(body(unknownSet))).toContain('bundled: default, pii');
      const unknownRule = (await handler()(request({ body: '{"ruleSet":"pii","ruleIds":["nope"]}' }), fcContext(emulator))) as HttpResponse;
      expect(unknownRule.statusCode).toBe(400);
    });

    it('lists the bundled rule sets on GET /rules, each with its lint findings', async () => {
      const res = (await handler()(request({ method: 'GET', path: '/rules' }), fcContext(emulator))) as HttpResponse;
      expect(body(res)).toEqual({
        formatVersion: 1,
        ruleSets: [
          { name: 'default', title: 'handler-tests', file: 'default.yaml', rules: [{ id: 'dim-customer' }, { id: 'ods-customer-task' }, { id: 'uploads' }], lint: expect.any(Array) },
          { name: 'pii', file: 'pii.yaml', rules: [{ id: 'customer-tables' }], lint: expect.any(Array) },
        ],
      });
    });

    it('logs a refused request with its status and request id, and calls nothing', async () => {
      const lines: string[] = [];
      emulator.resetStats();
      const res = (await handler(lines)(request({ body: '{"ruleSet":"pii","bogus":1}' }), fcContext(emulator))) as HttpResponse;
      expect(res.statusCode).toBe(400);
      expect(emulator.calls().total).toBe(0);
      expect(parsed(lines)).toContainEqual(expect.objectContaining({ level: 'warn', status: 400, requestId: expect.any(String), trigger: 'http' }));
    });

    it('answers 404, 405 and 413 as the router decides', async () => {
      const h = handler();
      expect(((await h(request({ path: '/nope' }), fcContext(emulator))) as HttpResponse).statusCode).toBe(404);
      const wrong = (await h(request({ method: 'GET', path: '/runs' }), fcContext(emulator))) as HttpResponse;
      expect([wrong.statusCode, wrong.headers.Allow]).toEqual([405, 'POST']);
      expect(((await h(request({ body: 'x'.repeat(300 * 1024) }), fcContext(emulator))) as HttpResponse).statusCode).toBe(413);
      expect(((await h(request({ method: 'GET', path: '/healthz', headers: {} }), fcContext(emulator))) as HttpResponse).statusCode).toBe(200);
    });

    it('answers a broken deployment (no rule files) with a masked 500, details only in the log', async () => {
      const lines: string[] = [];
      const broken = loadHandler(HANDLER, handlerEnv(emulator, { AUTOTAG_RULES: '/nonexistent/rules' }), lines);
      const res = (await broken(request({ body: '{}' }), fcContext(emulator))) as HttpResponse;
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('/nonexistent');
      expect(lines.join('\n')).toContain('/nonexistent/rules');
    });

    it('refuses to start with the retired AUTOTAG_HTTP_TOKEN still set, saying why, never echoing it', async () => {
      // answered (a masked 500, the reason in the log) rather than thrown for FC to print with a stack
      const lines: string[] = [];
      const leftover = loadHandler(HANDLER, handlerEnv(emulator, { AUTOTAG_HTTP_TOKEN: 'an-old-shared-secret-0123' }), lines);
      const res = (await leftover(request(), fcContext(emulator))) as HttpResponse;
      expect(res.statusCode).toBe(500);
      expect(lines.join('\n')).toMatch(/AUTOTAG_HTTP_TOKEN: is no longer read/);
      expect(`${res.body}${lines.join('\n')}`).not.toMatch(/an-old-shared-secret-0123/);
    });
  });
});
