/**
 * The bad HTTP requests of test/corpus through the built http function (dist/http, loaded once): each is
 * answered with its status, naming the field and the fix, with no stack trace or secret in the answer or
 * the log, and no API call.
 */
import type { InputIssue } from '../../../shared/errors';
import type { HttpResponse } from '../../../shared/triggers/http';
import { BAD_HTTP_REQUESTS, type BadHttpRequest } from '../../corpus/http-requests';
import { errorText, expectIssue, expectNothingLeaked, expectRefusal } from '../../corpus/refusal';
import { sampleJson } from '../../support/fixtures';
import { suiteFunction } from '../../support/functions';

type Json = Record<string, unknown>;
const sample = sampleJson('http.json') as Json & { requestContext: Json & { http: Json } };

/** The case's FC event: the sample request with its method, path, query and body (bytes base64-encoded). */
function eventOf(c: BadHttpRequest): unknown {
  if ('event' in c.request) return c.request.event;
  const { method = 'POST', path = '/runs', query = {}, body = '' } = c.request;
  const bytes = Buffer.isBuffer(body);
  return {
    ...sample,
    rawPath: path,
    headers: { 'Content-Type': 'application/json' },
    queryParameters: query,
    body: bytes ? body.toString('base64') : body,
    isBase64Encoded: bytes,
    requestContext: { ...sample.requestContext, http: { ...sample.requestContext.http, method, path } },
  };
}

describe('functions/http (built): bad requests (test/corpus)', () => {
  const http = suiteFunction('http');

  it.each(BAD_HTTP_REQUESTS.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const event = eventOf(c);
    const res = (await http.invoke(Buffer.from(typeof event === 'string' ? event : JSON.stringify(event)))) as HttpResponse;
    const { emulator, lines } = http;
    expect(res.statusCode).toBe(c.status);
    if (c.allow) expect(res.headers.Allow).toBe(c.allow);
    const secrets = [emulator.credentials.accessKeySecret];
    expectRefusal(errorText(res.body), c, secrets, res.body);
    if (c.status === 400) {
      const { error } = JSON.parse(res.body) as { error: { code: string; issues: InputIssue[] } };
      expect(error.code).toBe('INVALID_INPUT');
      expectIssue(error.issues, c);
    }
    expectNothingLeaked(lines, secrets);
    expect(emulator.calls().total).toBe(0);
  });
});
