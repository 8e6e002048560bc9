/**
 * `autotag remote plan|run|rules --url <trigger URL>`: the deployed HTTP function, called with the caller's
 * own credentials (the default chain), each request signed as FC's gateway requires (authType: function,
 * cli/remote/sign.ts). `plan` is a dry run (`POST /runs` with dryRun) printed as `autotag plan` prints one,
 * `run` applies and prints the report as `autotag apply` does, `rules` lists the bundled rule sets; `--json`
 * prints the function's answer as it came. The rule set is one bundled with the function (`--rule-set`), or
 * a local file sent inline (`--rules`, checked here first, so a broken file costs no call).
 */
import { readFileSync } from 'node:fs';
import { systemClock } from '../../shared/clock';
import { defaultChainCredentials } from '../../shared/credentials';
import { InvalidInputError } from '../../shared/errors';
import { loadRuleSet } from '../../shared/rules';
import { MAX_BODY_BYTES } from '../../shared/triggers';
import { examples, type CommandDeclaration } from '../command';
import { EXIT, exitCodeOfReport, type ExitCode } from '../exit-codes';
import { addScopeOptions, positiveInt, type ScopeFlags } from '../options';
import { counted } from '../render/format';
import { renderPlan } from '../render/plan';
import { renderReport } from '../render/report';
import { printJson, println, type Terminal } from '../terminal';
import { remoteClient, type RemoteRuleSets, type RemoteRunRequest } from '../remote/client';

interface RemoteFlags {
  url: string;
  json?: boolean;
  /** seconds to wait for the answer */
  timeout: number;
}

interface RemoteRunFlags extends RemoteFlags, ScopeFlags {
  ruleSet?: string;
  rules?: string;
  lines?: number;
}

/** The http function's timeout in s.yaml (300 s) and a margin: a run is answered when it ends. */
const DEFAULT_TIMEOUT_SECONDS = 330;

const client = (flags: RemoteFlags) => remoteClient({ url: flags.url, credentials: defaultChainCredentials(), clock: systemClock, timeoutMs: flags.timeout * 1000 });

async function runRequest(flags: RemoteRunFlags, dryRun: boolean): Promise<RemoteRunRequest> {
  if (flags.ruleSet !== undefined && flags.rules !== undefined) {
    throw new InvalidInputError([{ field: '--rules', message: 'give either --rule-set (bundled with the function) or --rules (a local file sent inline), not both' }], 'remote run');
  }
  if (flags.rules !== undefined) await loadRuleSet(flags.rules);
  const rules = flags.rules === undefined ? undefined : readFileSync(flags.rules, 'utf8');
  const request = { ruleSet: flags.ruleSet, rules, ruleIds: flags.rule, projects: flags.project, dryRun };
  if (Buffer.byteLength(JSON.stringify(request)) > MAX_BODY_BYTES) {
    throw new InvalidInputError([{ file: flags.rules, field: '--rules', message: `is too large to send inline (the function takes ${MAX_BODY_BYTES} bytes); bundle it with the function and name it with --rule-set` }], 'remote run');
  }
  return request;
}

async function remoteRun(flags: RemoteRunFlags, term: Terminal, dryRun: boolean): Promise<ExitCode> {
  const report = await client(flags).run(await runRequest(flags, dryRun));
  if (flags.json) printJson(term, report);
  else if (report.planDetail) {
    const apply = `Apply it with: autotag remote run --url ${flags.url}${flags.ruleSet ? ` --rule-set ${flags.ruleSet}` : ''}${flags.rules ? ` --rules ${flags.rules}` : ''}`;
    println(term, [renderPlan(report.planDetail, { linesPerRule: flags.lines }), '', renderReport(report), ...(report.plan.plannedWrites ? [apply] : [])].join('\n'));
  } else println(term, renderReport(report));
  return exitCodeOfReport(report);
}

function renderRuleSets(ruleSets: RemoteRuleSets): string {
  if (!ruleSets.length) return 'The function bundles no rule set.';
  return ruleSets
    .map((r) => `${r.name} (${r.file}${r.title ? `, ${r.title}` : ''}): ${counted(r.rules.length, 'rule')} ${r.rules.map((x) => x.id).join(', ')}${r.lint.length ? `; ${counted(r.lint.length, 'lint warning')}` : ''}`)
    .join('\n');
}

async function remoteRules(flags: RemoteFlags, term: Terminal): Promise<ExitCode> {
  const ruleSets = await client(flags).ruleSets();
  if (flags.json) printJson(term, { ruleSets });
  else println(term, renderRuleSets(ruleSets));
  return EXIT.ok;
}

const URL_HELP = 'the HTTP trigger URL, https://<trigger>.<region>.fcapp.run (s deploy prints it; http:// only for loopback)';

export function declareRemoteCommands({ program, guard, term }: CommandDeclaration): void {
  const remote = program
    .command('remote')
    .description('call the deployed http function, each request signed with your own credentials (the trigger is authType: function)')
    .addHelpText(
      'after',
      examples([
        'autotag remote rules --url https://autotag-http-abcdefghij.cn-hangzhou.fcapp.run',
        'autotag remote plan --url https://autotag-http-abcdefghij.cn-hangzhou.fcapp.run --rule-set example',
        'autotag remote run --url https://autotag-http-abcdefghij.cn-hangzhou.fcapp.run --rule-set example --project 91234',
      ]) + '\nYour RAM identity needs fc:InvokeFunction on the function; credentials come from the default chain.\n',
    );
  const withRun = (name: string, description: string) =>
    addScopeOptions(
      remote
        .command(name)
        .description(description)
        .requiredOption('--url <url>', URL_HELP)
        .option('--rule-set <name>', 'a rule set bundled with the function (autotag remote rules lists them; default: the function\'s own)')
        .option('--rules <file>', 'a local rule file, checked here, then sent inline')
        .option('--json', 'print the run report as one JSON document')
        .option('--timeout <seconds>', 'how long to wait for the answer', positiveInt, DEFAULT_TIMEOUT_SECONDS),
    );
  withRun('plan', 'a dry run in the function: what it would bind, find present, or find in conflict; writes nothing')
    .option('--lines <n>', 'plan lines shown per rule (default 10; --json has them all)', positiveInt)
    .action(guard((flags: RemoteRunFlags) => remoteRun(flags, term, true), (flags) => ({ json: flags.json, rulesFile: flags.rules })));
  withRun('run', 'a run in the function: plan, then write the bindings; prints the report').action(
    guard((flags: RemoteRunFlags) => remoteRun(flags, term, false), (flags) => ({ json: flags.json, rulesFile: flags.rules })),
  );
  remote
    .command('rules')
    .description('the rule sets bundled with the function, with their rules and lint warnings')
    .requiredOption('--url <url>', URL_HELP)
    .option('--json', 'print them as one JSON document')
    .option('--timeout <seconds>', 'how long to wait for the answer', positiveInt, 30)
    .action(guard((flags: RemoteFlags) => remoteRules(flags, term), (flags) => ({ json: flags.json })));
}
