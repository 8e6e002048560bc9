/**
 * Connecting a custom event bus to the events function. DataWorks OpenEvent pushes workspace-level events
 * (NodeChange, TableChange) only to the custom bus a workspace is mapped to, and an fc3 `eventbridge`
 * trigger can only subscribe to the default bus (research.md §3), so the events function gets them through
 * an EventBridge rule on that bus with the function as its `acs.fc.function` target. The rule filters on
 * the same event types the s.yaml trigger subscribes to (asset-events.ts), so no type is lost whichever bus
 * DataWorks puts it on. Connecting is idempotent: the rule is created, or brought back to this shape (its
 * pattern and ENABLE status, the function's target) when it drifted, and left alone when it matches.
 *
 * The target, as FC 3.0 functions take one (inferred: research.md §3 found no source for the FC 3.0 form):
 * Endpoint `acs:fc:<region>:<account>:functions/<name>`, ParamList `functionName` and `Qualifier` (LATEST)
 * as constants, `InvocationType` Async (the function waits for late assets; an async call is what the
 * s.yaml trigger makes too), and `Body` ORIGINAL: the whole CloudEvent, as the function parses it.
 */
import { z } from 'zod';
import { PUBLIC_REGIONS } from '../../dataworks';
import { InvalidInputError, toInputIssues } from '../../errors';
import type { EventBridgeClient, EventRule, EventTarget } from '../../eventbridge';
import { SUBSCRIBED_EVENT_TYPES } from './asset-events';

const NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,126}$/;
const connectSchema = z.strictObject({
  /** the custom bus the workspace is mapped to in DataWorks OpenEvent */
  bus: z.string().regex(NAME, 'must be an event bus name: letters, digits and "-", at most 127, starting with a letter or digit').refine((b) => b !== 'default', 'the default bus is the s.yaml trigger\'s: name the custom bus the workspace is mapped to'),
  functionName: z.string().regex(/^[_a-zA-Z][-_a-zA-Z0-9]{0,127}$/, 'must be an FC function name'),
  // DataWorks sends its events where it runs: a region it does not serve has no events to connect
  region: z
    .string()
    .regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, { message: 'must be a region id such as cn-hangzhou', abort: true })
    .refine((r) => PUBLIC_REGIONS.includes(r), { error: (issue) => `${JSON.stringify(issue.input)} is not a region DataWorks serves (known: ${PUBLIC_REGIONS.join(', ')}): give the region of the bus and the function` }),
  accountId: z.string().regex(/^\d{6,20}$/, 'must be the numeric Alibaba Cloud account id that owns the function'),
  /** default: the function's name, `_` made `-` */
  ruleName: z.string().regex(NAME, 'must be a rule name: letters, digits and "-", at most 127, starting with a letter or digit').optional(),
});

export type ConnectRequest = z.input<typeof connectSchema>;

export interface Connection {
  region: string;
  rule: { EventBusName: string; RuleName: string; FilterPattern: string; Status: 'ENABLE'; Description: string };
  target: EventTarget & { Id: string; Type: string; Endpoint: string; PushRetryStrategy: string; ParamList: { ResourceKey: string; Form: string; Value?: string }[] };
}

export type Change = 'created' | 'updated' | 'unchanged';

export interface ConnectResult {
  rule: Change;
  target: Change;
  ruleArn?: string;
}

/** The pattern of the s.yaml trigger: DataWorks events of the types that name an asset. */
export const DATAWORKS_FILTER_PATTERN = JSON.stringify({ source: ['acs.dataworks'], type: [...SUBSCRIBED_EVENT_TYPES] });

/** What connecting creates, checked; nothing is called. */
export function connection(request: ConnectRequest): Connection {
  const parsed = connectSchema.safeParse(request);
  if (!parsed.success) throw new InvalidInputError(toInputIssues(parsed.error), 'events connect');
  const { bus, functionName, region, accountId } = parsed.data;
  const ruleName = parsed.data.ruleName ?? functionName.replace(/_/g, '-').replace(/^-+/, '');
  if (!NAME.test(ruleName)) throw new InvalidInputError([{ field: 'ruleName', message: `the function's name makes no rule name EventBridge takes ("${ruleName}"): give one with --rule-name` }], 'events connect');
  return {
    region,
    rule: { EventBusName: bus, RuleName: ruleName, FilterPattern: DATAWORKS_FILTER_PATTERN, Status: 'ENABLE', Description: `autotag: DataWorks asset events to ${functionName}` },
    target: {
      Id: ruleName,
      Type: 'acs.fc.function',
      Endpoint: `acs:fc:${region}:${accountId}:functions/${functionName}`,
      PushRetryStrategy: 'BACKOFF_RETRY',
      ParamList: [
        { ResourceKey: 'functionName', Form: 'CONSTANT', Value: functionName },
        { ResourceKey: 'Qualifier', Form: 'CONSTANT', Value: 'LATEST' },
        { ResourceKey: 'InvocationType', Form: 'CONSTANT', Value: 'Async' },
        { ResourceKey: 'Body', Form: 'ORIGINAL' },
      ],
    },
  };
}

/** JSON with object keys sorted and arrays of strings sorted: two patterns that filter alike compare equal. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  return value;
}
const samePattern = (a: string, b: string) => {
  try {
    return JSON.stringify(canonical(JSON.parse(a))) === JSON.stringify(canonical(JSON.parse(b)));
  } catch {
    return false;
  }
};

const paramKey = (p: { ResourceKey: string; Form: string; Value?: string }) => `${p.ResourceKey}|${p.Form}|${p.Value ?? ''}`;
function sameTarget(have: EventRule['Targets'][number], want: Connection['target']): boolean {
  const params = (list: { ResourceKey: string; Form: string; Value?: string }[]) => list.map(paramKey).sort().join('\n');
  return have.Type === want.Type && have.Endpoint === want.Endpoint && (have.PushRetryStrategy ?? 'BACKOFF_RETRY') === want.PushRetryStrategy && params(have.ParamList ?? []) === params(want.ParamList);
}

/** Creates the rule, or brings an existing one back to `wanted`; GetRule first, so a second run calls nothing else. */
export async function connectBus(client: EventBridgeClient, wanted: Connection): Promise<ConnectResult> {
  const { rule, target } = wanted;
  if (!(await client.getEventBus(rule.EventBusName))) {
    throw new InvalidInputError(
      [{ field: '--bus', message: `there is no event bus "${rule.EventBusName}" in ${wanted.region}: create it (EventBridge console, Event Buses, Create), map the DataWorks workspace to it in DataWorks OpenEvent, then connect again` }],
      'events connect',
    );
  }
  const existing = await client.getRule(rule.EventBusName, rule.RuleName);
  if (!existing) {
    const { RuleARN } = await client.createRule({ ...rule, EventTargets: [target] });
    return { rule: 'created', target: 'created', ruleArn: RuleARN };
  }
  const ruleDrifted = !samePattern(existing.FilterPattern, rule.FilterPattern) || existing.Status !== rule.Status;
  if (ruleDrifted) await client.updateRule(rule);
  const current = existing.Targets.find((t) => t.Id === target.Id);
  const targetChange = !current ? 'created' : sameTarget(current, target) ? 'unchanged' : 'updated';
  if (targetChange !== 'unchanged') {
    const answer = await client.putTargets(rule.EventBusName, rule.RuleName, [target]);
    if (answer.ErrorEntriesCount > 0) {
      throw new InvalidInputError(answer.ErrorEntries.map((e) => ({ field: '--function', message: `EventBridge refused the target ${e.EntryId}: ${e.ErrorCode}: ${e.ErrorMessage}` })), 'events connect');
    }
  }
  return { rule: ruleDrifted ? 'updated' : 'unchanged', target: targetChange, ruleArn: existing.RuleARN };
}
