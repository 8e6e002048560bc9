/**
 * The least-privilege RAM policy for a rule set: exactly the DataWorks actions its sources and rules make
 * the engine call (reference README decision 12), `fc:InvokeFunction` only when the function fans out,
 * and an explicit Deny on `dataworks:DeleteDataAssetTag` (decision 9), so even a wider policy attached
 * to the same role by mistake cannot let autotag delete a tag key.
 *
 * Why each action (matching what the engine does, shared/engine + shared/discovery):
 * - ListDataAssets: always — the tagged source lists with it, and the current tags of every asset found
 *   another way are read with it (DataAssetIds).
 * - ListDataAssetTags, CreateDataAssetTag, UpdateDataAssetTag, TagDataAssets: always — tag keys are read,
 *   created or extended (values) before bindings are written.
 * - UnTagDataAssets: only when a rule has `onConflict: overwrite` (the old value is unbound first).
 * - ListTasks: a tasks source; event-driven runs (a task an event names is re-read); a tagged source with
 *   an owner condition on tasks (a tagged task's owner is read by ListTasks with its Id).
 * - ListTables: a tables source; event-driven runs (a table an event names is re-read by name).
 * - GetTable: a tables source (owner, workspace); event-driven runs; a tagged source with an owner
 *   condition on tables.
 */
import type { ActionName } from '../dataworks';
import { type RuleSet, referencesOwner } from '../rules';

export interface RamPolicyOptions {
  /** the function fans out to shards: allow `fc:InvokeFunction` */
  fanOut?: boolean;
  /** what `fc:InvokeFunction` may target, default any function: `acs:fc:*:*:functions/*` */
  fanOutResource?: string;
  /** the function runs event-driven runs (the events function): assets named by events are re-read */
  eventTargets?: boolean;
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
export function requiredActions(ruleSet: RuleSet, options: RamPolicyOptions = {}): RequiredAction[] {
  const { tasks, tables, tagged } = ruleSet.sources;
  // A rule without a type applies to both kinds (as in the engine).
  const ownerOn = (kind: 'task' | 'table') => ruleSet.rules.some((r) => (r.match.type ?? kind) === kind && referencesOwner(r.match));
  const events = !!options.eventTargets;
  const out: RequiredAction[] = [];
  const need = (action: ActionName, why: string | false | undefined) => {
    if (why) out.push({ action: `dataworks:${action}`, why });
  };

  need('ListDataAssets', 'reads the current tags of every asset (and lists the tagged source)');
  need('ListDataAssetTags', 'reads the tag keys and their values');
  need('CreateDataAssetTag', 'creates a tag key a rule binds that does not exist yet');
  need('UpdateDataAssetTag', 'adds a value a rule binds to an existing tag key');
  need('TagDataAssets', 'binds tags to assets');
  need('UnTagDataAssets', ruleSet.rules.some((r) => r.onConflict === 'overwrite') && 'a rule overwrites conflicting values (onConflict: overwrite)');
  need(
    'ListTasks',
    (tasks && 'the tasks source lists tasks') ||
      (events && 'event-driven runs re-read the tasks events name') ||
      (tagged && ownerOn('task') && "an owner condition reads a tagged task's owner"),
  );
  need('ListTables', (tables && 'the tables source lists tables') || (events && 'event-driven runs re-read the tables events name'));
  need(
    'GetTable',
    (tables && "reads a listed table's owner and workspace") ||
      (events && "reads the owner and workspace of a table an event names") ||
      (tagged && ownerOn('table') && "an owner condition reads a tagged table's owner"),
  );
  if (options.fanOut) out.push({ action: 'fc:InvokeFunction', why: 'queues the shards of a large run (fan-out)' });
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
