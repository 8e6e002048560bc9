/**
 * The least-privilege RAM policy for a rule set: exactly the DataWorks actions its sources and rules make
 * the engine call (reference README decision 12), `fc:InvokeFunction` only when the function fans out or
 * hands late assets to a later invocation of itself (the events function),
 * and an explicit Deny on `dataworks:DeleteDataAssetTag` (decision 9), so even a wider policy attached
 * to the same role by mistake cannot let autotag delete a tag key.
 *
 * Why each action (matching what the engine does, shared/engine + shared/discovery):
 * - ListDataAssets: always — the tagged source lists with it, and the current tags of every asset found
 *   another way are read with it (DataAssetIds).
 * - ListDataAssetTags, CreateDataAssetTag, UpdateDataAssetTag, TagDataAssets: always — tag keys are read,
 *   created or extended (values) before bindings are written.
 * - UnTagDataAssets: only when a rule has `onConflict: overwrite` (the old value is unbound first).
 * - What each configured discovery source calls, and the event source's calls for event-driven runs: each
 *   source says which and why (shared/discovery/sources), e.g. ListTasks for a tasks source, ListTables and
 *   GetTable for a tables source, ListTasks or GetTable for a tagged source whose rules read owners.
 */
import { ASSET_KIND_NAMES, type ActionName } from '../dataworks';
import { CONNECT_RAM_ACTIONS } from '../eventbridge';
import { sourceRamNeeds } from '../discovery';
import { type RuleSet, referencesOwner } from '../rules';

export interface RamPolicyOptions {
  /** the function fans out to shards: allow `fc:InvokeFunction` */
  fanOut?: boolean;
  /** what `fc:InvokeFunction` may target, default any function: `acs:fc:*:*:functions/*` */
  fanOutResource?: string;
  /** the function runs event-driven runs (the events function): assets named by events are re-read */
  eventTargets?: boolean;
  /** the events function hands assets not visible yet to a later invocation of itself: allow `fc:InvokeFunction` */
  lateAssets?: boolean;
}

export interface RamStatement {
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string | string[];
}

export interface RamPolicy {
  Version: '1';
  Statement: RamStatement[];
}

export interface RequiredAction {
  /** e.g. `dataworks:TagDataAssets` */
  action: string;
  why: string;
}

export const DEFAULT_FAN_OUT_RESOURCE = 'acs:fc:*:*:functions/*';

/** The Allow actions, each with the reason it is needed (for `autotag policy --explain`). */
const allow = (action: ActionName, why: string): RequiredAction => ({ action: `dataworks:${action}`, why });

export function requiredActions(ruleSet: RuleSet, options: RamPolicyOptions = {}): RequiredAction[] {
  // A rule without a type applies to every kind (as in the engine).
  const ownerKinds = new Set(ASSET_KIND_NAMES.filter((kind) => ruleSet.rules.some((r) => (r.match.type ?? kind) === kind && referencesOwner(r.match))));
  const out = [
    allow('ListDataAssets', 'reads the current tags of every asset (and lists the tagged source)'),
    allow('ListDataAssetTags', 'reads the tag keys and their values'),
    allow('CreateDataAssetTag', 'creates a tag key a rule binds that does not exist yet'),
    allow('UpdateDataAssetTag', 'adds a value a rule binds to an existing tag key'),
    allow('TagDataAssets', 'binds tags to assets'),
  ];
  if (ruleSet.rules.some((r) => r.onConflict === 'overwrite')) out.push(allow('UnTagDataAssets', 'a rule overwrites conflicting values (onConflict: overwrite)'));
  for (const need of sourceRamNeeds(ruleSet.sources, { ownerKinds }, !!options.eventTargets)) out.push(allow(need.action, need.why));
  if (options.fanOut) out.push({ action: 'fc:InvokeFunction', why: 'queues the shards of a large run and the continuations of a long one (fan-out)' });
  else if (options.lateAssets) out.push({ action: 'fc:InvokeFunction', why: 'hands assets an event named before they were visible to a later invocation of the events function' });
  return out;
}

export function ramPolicy(ruleSet: RuleSet, options: RamPolicyOptions = {}): RamPolicy {
  const actions = requiredActions(ruleSet, options).map((a) => a.action);
  const dataworks = actions.filter((a) => a.startsWith('dataworks:'));
  const fc = actions.filter((a) => a.startsWith('fc:'));
  return {
    Version: '1',
    Statement: [
      // The DataWorks tag APIs take no resource ARN narrower than the account's.
      { Effect: 'Allow', Action: dataworks, Resource: '*' },
      ...(fc.length ? [{ Effect: 'Allow' as const, Action: fc, Resource: options.fanOutResource ?? DEFAULT_FAN_OUT_RESOURCE }] : []),
      { Effect: 'Deny', Action: ['dataworks:DeleteDataAssetTag'], Resource: '*' },
    ],
  };
}

/**
 * What the person who connects a custom bus (`autotag events connect`) needs: the EventBridge actions it
 * calls, on event buses and their rules. The first FC target in an account also creates the service-linked
 * role AliyunServiceRoleForEventBridgeSendToFC, which needs ram:CreateServiceLinkedRole once (research.md §3).
 */
export function connectEventsStatement(): RamStatement & { Effect: 'Allow' } {
  return { Effect: 'Allow', Action: CONNECT_RAM_ACTIONS.map((a) => a.action), Resource: 'acs:eventbridge:*:*:eventbus/*' };
}
