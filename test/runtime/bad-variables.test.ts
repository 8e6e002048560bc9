/**
 * The bad environments of test/corpus through the built functions (dist/<name>, a fresh cold start per
 * case): the invocation is answered, never thrown — the async functions return INVALID_CONFIGURATION (so FC
 * does not retry what a retry cannot fix), the http function a masked 500 — and the log names the variable
 * and the fix, with no stack trace, no secret, and no API call.
 */
import { startEmulator, type Emulator } from '../../emulator';
import type { InputIssue } from '../../shared/errors';
import type { HttpResponse } from '../../shared/triggers/http';
import { errorText, expectIssue, expectNothingLeaked, expectRefusal } from '../corpus/refusal';
import { BAD_ENVIRONMENTS } from '../corpus/variables';
import { sampleEvent, sampleJson } from '../support/fixtures';
import { builtFunction, fcContext, handlerEnv, loadHandler, parsed } from '../support/functions';

type Json = Record<string, unknown>;
const httpSample = sampleJson('http.json') as Json & { requestContext: Json & { http: Json } };
const dryRunRequest = Buffer.from(JSON.stringify({ ...httpSample, rawPath: '/runs', queryParameters: {}, body: '{"dryRun":true}', requestContext: { ...httpSample.requestContext, http: { ...httpSample.requestContext.http, path: '/runs' } } }));

/** Each built function with an event that would make it run. */
const FUNCTIONS = [
  { name: 'scheduled', event: () => sampleEvent('timer.json') },
  { name: 'events', event: () => sampleEvent('eventbridge-dataworks-node-change-created.json') },
  { name: 'http', event: () => dryRunRequest },
] as const;

interface Failure {
  code: string;
  issues: InputIssue[];
}

describe('functions (built): bad environments (test/corpus)', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ assets: 50, readQps: 0, writeQps: 0 });
  });
  afterAll(() => emulator.stop());

  // one function each in turn (the cold-start check is theirs in common), every function where they differ
  const cases = BAD_ENVIRONMENTS.flatMap((c, i) => (c.everyFunction ? FUNCTIONS : [FUNCTIONS[i % FUNCTIONS.length]]).map((f) => [`${f.name}: ${c.id}`, c, f] as const));
  it.each(cases)('%s', async (_id, c, f) => {
    emulator.resetStats();
    const lines: string[] = [];
    const handler = loadHandler(builtFunction(f.name), handlerEnv(emulator, c.env), lines);
    const result = await handler(f.event(), fcContext(emulator));
    const logged = parsed(lines).filter((l) => l.level === 'error');
    expect(logged).toHaveLength(1);
    const failure = logged[0].error as Failure;
    if (f.name === 'http') {
      // the caller cannot fix the deployment: a masked 500; the operator reads the log
      const res = result as HttpResponse;
      expect(res.statusCode).toBe(500);
      expect(errorText(res.body)).toMatch(/^internal error; the function log has the details/);
    } else {
      expect(result).toEqual({ status: 'failed', error: failure });
    }
    expect(failure.code).toBe('INVALID_CONFIGURATION');
    if (typeof c.field === 'string') expectIssue(failure.issues, c);
    const secrets = [emulator.credentials.accessKeySecret, ...(c.secret ? [c.secret] : [])];
    expectRefusal(failure.issues.map((i) => `${i.field}: ${i.message}`).join('\n'), c, secrets, JSON.stringify(result));
    expectNothingLeaked(lines, secrets);
    expect(emulator.calls().total).toBe(0);
  });
});
