import type { RunReport } from '../../../shared/engine';
import { BlastRadiusError, InvalidRequestError, PermissionError, ThrottledError } from '../../../shared/errors';
import { createLogger, registerSecret } from '../../../shared/log';
import { errorResponse, handleHttpRequest, MAX_BODY_BYTES, parseRunRequest, type HttpRunRequest, type HttpService } from '../../../shared/triggers/http';
import { sampleJson } from '../../support/fixtures';

/** What FC's gateway forwards after it verified the caller's signature (research.md §1, §2). */
const SIGNED = 'ACS3-HMAC-SHA256 Credential=LTAIcallerkey0001,SignedHeaders=x-acs-date;x-acs-security-token,Signature=8f7fcc8db8a8ef3bb69ec0e50baa5c4915a769f709831a0c58ff4b4db21063be';

type Json = Record<string, unknown>;
const base = sampleJson('http.json') as Json & { requestContext: Json & { http: Json } };

/** The sample HTTP event with another method, path, body, query or headers. */
function request(over: { method?: string; path?: string; body?: string; query?: Record<string, string>; headers?: Record<string, string>; base64?: boolean } = {}) {
  const path = over.path ?? '/runs';
  return {
    ...base,
    rawPath: path,
    headers: over.headers ?? { ...(base.headers as Json), Authorization: SIGNED },
    queryParameters: over.query ?? {},
    body: over.body ?? '',
    isBase64Encoded: over.base64 ?? false,
    requestContext: { ...base.requestContext, http: { ...base.requestContext.http, method: over.method ?? 'POST', path } },
  };
}

function report(status: RunReport['status'] = 'ok'): RunReport {
  return {
    runId: 'run-1',
    trigger: 'http',
    dryRun: true,
    startedAt: '2024-06-03T10:15:23.000Z',
    durationMs: 5,
    status,
    ruleSetHash: 'a'.repeat(64),
    plan: {
      assetsScanned: {},
      assetsEvaluated: 0,
      matchedPerRule: {},
      ownerUnreadable: 0,
      detailsSkipped: 0,
      bind: 0,
      present: 0,
      conflict: 0,
      overwrite: 0,
      plannedWrites: 0,
      byRule: {},
      overridden: 0,
      unsettled: 0,
    },
    tagKeys: [],
    result: { applied: 0, skipped: 0, failed: 0, notStarted: 0 },
    failures: [],
    sourceErrors: [],
    conflicts: [],
    concurrent: { count: 0, changes: [] },
    minimumReads: 1,
    api: { calls: {}, retries: 0, throttled: 0 },
    piece: 1,
    totals: { scanned: {}, evaluated: 0, bind: 0, present: 0, conflict: 0, plannedWrites: 0, applied: 0, skipped: 0, failed: 0 },
  };
}

/** A service that records what the router asked of it. */
function service(run: (r: HttpRunRequest) => Promise<RunReport> = async () => report()) {
  const calls: HttpRunRequest[] = [];
  const svc: HttpService = {
    run: async (r) => {
      calls.push(r);
      return run(r);
    },
    listRuleSets: async () => ({ ruleSets: [{ name: 'default', rules: ['r1'] }] }),
  };
  return { svc, calls };
}

function logSink() {
  const lines: string[] = [];
  return { logger: createLogger({ write: (l) => lines.push(l) }), lines };
}

async function call(event: unknown, svc = service().svc) {
  const { logger, lines } = logSink();
  const res = await handleHttpRequest(event, svc, { logger });
  return { res, body: JSON.parse(res.body) as Json & { error?: Json }, lines };
}

describe('triggers/http', () => {
  describe('handleHttpRequest', () => {
    it('answers POST /runs with the run report, shaped like the sample response', async () => {
      const { svc, calls } = service();
      const { res, body } = await call(request({ body: '{"ruleSet":"default","dryRun":true}' }), svc);
      expect(res).toMatchObject({ statusCode: 200, isBase64Encoded: false, headers: { 'Content-Type': 'application/json' } });
      expect(Object.keys(res).sort()).toEqual(Object.keys(sampleJson('http-response.json') as Json).sort());
      expect(body).toMatchObject({ runId: 'run-1', status: 'ok' });
      expect(calls).toEqual([{ ruleSet: 'default', dryRun: true }]);
    });

    it('answers the sample event (POST /run, a workspace name in projects) with a 400 naming the field', async () => {
      const { res, body } = await call(Buffer.from(JSON.stringify(sampleJson('http.json'))));
      expect(res.statusCode).toBe(400);
      expect(body.error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ field: 'body.projects[0]', message: expect.stringContaining('"sales_dw" is not a workspace id') }] });
    });

    it('treats /run as an alias of /runs and numeric project strings as workspace ids', async () => {
      const { svc, calls } = service();
      const { res } = await call(request({ path: '/run/', body: '{"ruleSet":"pii","projects":["91234", 5]}', query: { dryRun: 'true' } }), svc);
      expect(res.statusCode).toBe(200);
      expect(calls).toEqual([{ ruleSet: 'pii', projects: [91234, 5], dryRun: true }]);
    });

    it('decodes a base64 body (the base64 sample)', async () => {
      const { svc, calls } = service();
      const { res } = await call(sampleJson('http-base64.json'), svc);
      expect(res.statusCode).toBe(200);
      expect(calls).toEqual([{ ruleSet: 'pii', dryRun: false }]);
    });

    it('runs the default rule set for an empty body', async () => {
      const { svc, calls } = service();
      await call(request({ body: '' }), svc);
      expect(calls).toEqual([{ dryRun: false }]);
    });

    it('passes inline rules through', async () => {
      const { svc, calls } = service();
      await call(request({ body: JSON.stringify({ rules: 'version: 1\nrules: []\n' }) }), svc);
      expect(calls[0].rules).toBe('version: 1\nrules: []\n');
    });

    it.each([
      ['bad JSON', '{"ruleSet":', {}, 'body'],
      ['an unknown key', '{"ruleset":"pii"}', {}, 'body'],
      ['ruleSet and rules together', '{"ruleSet":"a","rules":"b"}', {}, 'body.rules'],
      ['an unknown query parameter', '', { dry: 'true' }, 'query'],
      ['a dryRun query that is not a boolean', '', { dryRun: 'yes' }, 'query.dryRun'],
      ['body and query disagreeing on dryRun', '{"dryRun":false}', { dryRun: 'true' }, 'dryRun'],
    ])('answers 400 for %s, naming the field', async (_what, body, query, field) => {
      const { svc, calls } = service();
      const { res, body: out } = await call(request({ body, query }), svc);
      expect(res.statusCode).toBe(400);
      expect((out.error!.issues as Json[]).map((i) => i.field)).toContain(field);
      expect(calls).toEqual([]);
    });

    it('answers 404 for an unknown route, listing the routes', async () => {
      const { res, body } = await call(request({ path: '/nope' }));
      expect(res.statusCode).toBe(404);
      expect(body.error).toMatchObject({ code: 'HTTP_NOT_FOUND', routes: ['/runs', '/rules', '/healthz'] });
    });

    it('answers 405 with Allow for a wrong method', async () => {
      const { res } = await call(request({ method: 'GET', path: '/runs' }));
      expect(res.statusCode).toBe(405);
      expect(res.headers.Allow).toBe('POST');
      const rules = await call(request({ method: 'DELETE', path: '/rules' }));
      expect(rules.res.headers.Allow).toBe('GET');
    });

    it('answers 413 for a body over the limit, before parsing it', async () => {
      const { svc, calls } = service();
      const { res, body } = await call(request({ body: 'x'.repeat(MAX_BODY_BYTES + 1) }), svc);
      expect(res.statusCode).toBe(413);
      expect(body.error).toMatchObject({ bytes: MAX_BODY_BYTES + 1, limitBytes: MAX_BODY_BYTES });
      expect(calls).toEqual([]);
    });

    it('serves every route, /healthz included, on what FC forwards: the caller was authenticated by the gateway', async () => {
      expect((await call(request({ method: 'GET', path: '/rules' }))).body).toEqual({ formatVersion: 1, ruleSets: [{ name: 'default', rules: ['r1'] }] });
      const health = await call(request({ method: 'GET', path: '/healthz', headers: {} }));
      expect(health.res.statusCode).toBe(200);
      expect(health.body).toEqual({ formatVersion: 1, status: 'ok' });
    });

    it('answers every body, reports and errors alike, with its formatVersion', async () => {
      const answers = [
        await call(request()),
        await call(request(), service(async () => report('blocked')).svc),
        await call(request({ path: '/nope' })),
        await call(request({ body: '{"ruleSet":' })),
        await call(request(), service(async () => { throw new Error('boom'); }).svc),
      ];
      expect(answers.map((a) => [a.res.statusCode, a.body.formatVersion])).toEqual([[200, 1], [409, 1], [404, 1], [400, 1], [500, 1]]);
    });

    it('answers 409 with the report when the blast-radius guard blocked the run', async () => {
      const { res, body } = await call(request(), service(async () => report('blocked')).svc);
      expect(res.statusCode).toBe(409);
      expect(body.status).toBe('blocked');
    });

    it('masks an unexpected error as a 500 with the request id, and logs it', async () => {
      const { res, body, lines } = await call(request(), service(async () => { throw new Error('db password is hunter2'); }).svc);
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('hunter2');
      expect(body.error).toEqual({ code: 'INTERNAL', message: expect.stringContaining('1-665e1a2b-0123456789abcdef01234567') });
      expect(JSON.parse(lines[0])).toMatchObject({ level: 'error', status: 500 });
    });

    it('answers 400 for an event that is not an FC HTTP event', async () => {
      const { res } = await call({ hello: 'world' });
      expect(res.statusCode).toBe(400);
    });
  });

  describe('errorResponse', () => {
    it.each([
      ['a blast-radius stop', new BlastRadiusError(900, 500), 409],
      ["the function role's missing permission", new PermissionError({ action: 'TagDataAssets', serviceCode: 'Forbidden.RAM' }), 502],
      ['throttling', new ThrottledError({ action: 'ListTasks', serviceCode: 'Throttling.User', httpStatus: 400 }), 503],
      ['a request DataWorks refused (not the caller\'s to fix)', new InvalidRequestError({ action: 'TagDataAssets', serviceCode: 'InvalidParameter' }), 500],
    ])('maps %s to %i', (_what, error, status) => {
      expect(errorResponse(error).statusCode).toBe(status);
    });

    it('shows what the caller can act on (the missing RAM action) and never a registered secret', () => {
      registerSecret('sts-token-SECRET-value');
      const e = new PermissionError({ action: 'TagDataAssets', serviceCode: 'Forbidden.RAM', requestId: 'sts-token-SECRET-value' });
      const res = errorResponse(e, 'req-1');
      expect(JSON.parse(res.body)).toMatchObject({ requestId: 'req-1', error: { code: 'API_PERMISSION', ramAction: 'dataworks:TagDataAssets' } });
      expect(res.body).not.toContain('sts-token-SECRET-value');
    });
  });

  describe('parseRunRequest', () => {
    it('defaults dryRun to false and accepts the query flag alone', () => {
      expect(parseRunRequest(Buffer.from('{}'), {})).toEqual({ dryRun: false });
      expect(parseRunRequest(Buffer.from(''), { dryRun: 'true' })).toEqual({ dryRun: true });
    });
  });
});
