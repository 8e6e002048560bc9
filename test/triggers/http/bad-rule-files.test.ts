/**
 * The bad rule files of test/corpus sent inline to the HTTP function (`POST /runs` with `rules`): each is
 * answered with its status (400, or 413 for a body over the limit) naming the field and the fix, never a 500,
 * with no stack trace or secret, and no API call is made. Plus a `rules` object nested too deep to serialise.
 */
import { startEmulator, type Emulator } from '../../../emulator';
import type { InputIssue } from '../../../shared/errors';
import type { HttpResponse } from '../../../shared/triggers/http';
import { expectNothingLeaked } from '../../corpus/refusal';
import { BAD_RULE_FILES, inlineBody, issueMatches } from '../../corpus/rule-files';
import { sampleJson } from '../../support/fixtures';
import { fcContext, functionModule, handlerEnv, loadHandler } from '../../support/functions';

type Json = Record<string, unknown>;
const sample = sampleJson('http.json') as Json & { requestContext: Json & { http: Json } };

/** POST /runs with these body bytes (base64, so bytes that are not UTF-8 arrive as they are). */
const postRuns = (body: Buffer) =>
  Buffer.from(
    JSON.stringify({
      ...sample,
      rawPath: '/runs',
      headers: { 'Content-Type': 'application/json' },
      queryParameters: {},
      body: body.toString('base64'),
      isBase64Encoded: true,
      requestContext: { ...sample.requestContext, http: { ...sample.requestContext.http, method: 'POST', path: '/runs' } },
    }),
  );

describe('functions/http: bad inline rule sets (test/corpus)', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ assets: 50, readQps: 0, writeQps: 0 });
  });
  afterAll(() => emulator.stop());
  const handler = () => loadHandler(functionModule('http'), handlerEnv(emulator));

  const inline = BAD_RULE_FILES.filter((c) => c.http);
  it.each(inline.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    emulator.resetStats();
    const res = (await handler()(postRuns(inlineBody(c.input)), fcContext(emulator))) as HttpResponse;
    expect(res.statusCode).toBe(c.http!.status);
    if (res.statusCode === 400) {
      const { error } = JSON.parse(res.body) as { error: { code: string; issues: InputIssue[] } };
      expect(error.code).toBe('INVALID_INPUT');
      const field = c.http!.field ?? c.field;
      const issues = error.issues.filter((i) => (typeof field === 'string' ? i.field === field : field.test(i.field)));
      expect(issues).not.toHaveLength(0);
      // the body's own problem (not UTF-8) says so; a rule-set problem names "inline" and says the fix
      if (c.http!.field === undefined) expect(issues.filter((i) => i.file === 'inline' && issueMatches(i, c, field))).not.toHaveLength(0);
      else expect(issues[0].message).toMatch(/not UTF-8 text/);
    }
    expectNothingLeaked([res.body], [emulator.credentials.accessKeySecret]);
    expect(emulator.calls().total).toBe(0);
  });

  it('answers 400 for a rules object nested too deep to serialise', async () => {
    emulator.resetStats();
    const body = Buffer.from(`{"dryRun":true,"rules":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`);
    const res = (await handler()(postRuns(body), fcContext(emulator))) as HttpResponse;
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'INVALID_INPUT', issues: [{ file: 'inline', message: expect.stringMatching(/nested too deeply to read/) }] } });
    expect(emulator.calls().total).toBe(0);
  });
});
