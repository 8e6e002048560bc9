/**
 * Bad function environments, as data: every variable of shared/runtime/config.ts with a bad value, unknown
 * and retired `AUTOTAG_*` names, and combinations that conflict. Each goes on top of a working environment
 * (test/support/functions.ts handlerEnv; '' unsets a variable) of a built function — each in turn, as the
 * check at cold start is the same for all (test/runtime/bad-variables.test.ts): the invocation ends as a configuration error (INVALID_CONFIGURATION)
 * naming the variable and the fix — returned by the async functions, not thrown for FC to retry; a masked 500
 * from the http function, the issues in its log — with no API call. `secret` must appear nowhere.
 */
import type { Refusal } from './refusal';

export interface BadEnvironment extends Refusal {
  id: string;
  env: Record<string, string>;
  /** a value of `env` that must never be echoed (a password in a URL, a retired token) */
  secret?: string;
  /** run through every function, not one in turn: where the functions meet the problem at different points */
  everyFunction?: true;
}

const REGION_FIX = /set it to e\.g\. "cn-hangzhou"/;
const KNOWN = /is not a variable autotag reads; known: AUTOTAG_RULES, AUTOTAG_REGION, .*AUTOTAG_READ_QPS/;

export const BAD_ENVIRONMENTS: BadEnvironment[] = [
  // the rule sets
  { id: 'AUTOTAG_RULES naming no file', env: { AUTOTAG_RULES: '/nonexistent/rules' }, everyFunction: true, field: 'AUTOTAG_RULES', fix: /no such file or folder: bundle the rules \(npm run build copies rules\/\) or fix the path/ },
  // region and endpoints
  { id: 'AUTOTAG_REGION in capitals', env: { AUTOTAG_REGION: 'CN-HANGZHOU' }, field: 'AUTOTAG_REGION', fix: REGION_FIX },
  { id: 'AUTOTAG_REGION with a space', env: { AUTOTAG_REGION: 'cn hangzhou' }, field: 'AUTOTAG_REGION', fix: REGION_FIX },
  { id: 'AUTOTAG_REGION no DataWorks serves', env: { AUTOTAG_REGION: 'mars-north-1', DATAWORKS_ENDPOINT: '' }, field: 'AUTOTAG_REGION', fix: /is not a region DataWorks serves \(known: .*cn-hangzhou.*\); check the region id, or set DATAWORKS_ENDPOINT/ },
  { id: 'FC_REGION that is not a region id', env: { FC_REGION: 'hangzhou' }, field: 'FC_REGION', fix: /outside FC set it to e\.g\. "cn-hangzhou"/ },
  { id: 'DATAWORKS_ENDPOINT over plain http to a remote host', env: { DATAWORKS_ENDPOINT: 'http://dataworks.cn-hangzhou.aliyuncs.com' }, field: 'DATAWORKS_ENDPOINT', fix: /plain http:\/\/ is only allowed for loopback hosts.*use https:\/\// },
  { id: 'DATAWORKS_ENDPOINT that is not a URL', env: { DATAWORKS_ENDPOINT: 'dataworks' }, field: 'DATAWORKS_ENDPOINT', fix: /give one such as https:\/\/dataworks\.cn-hangzhou\.aliyuncs\.com/ },
  { id: 'DATAWORKS_ENDPOINT with ftp://', env: { DATAWORKS_ENDPOINT: 'ftp://127.0.0.1:21' }, field: 'DATAWORKS_ENDPOINT', fix: /must start with https:\/\// },
  {
    id: 'DATAWORKS_ENDPOINT with a password in it',
    env: { DATAWORKS_ENDPOINT: 'https://admin:hunter2-endpoint-pass@dataworks.cn-hangzhou.aliyuncs.com' },
    secret: 'hunter2-endpoint-pass',
    field: 'DATAWORKS_ENDPOINT',
    fix: /must be a bare origin .*without user, path, query or fragment/,
  },
  { id: 'DATAWORKS_ENDPOINT with a path', env: { DATAWORKS_ENDPOINT: 'https://dataworks.cn-hangzhou.aliyuncs.com/api' }, field: 'DATAWORKS_ENDPOINT', fix: /must be a bare origin/ },
  { id: 'AUTOTAG_FC_ENDPOINT over plain http to a remote host', env: { AUTOTAG_FC_ENDPOINT: 'http://1234567890123456.cn-hangzhou.fc.aliyuncs.com' }, field: 'AUTOTAG_FC_ENDPOINT', fix: /use https:\/\// },
  {
    id: 'AUTOTAG_FC_ENDPOINT with a password in it',
    env: { AUTOTAG_FC_ENDPOINT: 'https://u:hunter2-fc-pass@1234567890123456.cn-hangzhou.fc.aliyuncs.com' },
    secret: 'hunter2-fc-pass',
    field: 'AUTOTAG_FC_ENDPOINT',
    fix: /must be a bare origin/,
  },
  { id: 'AUTOTAG_STS_ENDPOINT over plain http to a remote host', env: { AUTOTAG_STS_ENDPOINT: 'http://sts.cn-hangzhou.aliyuncs.com' }, field: 'AUTOTAG_STS_ENDPOINT', fix: /use https:\/\/.*set it to e\.g\. "https:\/\/sts-vpc\.cn-hangzhou\.aliyuncs\.com"/ },
  { id: 'AUTOTAG_REPORTS_DIR a relative path', env: { AUTOTAG_REPORTS_DIR: 'reports' }, field: 'AUTOTAG_REPORTS_DIR', fix: /must be an absolute path \(got "reports"\); set it to the folder of the mounted bucket/ },
  // numbers
  { id: 'AUTOTAG_MAX_BINDINGS 0', env: { AUTOTAG_MAX_BINDINGS: '0' }, field: 'AUTOTAG_MAX_BINDINGS', fix: /must be a positive integer .*set it to e\.g\. 500/ },
  { id: 'AUTOTAG_MAX_BINDINGS negative', env: { AUTOTAG_MAX_BINDINGS: '-5' }, field: 'AUTOTAG_MAX_BINDINGS', fix: /must be a positive integer/ },
  { id: 'AUTOTAG_MAX_BINDINGS in exponent form', env: { AUTOTAG_MAX_BINDINGS: '1e3' }, field: 'AUTOTAG_MAX_BINDINGS', fix: /must be a positive integer/ },
  { id: 'AUTOTAG_MAX_BINDINGS with a space', env: { AUTOTAG_MAX_BINDINGS: ' 500' }, field: 'AUTOTAG_MAX_BINDINGS', fix: /must be a positive integer/ },
  { id: 'AUTOTAG_READ_QPS 0', env: { AUTOTAG_READ_QPS: '0' }, field: 'AUTOTAG_READ_QPS', fix: /must be greater than 0.*set it to at most 50/ },
  { id: 'AUTOTAG_READ_QPS a word', env: { AUTOTAG_READ_QPS: 'fast' }, field: 'AUTOTAG_READ_QPS', fix: /must be a positive number/ },
  { id: 'AUTOTAG_WRITE_QPS negative', env: { AUTOTAG_WRITE_QPS: '-1' }, field: 'AUTOTAG_WRITE_QPS', fix: /must be a positive number.*set it to at most 20/ },
  { id: 'AUTOTAG_SHARD_MIN_ASSETS 0', env: { AUTOTAG_SHARD_MIN_ASSETS: '0' }, field: 'AUTOTAG_SHARD_MIN_ASSETS', fix: /must be a positive integer.*set it to e\.g\. 10000/ },
  // names and choices
  { id: 'AUTOTAG_SHARD_FUNCTION with a space', env: { AUTOTAG_SHARD_FUNCTION: 'autotag scheduled' }, field: 'AUTOTAG_SHARD_FUNCTION', fix: /must be <function> \(FC 3\.0\) or <service>\/<function> \(FC 2\.0\)/ },
  { id: 'AUTOTAG_SHARD_FUNCTION with three parts', env: { AUTOTAG_SHARD_FUNCTION: 'a/b/c' }, field: 'AUTOTAG_SHARD_FUNCTION', fix: /must be <function> \(FC 3\.0\) or <service>\/<function>/ },
  { id: 'AUTOTAG_LATE_ASSET_FUNCTION starting with a digit', env: { AUTOTAG_LATE_ASSET_FUNCTION: '1events' }, field: 'AUTOTAG_LATE_ASSET_FUNCTION', fix: /set it to the events function's own name, e\.g\. "autotag-events"/ },
  { id: 'AUTOTAG_SHARDING not a choice', env: { AUTOTAG_SHARDING: 'sometimes' }, field: 'AUTOTAG_SHARDING', fix: /set it to "never", "auto" or "always"/ },
  { id: 'AUTOTAG_LOG_LEVEL not a level', env: { AUTOTAG_LOG_LEVEL: 'verbose' }, field: 'AUTOTAG_LOG_LEVEL', fix: /set it to "debug", "info", "warn" or "error"/ },
  { id: 'AUTOTAG_LOG_LEVEL in capitals', env: { AUTOTAG_LOG_LEVEL: 'DEBUG' }, field: 'AUTOTAG_LOG_LEVEL', fix: /set it to "debug", "info", "warn" or "error"/ },
  // unknown and retired names
  { id: 'a misspelt AUTOTAG_READQPS', env: { AUTOTAG_READQPS: '10' }, field: 'AUTOTAG_READQPS', fix: KNOWN },
  { id: 'an unknown AUTOTAG_DRY_RUN', env: { AUTOTAG_DRY_RUN: 'true' }, field: 'AUTOTAG_DRY_RUN', fix: KNOWN },
  {
    id: 'the retired AUTOTAG_HTTP_TOKEN',
    env: { AUTOTAG_HTTP_TOKEN: 'retired-token-value-0123456789' },
    secret: 'retired-token-value-0123456789',
    field: 'AUTOTAG_HTTP_TOKEN',
    fix: /is no longer read: .*remove it from the function's environment and grant callers fc:InvokeFunction instead/,
  },
  // combinations
  { id: 'AUTOTAG_SHARDING always without a shard function', env: { AUTOTAG_SHARDING: 'always' }, field: 'AUTOTAG_SHARDING', fix: /"always" needs AUTOTAG_SHARD_FUNCTION, the function that runs the shards/ },
  {
    id: 'two bad variables at once: both named',
    env: { AUTOTAG_LOG_LEVEL: 'loud', AUTOTAG_WRITE_QPS: 'max' },
    field: /^(?=[\s\S]*AUTOTAG_LOG_LEVEL)(?=[\s\S]*AUTOTAG_WRITE_QPS)/,
    fix: /^(?=[\s\S]*set it to "debug", "info", "warn" or "error")(?=[\s\S]*set it to at most 20)/,
  },
];
