import { join } from 'node:path';
import { lintRuleSet, loadRuleSet, parseRuleSet } from '../../shared/rules';
import { rule, ruleSet } from '../support/rule-sets';

const lint = (rs: Record<string, unknown>) => lintRuleSet(parseRuleSet(JSON.stringify(rs)));
const lintRules = (...rules: Record<string, unknown>[]) => lint(ruleSet({ rules }));

describe('rules/lint', () => {
  describe('lintRuleSet', () => {
    it.each(['example.yaml', 'governance.yaml'])('finds nothing in rules/%s', async (file) => {
      expect(lintRuleSet(await loadRuleSet(join(__dirname, '../../rules', file)))).toEqual([]);
    });

    it('warns about a rule whose conditions contradict each other', () => {
      expect(lintRules(rule({ match: { type: 'table', all: [{ name: 'ods_*' }, { name: 'dim_*' }] } }))).toEqual([
        { level: 'warning', ruleId: 'r1', field: 'rules[0].match', message: expect.stringContaining('can never match') },
      ]);
    });

    it('warns about a rule whose has and lacks exclude each other', () => {
      expect(lintRules(rule({ match: { tags: { has: ['pii'], lacks: ['pii'] } } }))[0]).toMatchObject({ field: 'rules[0].match', message: expect.stringContaining('contradict') });
    });

    it('warns about a task rule outside every workspace the sources scan', () => {
      const rs = ruleSet({ sources: { tasks: { projects: [10001] } }, rules: [rule({ match: { type: 'task', projects: [10003] } })] });
      expect(lint(rs)).toEqual([{ level: 'warning', ruleId: 'r1', field: 'rules[0].match', message: expect.stringContaining('outside everything the sources scan') }]);
    });

    it('does not warn about a workspace the tagged source may still find', () => {
      const rs = ruleSet({ sources: { tagged: true, tasks: { projects: [10001] } }, rules: [rule({ match: { type: 'task', projects: [10003] } })] });
      expect(lint(rs)).toEqual([]);
    });

    it('warns about a Dev task rule when tasks are read in Prod only', () => {
      const rs = ruleSet({ sources: { tasks: { projects: [10001] } }, rules: [rule({ match: { type: 'task', env: 'Dev' } })] });
      expect(lint(rs)[0]).toMatchObject({ field: 'rules[0].match', message: expect.stringContaining('type, env lie outside') });
    });

    it('warns about an empty match', () => {
      expect(lintRules(rule({ match: {} }))).toEqual([{ level: 'warning', ruleId: 'r1', field: 'rules[0].match', message: expect.stringContaining('matches every asset') }]);
    });

    it('warns about an owner rule that may match tables and tasks', () => {
      expect(lintRules(rule({ match: { owner: 'alice' } }))).toEqual([
        { level: 'warning', ruleId: 'r1', field: 'rules[0].match', message: expect.stringContaining('an account id for tasks, an engine-side name for tables') },
      ]);
    });

    it('does not warn about an untyped owner rule when only one kind is discovered', () => {
      expect(lint(ruleSet({ sources: { tasks: { projects: [10001] } }, rules: [rule({ match: { owner: 2001 } })] }))).toEqual([]);
    });

    it('warns about task owners that are not account ids', () => {
      expect(lintRules(rule({ match: { type: 'task', any: [{ owner: ['alice', '2001'] }, { env: 'Dev' }] } }))).toEqual([
        { level: 'warning', ruleId: 'r1', field: 'rules[0].match.any[0].owner', message: expect.stringContaining('"alice" can never match') },
      ]);
    });

    it('warns about a tag condition on a value the rule set never declared', () => {
      expect(lintRules(rule({ match: { type: 'table', tags: { has: { classification: ['secret', 'public'] } } } }))).toEqual([
        { level: 'warning', ruleId: 'r1', field: 'rules[0].match.tags.has.classification', message: expect.stringContaining('"secret" is not declared') },
      ]);
    });

    it('warns about overwrite on a key the rule only sets where it is missing', () => {
      expect(lintRules(rule({ match: { type: 'table', tags: { lacks: ['classification'] } }, onConflict: 'overwrite' }))).toEqual([
        { level: 'warning', ruleId: 'r1', field: 'rules[0].onConflict', message: expect.stringContaining('"overwrite" never applies') },
      ]);
    });

    it('does not warn about the same lacks with the default skip', () => {
      expect(lintRules(rule({ match: { type: 'table', tags: { lacks: ['classification'] } } }))).toEqual([]);
    });
  });
});
