/**
 * The `autotag` command line: every command, its flags and its help with examples, declared with
 * commander. Each action is one call into `cli/commands/*`; this module only maps the outcome to an exit
 * code and an error to a message a user can act on (or, with --json, to one JSON error document).
 */
import { Command, CommanderError, Option } from 'commander';
import { version } from '../package.json';
import { examples, type Guard } from './command';
import { declareCoverageCommand } from './commands/coverage';
import { demoCommand } from './commands/demo';
import { emulatorCommand, type EmulatorFlags } from './commands/emulator';
import { explainCommand, type ExplainFlags } from './commands/explain';
import { invokeCommand, type InvokeFlags } from './commands/invoke';
import { declareEventsCommands } from './commands/events';
import { policyCommand, schemaCommand, validateCommand, type PolicyFlags } from './commands/rule-file';
import { declareRemoteCommands } from './commands/remote';
import { declareReportCommand } from './commands/report';
import { runCommand, type RunFlags } from './commands/run';
import { withEnvironment, type Environment } from './environment';
import { EXIT, exitCodeOfError, type ExitCode } from './exit-codes';
import { addBudgetOptions, addCoverageOptions, asksForJson, addFormatOption, addLogOption, addPlanOptions, addScopeOptions, addTableCacheOptions, addTargetOptions, fraction, nonNegativeInt, positiveInt } from './options';
import { errorDocument, renderError } from './render/error';
import { eprintln, printJson, type Terminal } from './terminal';

export interface CliContext {
  term: Terminal;
  /**
   * For a command that can stop at a safe point: the first SIGINT/SIGTERM aborts the returned signal (its
   * reason: the signal's name) instead of ending the process. Commands that do not ask are ended at once.
   */
  gracefulStop(): AbortSignal;
  /** where the demo's rule files are (the repository's rules/) */
  rulesDir: string;
  /** where the built function bundles are (dist/<function>/index.js) */
  distDir: string;
  /** the process environment: plan and apply read the AUTOTAG_* variables they share with the functions */
  env: Environment;
}

const EXIT_HELP = `
Exit codes:
  0  ok
  1  some bindings failed, a source could not be read, or an API error stopped the run
  2  invalid input: rule file, flags, AUTOTAG_* variables, credentials or endpoint (nothing was called)
  3  stopped by a guard before the first write (blast radius: settings.maxBindings / --max-bindings)
  4  with --detailed-exitcode (plan, apply --dry-run): the plan is complete and would change something
     (0 then means nothing would change; an incomplete plan is still 1)
  5  apply: the --audit-log file could not be appended to mid-run: no write started after that; the report
     says what was applied, and lists the changes the file lacks (auditFailure in --json)
  130  interrupted by SIGINT (Ctrl-C)
  143  interrupted by SIGTERM
       plan and apply stop at a safe point: no new API call starts, the calls in flight finish, and the
       report so far is printed (status "deadline", stoppedBy.reason "interrupted"); a second signal exits at once

plan and apply read AUTOTAG_REGION, AUTOTAG_MAX_BINDINGS, AUTOTAG_READ_QPS, AUTOTAG_WRITE_QPS, AUTOTAG_LOG_LEVEL,
AUTOTAG_STS_ENDPOINT and AUTOTAG_NOTIFY_* as the functions do (a flag wins; a bad value exits 2). apply notifies as the rule set's notify:
section or AUTOTAG_NOTIFY_URL says. Colour only on a terminal: --no-color or NO_COLOR=1 turns it off.

Credentials come from the default chain: ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET
(+ ALIBABA_CLOUD_SECURITY_TOKEN), a profile in ~/.alibabacloud/credentials, or the instance's RAM role.
`;

/** Runs the CLI on `argv` (as process.argv) and resolves to the exit code. */
export async function runCli(argv: string[], ctx: CliContext): Promise<ExitCode> {
  const { term } = ctx;
  let exitCode: ExitCode = EXIT.ok;
  const json = asksForJson(argv);

  /** Runs one command's body; expected errors become a message (or JSON document) and an exit code. */
  const guard: Guard =
    (body, context = () => ({})) =>
    async (...args) => {
      try {
        exitCode = await body(...args);
      } catch (e) {
        const { json: asJson, rulesFile } = context(...args);
        if (asJson) printJson(term, errorDocument(e));
        eprintln(term, `${term.paint.err.bad('autotag:')} ${renderError(e, { rulesFile })}`);
        exitCode = exitCodeOfError(e);
      }
    };
  const runContext = (flags: RunFlags) => ({ json: flags.json || flags.format === 'json', rulesFile: flags.rules });

  const program = new Command('autotag')
    .description('Tag Alibaba Cloud DataWorks data assets (tables, tasks) by rules: plan, apply, and run in Function Compute.')
    .version(version)
    // read by main.ts before parsing (colour is settled before anything is printed); declared so it is accepted and listed
    .option('--no-color', 'no colour, even on a terminal (as NO_COLOR=1 does; --json and pipes never have colour)')
    .exitOverride()
    .configureOutput({ writeOut: term.out, writeErr: term.err })
    .showHelpAfterError('(add --help for usage and examples)')
    .addHelpText(
      'after',
      examples([
        'npm start                                          # the demo: a local emulator, plan, apply, re-run',
        'autotag validate rules/example.yaml',
        'autotag plan --rules rules/example.yaml --region cn-hangzhou',
        'autotag apply --rules rules/example.yaml --region cn-hangzhou --max-bindings 5000',
      ]) + EXIT_HELP,
    );

  program
    .command('validate')
    .description('check a rule file (schema, tag key rules, rules that would fight over a key) without calling any API')
    .argument('<rules>', 'rule file (YAML or JSON)')
    .option('--json', 'print the result as one JSON document')
    .addHelpText('after', examples(['autotag validate rules/example.yaml', 'autotag validate rules/governance.yaml --json | jq .warnings']))
    .action(guard((file: string, flags: { json?: boolean }) => validateCommand(file, flags, term), (file, flags) => ({ json: flags.json, rulesFile: file })));

  const plan = program
    .command('plan')
    .description('show what a rule set would bind, find present, or find in conflict; writes nothing (a dry run)')
    .requiredOption('--rules <file>', 'rule file (YAML or JSON)')
    .option('--json', 'stream the plan as JSON lines (as --format json): a "plan" header, one record per binding, tag-key change and unread source, then the run report ({"kind":"report",...})')
    .option('--lines <n>', 'plan lines shown per rule (default 10; --json streams them all)', positiveInt)
    .option('--max-bindings <n>', 'the limit apply would use: say whether applying this plan would stop (default: AUTOTAG_MAX_BINDINGS, else settings.maxBindings)', nonNegativeInt);
  addPlanOptions(addFormatOption(plan, 'text (for people), json (JSON lines, as --json) or csv (one row per planned binding)'));
  addCoverageOptions(addTableCacheOptions(addScopeOptions(addBudgetOptions(addTargetOptions(plan), { write: false }))));
  addLogOption(plan)
    .addHelpText(
      'after',
      examples([
        'autotag plan --rules rules/example.yaml --region cn-hangzhou',
        'autotag plan --rules rules/example.yaml --endpoint http://127.0.0.1:8080      # the emulator',
        'autotag plan --rules rules/example.yaml --region cn-hangzhou --rule pii-user-tables --project 10001',
        'autotag plan --rules rules/example.yaml --region cn-hangzhou --json > plan.jsonl',
        'autotag plan --rules rules/example.yaml --region cn-hangzhou --out plan.jsonl   # then: autotag apply --rules rules/example.yaml --plan plan.jsonl --region cn-hangzhou',
        'autotag plan --rules rules/example.yaml --region cn-hangzhou --detailed-exitcode  # CI: 0 nothing to change, 4 changes, 1 failed',
        'autotag plan --rules rules/example.yaml --region cn-hangzhou --format csv > plan.csv',
        'autotag plan --rules rules/example.yaml --region cn-hangzhou --explain ods_user_info',
      ]),
    )
    .action(guard((flags: RunFlags) => runCommand(withEnvironment(flags, ctx.env), term, 'plan', ctx.gracefulStop()), runContext));

  const apply = program
    .command('apply')
    .description('plan, then write the bindings: create or extend tag keys, bind tags, overwrite conflicts where a rule says so')
    .requiredOption('--rules <file>', 'rule file (YAML or JSON)')
    .option('--json', 'print the run report as one JSON document, as --format json (with --dry-run: the plan as JSON lines, as autotag plan --json)')
    .option('--dry-run', 'plan only, write nothing (same as autotag plan, and takes its --out, --detailed-exitcode and --explain)')
    .option('--plan <file>', 'apply exactly this saved plan (autotag plan --out): refused before any call if the rule set changed, it was made against another API, or it is incomplete; what changed on an asset since is left alone and reported')
    .option('--max-bindings <n>', 'blast-radius guard: never write more than this; a plan over it writes nothing up to 10,000 (default: AUTOTAG_MAX_BINDINGS, else settings.maxBindings)', nonNegativeInt)
    .option('--audit-log <file>', 'append one JSON line per applied change (asset, key, old → new value, rule, run id) to this file, and per overwrite an "intent" line before the old value is unbound; checked before any call')
    .option('--lines <n>', 'with --dry-run: plan lines shown per rule', positiveInt);
  addPlanOptions(addFormatOption(apply, 'text (for people), json (the report as one JSON document, as --json) or csv (one row per binding outcome, as they happen); with --dry-run as autotag plan'), 'with --dry-run: ');
  addCoverageOptions(addTableCacheOptions(addScopeOptions(addBudgetOptions(addTargetOptions(apply), { write: true }))));
  addLogOption(apply)
    .addHelpText(
      'after',
      examples([
        'autotag apply --rules rules/example.yaml --region cn-hangzhou',
        'autotag apply --rules rules/example.yaml --region cn-hangzhou --max-bindings 20000 --write-qps 10',
        'autotag apply --rules rules/example.yaml --endpoint http://127.0.0.1:8080 --json',
        'autotag apply --rules rules/example.yaml --region cn-hangzhou --audit-log autotag-audit.jsonl',
        'autotag apply --rules rules/example.yaml --region cn-hangzhou --plan plan.jsonl   # exactly the plan saved with autotag plan --out',
        'autotag apply --rules rules/example.yaml --region cn-hangzhou --format csv > outcomes.csv',
      ]) + EXIT_HELP,
    )
    .action(guard((flags: RunFlags) => runCommand(withEnvironment(flags, ctx.env), term, 'apply', ctx.gracefulStop()), runContext));

  const explain = program
    .command('explain')
    .description('show why the rules tag an asset as they do: each rule\'s conditions with what they saw, the tags it would bind, priorities and conflicts; reads just the assets named')
    .argument('<assets...>', 'task ids, table ids (maxcompute-table:::project::table, or the rule set\'s asset id format), project.table, or names')
    .requiredOption('--rules <file>', 'rule file (YAML or JSON)')
    .option('--json', 'print one JSON document (formatVersion 1): per asset named, its explanation, or why it has none')
    .option('--rule <id...>', 'only these rules (as plan --rule: the others neither match nor bind)');
  addBudgetOptions(addTargetOptions(explain), { write: false });
  addLogOption(explain)
    .addHelpText(
      'after',
      examples([
        'autotag explain --rules rules/governance.yaml dim_customer --endpoint http://127.0.0.1:8080',
        'autotag explain --rules rules/governance.yaml sales_dw.dim_customer 700000000003 --region cn-hangzhou',
        'autotag explain --rules rules/governance.yaml maxcompute-table:::sales_dw::dim_customer --region cn-hangzhou --json',
      ]) +
        `
An asset is looked for where the rule set's sources would find it: a task id in the workspaces and envs of
sources.tasks, a table in its MaxCompute project when sources.tables lists it, a name among the tables and tasks
those list (exact name), and among the tagged assets when sources.tagged is on. Owners and table workspaces are
fetched only where a rule's outcome depends on them, as in a run.

Exit codes:
  0  every asset named was found and explained
  1  an asset was not found, several assets have the name given (name one by id), one could not be read, or an API error
  2  invalid input: rule file, flags, or a name that cannot name an asset (nothing was called)
`,
    )
    .action(guard((assets: string[], flags: ExplainFlags) => explainCommand(assets, flags, term), (_assets, flags) => ({ json: flags.json, rulesFile: flags.rules })));

  program
    .command('schema')
    .description('print the JSON Schema of rule files (for editors and CI); with --rules, one that also allows only the tag keys and values that file declares')
    .option('--rules <file>', "a rule file: its rules may set only its tagKeys' keys and values (regenerate it when tagKeys change)")
    .addHelpText('after', examples(['autotag schema > autotag-rules.schema.json', 'autotag schema --rules rules/example.yaml > example.schema.json']))
    .action(guard((flags: { rules?: string }) => schemaCommand(flags, term), (flags) => ({ rulesFile: flags.rules })));

  program
    .command('policy')
    .description('print the RAM policy (JSON) a rule set needs: only the DataWorks actions it uses, and an explicit deny of DeleteDataAssetTag')
    .option('--rules <file>', 'rule file (YAML or JSON) the functions run')
    .option('--fan-out', 'also allow fc:InvokeFunction, for the timer function fanning out to shards and continuing long runs')
    .option('--events', 'also allow what the events function needs: the reads that re-read the assets events name (ListTasks, ListTables, GetTable), and fc:InvokeFunction to look again later for assets not visible yet')
    .option('--connect-events', 'also allow the EventBridge actions autotag events connect calls (for the person who connects the bus, not the functions)')
    .addHelpText(
      'after',
      examples([
        'autotag policy --rules rules/example.yaml > autotag-policy.json',
        'autotag policy --rules rules/example.yaml --fan-out --events   # one role for all three functions',
        'autotag policy --connect-events                                 # for running autotag events connect',
      ]),
    )
    .action(guard((flags: PolicyFlags) => policyCommand(flags, term), (flags) => ({ rulesFile: flags.rules })));

  program
    .command('emulator')
    .description('run the local DataWorks emulator; prints one JSON line with its URL and the AccessKey pair it accepts, then serves until Ctrl-C')
    .option('--port <n>', 'port (0 = a free one)', nonNegativeInt, 0)
    .option('--host <host>', 'loopback address to listen on', '127.0.0.1')
    .option('--assets <n>', 'size of the generated catalog', nonNegativeInt, 10000)
    .option('--seed <n>', 'seed of the generated catalog and of injected faults', nonNegativeInt, 7)
    .option('--catalog <file>', 'serve this catalog (JSON) instead of a generated one')
    .option('--read-qps <n>', 'read calls per second before answering Throttling.User (0 = unlimited)', nonNegativeInt)
    .option('--write-qps <n>', 'write calls per second before answering Throttling.User (0 = unlimited)', nonNegativeInt)
    .option('--fail-rate <f>', 'share of requests (0..1) that fail: 5xx, connection reset, lost response, latency', fraction)
    .addOption(new Option('--list-scope <scope>', 'what ListDataAssets lists: tagged assets (as documented) or all').choices(['tagged', 'all']))
    .addHelpText(
      'after',
      examples([
        'autotag emulator --port 8080',
        'autotag emulator --assets 20000 --read-qps 50 --write-qps 20 --fail-rate 0.05',
        'autotag emulator --catalog test/fixtures/catalog.json --list-scope all',
      ]),
    )
    .action(guard((flags: EmulatorFlags) => emulatorCommand(flags, term, ctx.gracefulStop())));

  const invoke = program
    .command('invoke')
    .description('run a Function Compute handler from functions/<name> locally, with a fake FC context, against the emulator or an endpoint')
    .argument('<function>', 'function name (a folder under functions/)')
    .requiredOption('--event <file>', 'event JSON file, as the trigger would deliver it (samples: test/fixtures/events)')
    .option('--rules <path>', 'rule file or folder the function reads (sets AUTOTAG_RULES; default: the rules/ bundled with it)')
    .option('--timeout <seconds>', 'the fake context\'s function timeout', positiveInt, 60)
    .option('--json', 'print the handler\'s result as one JSON document');
  addTargetOptions(invoke);
  addLogOption(invoke)
    .addHelpText(
      'after',
      examples([
        'autotag invoke scheduled --event test/fixtures/events/timer.json --rules rules/example.yaml --endpoint http://127.0.0.1:8080',
        'autotag invoke events --event test/fixtures/events/eventbridge-dataworks-node-change-created.json --endpoint http://127.0.0.1:8080',
        'autotag invoke http --event test/fixtures/events/http.json --region cn-hangzhou',
      ]) +
        '\nRuns dist/<function>/index.js (npm run build first) with the event as a Buffer and a fake context without STS credentials:\n' +
        'the default credential chain signs the calls. The function\'s log lines go to stderr, its result to stdout.\n' +
        'Other settings come from the environment, as in FC (AUTOTAG_MAX_BINDINGS, AUTOTAG_READ_QPS, ...).\n',
    )
    .action(guard((name: string, flags: InvokeFlags) => invokeCommand(name, flags, term, ctx.distDir), (_name, flags) => ({ json: flags.json, rulesFile: flags.rules })));

  declareCoverageCommand({ program, guard, term }, ctx);
  declareRemoteCommands({ program, guard, term });
  declareEventsCommands({ program, guard, term });
  declareReportCommand({ program, guard, term });

  program
    .command('demo')
    .description('the five-minute tour: a local emulator with a sample catalog, plan, apply, and a second run that writes nothing')
    .option('--assets <n>', 'size of the sample catalog', positiveInt, 3000)
    .option('--rules <file>', 'rule file to demonstrate (default: the repository\'s governance rules)')
    .addHelpText('after', examples(['npm start', 'autotag demo --assets 10000']))
    .action(guard((flags: { assets: number; rules?: string }) => demoCommand(flags, term, ctx.rulesDir)));

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    // commander already printed its message (or the help / version)
    if (json && e.exitCode !== 0) printJson(term, { error: { name: 'UsageError', code: 'INVALID_INPUT', message: e.message } });
    return e.exitCode === 0 ? EXIT.ok : EXIT.invalidInput;
  }
  return exitCode;
}
