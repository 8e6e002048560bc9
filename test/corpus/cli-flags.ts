/**
 * Bad command lines, as data: for every command `autotag --help` lists (plan, apply, validate, schema,
 * policy, emulator, invoke, demo, remote, events connect), bad numbers, unknown or missing flags, conflicting
 * ones, bad URLs, plain http:// to a host that is not loopback, unknown regions. Each exits 2 (input
 * rejected before any call) naming the flag and the fix, with no stack trace and no secret, and calls
 * nothing: test/cli/bad-flags.test.ts runs each through the built CLI against an emulator and a server that
 * counts every request, both of which must see none.
 *
 * Placeholders in `args`: `{dataworks}` the emulator's URL, `{sink}` the counting server's URL, `{rules}` a
 * valid rule file, `{badRules}` a rule file with an error, `{event}` a sample timer event, `{notJson}` a file
 * that is not JSON, `{dir}` a folder, `{fifo}` a FIFO no one reads.
 */
import type { Refusal } from './refusal';

export interface BadCommandLine extends Refusal {
  id: string;
  args: string[];
  /** the environment's default-chain credentials: the emulator's AccessKey pair unless `none` */
  credentials?: 'none';
  /** a text the output must never hold (a password in a URL) */
  secret?: string;
}

const NUMBER_1 = /must be a whole number of at least 1/;
const NUMBER_0 = /must be a whole number \(0 or more\)/;
const POSITIVE = /must be a number greater than 0/;
const HELP = /\(add --help for usage and examples\)/;
const HTTPS = /plain http:\/\/ is only allowed for loopback hosts .*use https:\/\//;
const NOT_A_URL = /is not a URL; give one such as https:\/\//;
const BARE = /must be a bare origin \(scheme, host, optional port\) without user, path, query or fragment/;
const NO_FILE = /cannot read the rule set: no such file: check the path/;
const LEVELS = /Allowed choices are debug, info, warn, error/;
const REGION = /is not a region DataWorks serves \(known: .*cn-hangzhou.*\)/;

const plan = (...args: string[]) => ['plan', '--rules', '{rules}', '--endpoint', '{dataworks}', ...args];
const apply = (...args: string[]) => ['apply', '--rules', '{rules}', '--endpoint', '{dataworks}', ...args];
const invoke = (...args: string[]) => ['invoke', 'scheduled', '--event', '{event}', ...args];
const remote = (command: string, ...args: string[]) => ['remote', command, '--url', '{sink}', ...args];
const connect = (over: Record<string, string> = {}, ...args: string[]) => [
  'events',
  'connect',
  ...Object.entries({ '--bus': 'dataworks-events', '--function': 'autotag-events', '--region': 'cn-hangzhou', '--account-id': '1234567890123456', '--endpoint': '{sink}', ...over }).flat(),
  ...args,
];

export const BAD_COMMAND_LINES: BadCommandLine[] = [
  // plan
  { id: 'plan --lines 0', args: plan('--lines', '0'), field: "'--lines <n>'", fix: NUMBER_1 },
  { id: 'plan --lines 2.5', args: plan('--lines', '2.5'), field: "'--lines <n>'", fix: NUMBER_1 },
  { id: 'plan --max-bindings -1', args: plan('--max-bindings', '-1'), field: "'--max-bindings <n>'", fix: NUMBER_0 },
  { id: 'plan --max-bindings 1e3', args: plan('--max-bindings', '1e3'), field: "'--max-bindings <n>'", fix: NUMBER_0 },
  { id: 'plan --read-qps 0', args: plan('--read-qps', '0'), field: "'--read-qps <n>'", fix: POSITIVE },
  { id: 'plan --project abc', args: plan('--project', 'abc'), field: "'--project <id...>'", fix: NUMBER_1 },
  { id: 'plan --project with a workspace name', args: plan('--project', '91234', 'sales_dw'), field: "'--project <id...>'", fix: NUMBER_1 },
  { id: 'plan --log-level loud', args: plan('--log-level', 'loud'), field: "'--log-level <level>'", fix: LEVELS },
  { id: 'plan with an unknown flag', args: plan('--bogus'), field: "'--bogus'", fix: HELP },
  { id: 'plan --rule-set (a remote flag)', args: plan('--rule-set', 'pii'), field: "'--rule-set'", fix: /Did you mean --rules\?/ },
  { id: 'plan without --rules', args: ['plan', '--endpoint', '{dataworks}'], field: "'--rules <file>'", fix: /not specified/ },
  { id: 'plan with the rule file as an argument', args: ['plan', '{rules}', '--endpoint', '{dataworks}'], field: "'--rules <file>'", fix: /not specified/ },
  { id: 'plan --rules naming no file', args: ['plan', '--rules', 'no/such/rules.yaml', '--endpoint', '{dataworks}'], field: 'no/such/rules.yaml', fix: NO_FILE },
  { id: 'plan --rules with an error in it', args: ['plan', '--rules', '{badRules}', '--endpoint', '{dataworks}'], field: 'version', fix: /a rule set starts with "version: 1"/ },
  { id: 'plan --rule naming no rule', args: plan('--rule', 'nope'), field: /--rule|ruleIds/, fix: /no rule "nope" in the rule set \(known: pii-user-tables\)/ },
  { id: 'plan --endpoint over plain http to a remote host', args: ['plan', '--rules', '{rules}', '--endpoint', 'http://dataworks.cn-hangzhou.aliyuncs.com'], field: 'endpoint', fix: HTTPS },
  { id: 'plan --endpoint with ftp://', args: ['plan', '--rules', '{rules}', '--endpoint', 'ftp://127.0.0.1:21'], field: 'endpoint', fix: /must start with https:\/\/ \(or http:\/\/ for a loopback host\)/ },
  { id: 'plan --endpoint that is not a URL', args: ['plan', '--rules', '{rules}', '--endpoint', 'dataworks'], field: 'endpoint', fix: NOT_A_URL },
  { id: 'plan --endpoint with a port past 65535', args: ['plan', '--rules', '{rules}', '--endpoint', 'http://127.0.0.1:99999'], field: 'endpoint', fix: NOT_A_URL },
  {
    id: 'plan --endpoint with a password in it',
    args: ['plan', '--rules', '{rules}', '--endpoint', 'https://admin:hunter2-cli-pass@dataworks.cn-hangzhou.aliyuncs.com'],
    secret: 'hunter2-cli-pass',
    field: 'endpoint',
    fix: BARE,
  },
  { id: 'plan --endpoint with a path', args: ['plan', '--rules', '{rules}', '--endpoint', '{dataworks}/api'], field: 'endpoint', fix: BARE },
  { id: 'plan --region no DataWorks serves', args: ['plan', '--rules', '{rules}', '--region', 'mars-north-1'], field: 'regionId', fix: REGION },
  { id: 'plan --region in capitals', args: ['plan', '--rules', '{rules}', '--region', 'CN-HANGZHOU'], field: 'regionId', fix: /is not a region id; use one such as cn-hangzhou/ },
  { id: 'plan with no region and no endpoint', args: ['plan', '--rules', '{rules}'], field: 'regionId', fix: /no region given: pass the region id \(e\.g\. cn-hangzhou\) or set ALIBABA_CLOUD_REGION_ID/ },
  { id: 'plan --json with a bad flag', args: plan('--json', '--lines', '0'), field: "'--lines <n>'", fix: NUMBER_1 },
  // apply
  { id: 'apply --write-qps 0', args: apply('--write-qps', '0'), field: "'--write-qps <n>'", fix: POSITIVE },
  { id: 'apply --lines x', args: apply('--dry-run', '--lines', 'x'), field: "'--lines <n>'", fix: NUMBER_1 },
  { id: 'apply --dry-run=yes', args: apply('--dry-run=yes'), field: "'--dry-run=yes'", fix: HELP },
  { id: 'apply --json with a bad flag', args: apply('--json', '--write-qps', 'none'), field: "'--write-qps <n>'", fix: POSITIVE },
  { id: 'apply with no credentials', args: apply(), credentials: 'none', field: 'credentials', fix: /Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/ },
  // --audit-log: checked before any call (it crashed after the first writes: issue 10, defect 2)
  { id: 'apply --audit-log in a folder that does not exist', args: apply('--audit-log', '/nonexistent/x.jsonl'), field: '--audit-log', fix: /the folder \/nonexistent does not exist; create it \(mkdir -p \/nonexistent\)/ },
  { id: 'apply --audit-log naming a folder', args: apply('--audit-log', '{dir}'), field: '--audit-log', fix: /is a directory: name a file in it/ },
  { id: 'apply --audit-log naming a FIFO', args: apply('--audit-log', '{fifo}'), field: '--audit-log', fix: /is a FIFO: .*name a regular file/ },
  { id: 'apply --audit-log naming a device', args: apply('--audit-log', '/dev/null', '--json'), field: '--audit-log', fix: /is not a regular file .*name a regular file/ },
  // validate, schema, policy
  { id: 'validate with no file', args: ['validate'], field: "'rules'", fix: /missing required argument/ },
  { id: 'validate with two files', args: ['validate', '{rules}', '{rules}'], field: "'validate'", fix: /Expected 1 argument but got 2/ },
  { id: 'validate with an unknown flag', args: ['validate', '--strict', '{rules}'], field: "'--strict'", fix: HELP },
  { id: 'validate naming no file', args: ['validate', 'no/such/rules.yaml'], field: 'no/such/rules.yaml', fix: NO_FILE },
  { id: 'schema with an argument', args: ['schema', 'rules.yaml'], field: "'schema'", fix: /Expected 0 arguments but got 1/ },
  { id: 'schema --json', args: ['schema', '--json'], field: "'--json'", fix: HELP },
  { id: 'policy --rules naming no file', args: ['policy', '--rules', 'no/such/rules.yaml'], field: 'no/such/rules.yaml', fix: NO_FILE },
  { id: 'policy --fanout (a typo)', args: ['policy', '--fanout'], field: "'--fanout'", fix: /Did you mean --fan-out\?/ },
  // emulator
  { id: 'emulator --port 70000', args: ['emulator', '--port', '70000'], field: 'port', fix: /must be a port from 0 to 65535 \(0 = a free one\)/ },
  { id: 'emulator --port abc', args: ['emulator', '--port', 'abc'], field: "'--port <n>'", fix: NUMBER_0 },
  { id: 'emulator --fail-rate 2', args: ['emulator', '--fail-rate', '2'], field: "'--fail-rate <f>'", fix: /must be a number from 0 to 1/ },
  { id: 'emulator --list-scope some', args: ['emulator', '--list-scope', 'some'], field: "'--list-scope <scope>'", fix: /Allowed choices are tagged, all/ },
  { id: 'emulator --host a remote name (crashed as "a bug in autotag")', args: ['emulator', '--host', 'example.com'], field: 'host', fix: /must be a loopback address/ },
  { id: 'emulator --host 0.0.0.0', args: ['emulator', '--host', '0.0.0.0'], field: 'host', fix: /must be a loopback address \(127\.0\.0\.1, another 127\.x\.y\.z, localhost or ::1\)/ },
  { id: 'emulator --catalog naming no file', args: ['emulator', '--catalog', 'no/such/catalog.json'], field: 'no/such/catalog.json', fix: /cannot read the catalog: no such file: check the path/ },
  { id: 'emulator --catalog that is not JSON', args: ['emulator', '--catalog', '{notJson}'], field: '(file)', fix: /not JSON [\s\S]*a catalog is the JSON GET \/__admin\/state answers/ },
  { id: 'emulator --assets -3', args: ['emulator', '--assets', '-3'], field: "'--assets <n>'", fix: NUMBER_0 },
  // invoke
  { id: 'invoke an unknown function', args: ['invoke', 'nope', '--event', '{event}', '--endpoint', '{dataworks}'], field: 'function', fix: /no built function "nope" in .* \(built: events, http, scheduled\)/ },
  { id: 'invoke without --event', args: ['invoke', 'scheduled', '--endpoint', '{dataworks}'], field: "'--event <file>'", fix: /not specified/ },
  { id: 'invoke --event naming no file', args: ['invoke', 'scheduled', '--event', 'no/such/event.json', '--endpoint', '{dataworks}'], field: '--event', fix: /cannot read the event file/ },
  { id: 'invoke --event that is not JSON', args: ['invoke', 'scheduled', '--event', '{notJson}', '--endpoint', '{dataworks}'], field: '(root)', fix: /the event is not JSON/ },
  { id: 'invoke --timeout 0', args: invoke('--timeout', '0', '--endpoint', '{dataworks}'), field: "'--timeout <seconds>'", fix: NUMBER_1 },
  { id: 'invoke --endpoint over plain http to a remote host', args: invoke('--endpoint', 'http://dataworks.cn-hangzhou.aliyuncs.com'), field: 'DATAWORKS_ENDPOINT', fix: HTTPS },
  { id: 'invoke --rules naming no file', args: invoke('--rules', 'no/such/rules', '--endpoint', '{dataworks}'), field: 'AUTOTAG_RULES', fix: /no such file or folder: bundle the rules .* or fix the path/ },
  { id: 'invoke --region no DataWorks serves', args: invoke('--region', 'mars-north-1'), field: 'AUTOTAG_REGION', fix: REGION },
  { id: 'invoke --log-level loud', args: invoke('--log-level', 'loud', '--endpoint', '{dataworks}'), field: "'--log-level <level>'", fix: LEVELS },
  // demo
  { id: 'demo --assets 0', args: ['demo', '--assets', '0'], field: "'--assets <n>'", fix: NUMBER_1 },
  { id: 'demo --rules naming no file', args: ['demo', '--rules', 'no/such/rules.yaml'], field: 'no/such/rules.yaml', fix: NO_FILE },
  // remote
  { id: 'remote plan without --url', args: ['remote', 'plan'], field: "'--url <url>'", fix: /not specified/ },
  { id: 'remote plan --url over plain http to a remote host', args: ['remote', 'plan', '--url', 'http://autotag-http.cn-hangzhou.fcapp.run'], field: '--url', fix: HTTPS },
  { id: 'remote plan --url that is not a URL', args: ['remote', 'plan', '--url', 'autotag-http'], field: '--url', fix: NOT_A_URL },
  { id: 'remote plan --url with a path and query', args: ['remote', 'plan', '--url', 'https://autotag-http.cn-hangzhou.fcapp.run/runs?dryRun=true'], field: '--url', fix: BARE },
  { id: 'remote plan with --rule-set and --rules', args: remote('plan', '--rule-set', 'pii', '--rules', '{rules}'), field: '--rules', fix: /give either --rule-set \(bundled with the function\) or --rules \(a local file sent inline\), not both/ },
  { id: 'remote plan --rules naming no file', args: remote('plan', '--rules', 'no/such/rules.yaml'), field: 'no/such/rules.yaml', fix: NO_FILE },
  { id: 'remote plan --rules with an error in it', args: remote('plan', '--rules', '{badRules}'), field: 'version', fix: /a rule set starts with "version: 1"/ },
  { id: 'remote run --timeout 0', args: remote('run', '--timeout', '0'), field: "'--timeout <seconds>'", fix: NUMBER_1 },
  { id: 'remote rules --project (a run flag)', args: remote('rules', '--project', '91234'), field: "'--project'", fix: HELP },
  { id: 'remote plan --lines 0', args: remote('plan', '--lines', '0'), field: "'--lines <n>'", fix: NUMBER_1 },
  { id: 'remote plan --project with a workspace name', args: remote('plan', '--project', 'sales_dw'), field: "'--project <id...>'", fix: NUMBER_1 },
  { id: 'remote with an unknown command', args: ['remote', 'apply', '--url', '{sink}'], field: "'apply'", fix: HELP },
  // events connect
  { id: 'events connect without --bus', args: ['events', 'connect', '--function', 'autotag-events', '--region', 'cn-hangzhou', '--account-id', '1234567890123456'], field: "'--bus <name>'", fix: /not specified/ },
  { id: 'events connect --region no DataWorks serves', args: connect({ '--region': 'mars-north-1' }), field: 'region', fix: /is not a region DataWorks serves \(known: .*\): give the region of the bus and the function/ },
  { id: 'events connect --region in capitals', args: connect({ '--region': 'CN-HANGZHOU' }), field: 'region', fix: /must be a region id such as cn-hangzhou/ },
  { id: 'events connect --account-id too short', args: connect({ '--account-id': '1' }), field: 'accountId', fix: /must be the numeric Alibaba Cloud account id that owns the function/ },
  { id: 'events connect --function with a space', args: connect({ '--function': 'autotag events' }), field: 'functionName', fix: /must be an FC function name/ },
  { id: 'events connect --bus with a space', args: connect({ '--bus': 'dataworks events' }), field: 'bus', fix: /must be an event bus name: letters, digits and "-"/ },
  { id: 'events connect to the default bus', args: connect({ '--bus': 'default' }), field: 'bus', fix: /name the custom bus the workspace is mapped to/ },
  { id: 'events connect --rule-name with a space', args: connect({ '--rule-name': 'autotag rule' }), field: 'ruleName', fix: /must be a rule name: letters, digits and "-"/ },
  { id: 'events connect --endpoint over plain http to a remote host', args: connect({ '--endpoint': 'http://eventbridge.cn-hangzhou.aliyuncs.com' }), field: 'endpoint', fix: HTTPS },
  { id: 'events with an unknown command', args: ['events', 'disconnect'], field: "'disconnect'", fix: HELP },
  // the program
  { id: 'an unknown command', args: ['tag'], field: "'tag'", fix: HELP },
  { id: 'an unknown global flag', args: ['--verbose', 'plan'], field: "'--verbose'", fix: HELP },
];
