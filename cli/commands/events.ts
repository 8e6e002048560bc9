/**
 * `autotag events connect --bus <name> --function <name> --region <id> --account-id <id>`: the one step that
 * makes DataWorks workspace events (NodeChange, TableChange) reach the events function. They arrive only on
 * the custom bus the workspace is mapped to in DataWorks OpenEvent, which an fc3 trigger cannot subscribe
 * to, so this creates (or brings back) the EventBridge rule on that bus with the function as its target
 * (shared/triggers/eventbridge/connect.ts), with the caller's credentials from the default chain.
 * `--dry-run` prints the rule and target it would create and calls nothing.
 */
import { defaultChainCredentials } from '../../shared/credentials';
import { resolveEndpoint } from '../../shared/dataworks';
import { createEventBridgeClient, eventBridgeEndpoint } from '../../shared/eventbridge';
import { connectBus, connection, type Connection, type ConnectResult } from '../../shared/triggers';
import { examples, type CommandDeclaration } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { printJson, println, type Terminal } from '../terminal';

interface ConnectFlags {
  bus: string;
  function: string;
  region: string;
  accountId: string;
  ruleName?: string;
  endpoint?: string;
  dryRun?: boolean;
  json?: boolean;
}

function describe(c: Connection): string[] {
  const { rule, target } = c;
  const types = (JSON.parse(rule.FilterPattern) as { type: string[] }).type;
  return [
    `  rule ${rule.RuleName} on bus ${rule.EventBusName} (${c.region}), ${rule.Status}: source acs.dataworks, types ${types.join(', ')}`,
    `  target ${target.Id}: ${target.Type} ${target.Endpoint}, invoked Async with the whole CloudEvent as its event`,
  ];
}

const CHECK = [
  'Check it: change a node in the mapped workspace (or commit a table), then look for "run finished" in the events function\'s log',
  '(FC console: the function, Logs; each line names the asset, the run id and what was bound) and for the tag in DataWorks Data Map.',
];

function renderResult(c: Connection, r: ConnectResult): string {
  const what = r.rule === 'unchanged' && r.target === 'unchanged' ? 'was already connected; nothing changed' : `rule ${r.rule}, target ${r.target}`;
  return [`Event bus ${c.rule.EventBusName} delivers DataWorks events to ${c.target.Endpoint}: ${what}.`, ...describe(c), ...CHECK].join('\n');
}

async function connectCommand(flags: ConnectFlags, term: Terminal): Promise<ExitCode> {
  const wanted = connection({ bus: flags.bus, functionName: flags.function, region: flags.region, accountId: flags.accountId, ruleName: flags.ruleName });
  // checked before anything is read, so a bad flag costs no credential lookup either
  const endpoint = flags.endpoint ? resolveEndpoint({ endpoint: flags.endpoint, regionId: flags.region, env: {} }) : eventBridgeEndpoint(wanted.region);
  if (flags.dryRun) {
    if (flags.json) printJson(term, { dryRun: true, endpoint: endpoint.endpoint, CreateRule: { ...wanted.rule, EventTargets: [wanted.target] } });
    else println(term, ['Would create (or bring back to this shape, if it exists):', ...describe(wanted), 'Nothing was called; run it without --dry-run to connect.'].join('\n'));
    return EXIT.ok;
  }
  const client = createEventBridgeClient({ credentials: await defaultChainCredentials()(), endpoint });
  const result = await connectBus(client, wanted);
  if (flags.json) printJson(term, { changes: { rule: result.rule, target: result.target }, ruleArn: result.ruleArn, rule: wanted.rule, target: wanted.target });
  else println(term, renderResult(wanted, result));
  return EXIT.ok;
}

export function declareEventsCommands({ program, guard, term }: CommandDeclaration): void {
  const events = program.command('events').description('connect the events function to DataWorks events beyond the default bus');
  events
    .command('connect')
    .description('create (or bring back) the EventBridge rule that sends the DataWorks events on a custom bus, the one a workspace is mapped to in DataWorks OpenEvent, to the events function')
    .requiredOption('--bus <name>', 'the custom event bus the workspace is mapped to in DataWorks OpenEvent')
    .requiredOption('--function <name>', 'the events function, e.g. autotag-events (s.yaml: ${vars.prefix}-events)')
    .requiredOption('--region <id>', 'region of the bus and the function, e.g. cn-hangzhou')
    .requiredOption('--account-id <id>', 'the Alibaba Cloud account id that owns the function (in the target\'s ARN)')
    .option('--rule-name <name>', 'the rule\'s name (default: the function\'s name)')
    .option('--endpoint <url>', 'EventBridge API URL instead of the region\'s (http:// only for loopback)')
    .option('--dry-run', 'print the rule and target it would create; call nothing')
    .option('--json', 'print the outcome as one JSON document')
    .addHelpText(
      'after',
      examples([
        'autotag events connect --bus dataworks-events --function autotag-events --region cn-hangzhou --account-id 1234567890123456 --dry-run',
        'autotag events connect --bus dataworks-events --function autotag-events --region cn-hangzhou --account-id 1234567890123456',
      ]) + '\nYour RAM identity needs the actions `autotag policy --connect-events` prints. Running it again changes nothing.\n',
    )
    .action(guard((flags: ConnectFlags) => connectCommand(flags, term), (flags) => ({ json: flags.json })));
}
