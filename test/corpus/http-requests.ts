/**
 * Bad HTTP requests, as data: each is an FC 3.0 HTTP-trigger event for the built http function
 * (test/triggers/http/bad-requests.test.ts runs them), answered with its status — 400 naming the field
 * (an issue's `field`) and the fix, 404 for a path, 405 for a method, 413 for a body over 256 KiB — and no
 * API call. Bodies go as FC sends them: text, or base64 with `isBase64Encoded` (bytes that are not text).
 */
import type { Refusal } from './refusal';

export interface HttpRequestSpec {
  method?: string;
  path?: string;
  query?: Record<string, string>;
  /** text, or bytes (sent base64-encoded, as FC sends a binary body) */
  body?: string | Buffer;
}

export interface BadHttpRequest extends Refusal {
  id: string;
  /** a request, or an event as FC would never write it */
  request: HttpRequestSpec | { event: unknown };
  status: 400 | 404 | 405 | 413;
  /** 405: the methods the Allow header must list */
  allow?: string;
}

const KIB = 1024;
const json = (value: unknown) => JSON.stringify(value);
const BODY_KEYS = /the body takes ruleSet, rules, ruleIds, projects and dryRun/;
const SEND_JSON = /send a JSON object such as \{"ruleSet":"default","dryRun":true\}/;
const WORKSPACE_ID = /projects are DataWorks workspace ids \(numbers such as 91234\), not workspace or MaxCompute project names/;
const BUNDLE_IT = /bundle large rule sets with the function and name them with "ruleSet"/;

export const BAD_HTTP_REQUESTS: BadHttpRequest[] = [
  // the body is not the JSON object it should be
  { id: 'JSON cut short', request: { body: '{"dryRun":' }, status: 400, field: 'body', fix: SEND_JSON },
  { id: 'JSON with text after it', request: { body: '{"dryRun":true} and more' }, status: 400, field: 'body', fix: SEND_JSON },
  { id: 'a form body, not JSON', request: { body: 'ruleSet=default&dryRun=true' }, status: 400, field: 'body', fix: SEND_JSON },
  { id: 'JSON with a comment', request: { body: '{"dryRun":true /* plan */}' }, status: 400, field: 'body', fix: SEND_JSON },
  { id: 'an array', request: { body: '[{"ruleSet":"default"}]' }, status: 400, field: 'body', fix: /expected object/ },
  { id: 'a JSON string', request: { body: '"default"' }, status: 400, field: 'body', fix: /expected object/ },
  { id: 'JSON null', request: { body: 'null' }, status: 400, field: 'body', fix: /expected object/ },
  // keys
  { id: 'an unknown key (a typo of dryRun)', request: { body: json({ dryrun: true }) }, status: 400, field: 'body', fix: BODY_KEYS },
  { id: 'an unknown key (scope)', request: { body: json({ ruleSet: 'default', scope: { projects: [91234] } }) }, status: 400, field: 'body', fix: BODY_KEYS },
  { id: 'both ruleSet and rules', request: { body: json({ ruleSet: 'default', rules: 'version: 1' }) }, status: 400, field: 'body.rules', fix: /give either "ruleSet" \(a bundled rule set, by name\) or "rules" \(inline\), not both/ },
  // wrong types and empty values
  { id: 'dryRun as a string', request: { body: json({ dryRun: 'yes' }) }, status: 400, field: 'body.dryRun', fix: /expected boolean/ },
  { id: 'dryRun as a number', request: { body: json({ dryRun: 1 }) }, status: 400, field: 'body.dryRun', fix: /expected boolean/ },
  { id: 'ruleSet as a number', request: { body: json({ ruleSet: 5 }) }, status: 400, field: 'body.ruleSet', fix: /expected string/ },
  { id: 'an empty ruleSet', request: { body: json({ ruleSet: '' }) }, status: 400, field: 'body.ruleSet', fix: /expected string to have >=1 characters/ },
  { id: 'an empty inline rules text', request: { body: json({ rules: '' }) }, status: 400, field: 'body.rules', fix: /expected string to have >=1 characters/ },
  { id: 'inline rules as a number', request: { body: json({ rules: 42 }) }, status: 400, field: 'body.rules', fix: /must be a rule set: its text \(YAML or JSON\) or the parsed object/ },
  { id: 'an inline rule set with nothing in it', request: { body: json({ rules: {} }) }, status: 400, field: 'version', fix: /a rule set starts with "version: 1"/ },
  { id: 'ruleIds as a string', request: { body: json({ ruleSet: 'pii', ruleIds: 'pii-user-tables' }) }, status: 400, field: 'body.ruleIds', fix: /expected array/ },
  { id: 'an empty ruleIds list', request: { body: json({ ruleSet: 'pii', ruleIds: [] }) }, status: 400, field: 'body.ruleIds', fix: /expected array to have >=1 items/ },
  { id: 'an empty rule id', request: { body: json({ ruleSet: 'pii', ruleIds: [''] }) }, status: 400, field: 'body.ruleIds[0]', fix: />=1 characters/ },
  // projects: workspace ids only
  { id: 'a projects name instead of an id', request: { body: json({ ruleSet: 'pii', projects: ['sales_dw'] }) }, status: 400, field: 'body.projects[0]', fix: WORKSPACE_ID },
  { id: 'projects 0', request: { body: json({ projects: [0] }) }, status: 400, field: 'body.projects[0]', fix: WORKSPACE_ID },
  { id: 'a negative project', request: { body: json({ projects: [-91234] }) }, status: 400, field: 'body.projects[0]', fix: WORKSPACE_ID },
  { id: 'a fractional project', request: { body: json({ projects: [1.5] }) }, status: 400, field: 'body.projects[0]', fix: WORKSPACE_ID },
  { id: 'a project id past 2^53', request: { body: json({ projects: ['9007199254740993'] }) }, status: 400, field: 'body.projects[0]', fix: WORKSPACE_ID },
  { id: 'projects as one string', request: { body: json({ projects: '91234' }) }, status: 400, field: 'body.projects', fix: /expected array/ },
  { id: 'an empty projects list', request: { body: json({ projects: [] }) }, status: 400, field: 'body.projects', fix: /expected array to have >=1 items/ },
  // what the function cannot find
  { id: 'an unknown ruleSet', request: { body: json({ ruleSet: 'nope' }) }, status: 400, field: 'ruleSet', fix: /bundled: default, pii/ },
  { id: 'an unknown rule id', request: { body: json({ ruleSet: 'pii', ruleIds: ['nope'] }) }, status: 400, field: 'ruleIds', fix: /no rule "nope" in the rule set \(known: [^)]+\)/ },
  // the query
  { id: 'a bad dryRun in the query', request: { query: { dryRun: 'yes' } }, status: 400, field: 'query.dryRun', fix: /expected one of "true"\|"false"/ },
  { id: 'an unknown query parameter', request: { query: { dry: 'true' } }, status: 400, field: 'query', fix: /the query takes only dryRun/ },
  { id: 'dryRun in body and query disagreeing', request: { body: json({ dryRun: false }), query: { dryRun: 'true' } }, status: 400, field: 'dryRun', fix: /the body says dryRun=false and the query says dryRun=true: give one/ },
  // bytes that are not text
  { id: 'a base64 body that is not UTF-8', request: { body: Buffer.concat([Buffer.from('{"ruleSet":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]) }, status: 400, field: 'body', fix: /byte 0xE9 is not UTF-8 .*save or send it as UTF-8/ },
  { id: 'a base64 body in UTF-16', request: { body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"dryRun":true}', 'utf16le')]) }, status: 400, field: 'body', fix: /UTF-16 \(little-endian\).*save or send it as UTF-8/ },
  { id: 'a base64 body of random bytes', request: { body: Buffer.from([0x00, 0x9f, 0x92, 0x96, 0xff, 0x10]) }, status: 400, field: 'body', fix: /save or send it as UTF-8/ },
  // size, method and path
  { id: 'a 300 KiB body', request: { body: json({ rules: `version: 1\n${'#'.repeat(300 * KIB)}` }) }, status: 413, field: 'request body', fix: BUNDLE_IT },
  { id: 'a 300 KiB body that is not even JSON', request: { body: '{'.repeat(300 * KIB) }, status: 413, field: 'request body', fix: BUNDLE_IT },
  { id: 'GET /runs', request: { method: 'GET', path: '/runs' }, status: 405, allow: 'POST', field: 'GET', fix: /use POST/ },
  { id: 'DELETE /runs', request: { method: 'DELETE', path: '/runs' }, status: 405, allow: 'POST', field: 'DELETE', fix: /use POST/ },
  { id: 'POST /rules', request: { method: 'POST', path: '/rules' }, status: 405, allow: 'GET', field: 'POST', fix: /use GET/ },
  { id: 'PUT /healthz', request: { method: 'PUT', path: '/healthz' }, status: 405, allow: 'GET', field: 'PUT', fix: /use GET/ },
  { id: 'an unknown path', request: { path: '/runs/latest' }, status: 404, field: '/runs/latest', fix: /routes: \/runs, \/rules, \/healthz/ },
  { id: 'the root path', request: { method: 'GET', path: '/' }, status: 404, field: 'no route /', fix: /routes: \/runs, \/rules, \/healthz/ },
  { id: 'a path that climbs', request: { path: '/runs/../rules' }, status: 404, field: '/runs/../rules', fix: /routes: \/runs, \/rules, \/healthz/ },
  // the event itself (FC never writes these; the function still answers)
  { id: 'an event that is not JSON', request: { event: 'GET /runs HTTP/1.1' }, status: 400, field: '(root)', fix: /the event is not JSON/ },
  { id: 'an event without requestContext', request: { event: { rawPath: '/runs', body: '' } }, status: 400, field: 'requestContext', fix: /expected object/ },
];
