import { ramPolicy, requiredActions } from '../../shared/policy/ram';
import type { Sources } from '../../shared/discovery';
import type { Match, Rule, RuleSet } from '../../shared/rules/types';

function rule(id: string, match: Match, onConflict: Rule['onConflict'] = 'skip'): Rule {
  return { id, match, tags: { 'data-owner': 'team-a' }, onConflict, priority: 0 };
}

function ruleSet(sources: Sources, rules: Rule[] = [rule('r1', { name: [{ glob: 'ods_*' }] })]): RuleSet {
  return { version: 1, tagKeys: [{ key: 'data-owner' }], sources, rules, settings: { maxBindings: 500 } };
}

const TAG_WRITES = ['dataworks:ListDataAssets', 'dataworks:ListDataAssetTags', 'dataworks:CreateDataAssetTag', 'dataworks:UpdateDataAssetTag', 'dataworks:TagDataAssets'];
const actionsOf = (rs: RuleSet, options = {}) => requiredActions(rs, options).map((a) => a.action);

describe('policy/ram', () => {
  describe('ramPolicy', () => {
    it('gives a tagged-only rule set the tag actions alone, and denies DeleteDataAssetTag', () => {
      expect(ramPolicy(ruleSet({ tagged: {} }))).toEqual({
        Version: '1',
        Statement: [
          { Effect: 'Allow', Action: TAG_WRITES, Resource: '*' },
          { Effect: 'Deny', Action: ['dataworks:DeleteDataAssetTag'], Resource: '*' },
        ],
      });
    });

    it('adds fc:InvokeFunction in its own statement only with fan-out', () => {
      const policy = ramPolicy(ruleSet({ tagged: {} }), { fanOut: true, fanOutResource: 'acs:fc:cn-hangzhou:123:functions/autotag-scheduled' });
      expect(policy.Statement).toContainEqual({ Effect: 'Allow', Action: ['fc:InvokeFunction'], Resource: 'acs:fc:cn-hangzhou:123:functions/autotag-scheduled' });
      expect(ramPolicy(ruleSet({ tagged: {} }), { fanOut: true }).Statement[1].Resource).toBe('acs:fc:*:*:functions/*');
      expect(JSON.stringify(ramPolicy(ruleSet({ tagged: {} })))).not.toContain('fc:');
    });

    it('never allows DeleteDataAssetTag, whatever the options', () => {
      const policy = ramPolicy(ruleSet({ tasks: { projects: [1], env: ['Prod'] }, tables: { maxcomputeProjects: ['p'], assetIdFormat: 'metaEntityId' }, tagged: {} }), { fanOut: true, eventTargets: true });
      const allowed = policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => s.Action);
      expect(allowed).not.toContain('dataworks:DeleteDataAssetTag');
      expect(allowed.every((a) => !a.endsWith('*'))).toBe(true);
      expect(policy.Statement.at(-1)).toEqual({ Effect: 'Deny', Action: ['dataworks:DeleteDataAssetTag'], Resource: '*' });
    });
  });

  describe('requiredActions', () => {
    it('needs ListTasks only for a tasks source', () => {
      expect(actionsOf(ruleSet({ tasks: { projects: [1], env: ['Prod'] } }))).toEqual([...TAG_WRITES, 'dataworks:ListTasks']);
    });

    it('needs ListTables and GetTable for a tables source', () => {
      expect(actionsOf(ruleSet({ tables: { maxcomputeProjects: ['p'], assetIdFormat: 'metaEntityId' } }))).toEqual([...TAG_WRITES, 'dataworks:ListTables', 'dataworks:GetTable']);
    });

    it('needs UnTagDataAssets only when a rule overwrites conflicts', () => {
      const overwrite = ruleSet({ tagged: {} }, [rule('r1', {}), rule('r2', {}, 'overwrite')]);
      expect(actionsOf(overwrite)).toContain('dataworks:UnTagDataAssets');
      expect(actionsOf(ruleSet({ tagged: {} }, [rule('r1', {})]))).not.toContain('dataworks:UnTagDataAssets');
    });

    it("reads a tagged asset's owner with the action of its kind, when an owner condition can apply to it", () => {
      const tableOwner = ruleSet({ tagged: {} }, [rule('r1', { type: 'table', any: [{ owner: ['alice'] }, { name: [{ glob: 'x' }] }] })]);
      expect(actionsOf(tableOwner)).toEqual([...TAG_WRITES, 'dataworks:GetTable']);
      const taskOwner = ruleSet({ tagged: {} }, [rule('r1', { type: 'task', not: { owner: ['190000000000735'] } })]);
      expect(actionsOf(taskOwner)).toEqual([...TAG_WRITES, 'dataworks:ListTasks']);
      const anyOwner = ruleSet({ tagged: {} }, [rule('r1', { owner: ['alice'] })]);
      expect(actionsOf(anyOwner)).toEqual([...TAG_WRITES, 'dataworks:ListTasks', 'dataworks:GetTable']);
    });

    it('re-reads event-named tasks and tables for event-driven runs', () => {
      expect(actionsOf(ruleSet({ tagged: {} }), { eventTargets: true })).toEqual([...TAG_WRITES, 'dataworks:ListTasks', 'dataworks:ListTables', 'dataworks:GetTable']);
    });

    it('lets the events function invoke itself for late assets, once even with fan-out', () => {
      expect(actionsOf(ruleSet({ tagged: {} }), { eventTargets: true, lateAssets: true })).toEqual([...TAG_WRITES, 'dataworks:ListTasks', 'dataworks:ListTables', 'dataworks:GetTable', 'fc:InvokeFunction']);
      expect(actionsOf(ruleSet({ tagged: {} }), { fanOut: true, lateAssets: true }).filter((a) => a === 'fc:InvokeFunction')).toHaveLength(1);
    });

    it('says why each action is needed', () => {
      for (const a of requiredActions(ruleSet({ tasks: { projects: [1], env: ['Prod'] } }), { fanOut: true })) expect(a.why).toMatch(/\w{4,}/);
    });
  });
});
