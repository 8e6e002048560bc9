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

    it('warns about a task rule for a workspace no source lists, even when the tagged source may still find tagged ones', () => {
      const rs = ruleSet({ sources: { tagged: true, tasks: { projects: [10001] } }, rules: [rule({ match: { type: 'task', projects: [10003] } })] });
      expect(lint(rs)).toEqual([
        {
          level: 'warning',
          ruleId: 'r1',
          field: 'rules[0].match',
          message: 'no source lists tasks of workspace 10003, so only tasks that already carry a tag can match (sources.tagged): add "tasks: { projects: [...] }" covering them',
        },
      ]);
    });

    it('warns about a task rule for an env no source lists', () => {
      const rs = ruleSet({ sources: { tagged: true, tasks: { projects: [10001], env: ['Prod'] } }, rules: [rule({ match: { type: 'task', env: 'Dev', projects: [10001] } })] });
      expect(lint(rs)).toEqual([expect.objectContaining({ field: 'rules[0].match', message: expect.stringContaining('no source lists tasks of workspace 10001 in Dev') })]);
    });

    it('does not warn about a task rule whose workspace and env a source lists', () => {
      const rs = ruleSet({ sources: { tagged: true, tasks: { projects: [10001, 10003], env: ['Prod', 'Dev'] } }, rules: [rule({ match: { type: 'task', env: 'Dev', projects: [10003] } })] });
      expect(lint(rs)).toEqual([]);
    });

    describe('a table rule naming workspaces', () => {
      const tableRule = rule({ match: { type: 'table', projects: [10001], env: 'Prod' } });

      it('says that where a MaxCompute project lies cannot be known offline, what follows if it is elsewhere, and how to declare it', () => {
        const [finding, ...rest] = lint(ruleSet({ sources: { tagged: true, tables: { maxcomputeProjects: ['sales_dw'] } }, rules: [tableRule] }));
        expect(rest).toEqual([]);
        expect(finding).toMatchObject({ field: 'rules[0].match', ruleId: 'r1' });
        expect(finding.message).toContain('whether MaxCompute project sales_dw holds tables of workspace 10001 in Prod cannot be known offline');
        expect(finding.message).toContain('GetTable reads');
        expect(finding.message).toContain('only tables that already carry a tag can match');
        expect(finding.message).toContain('maxcomputeProjects: [{ name: sales_dw, workspace: <id>, env: <Prod or Dev> }]');
      });

      it('warns for certain when the declared projects lie in other workspaces (only tagged tables can match)', () => {
        const sources = { tagged: true, tables: { maxcomputeProjects: [{ name: 'sales_dw', workspace: 91234, env: 'Prod' }] } };
        expect(lint(ruleSet({ sources, rules: [tableRule] }))).toEqual([
          expect.objectContaining({ message: 'no source lists tables of workspace 10001 in Prod, so only tables that already carry a tag can match (sources.tagged): add "tables: { maxcomputeProjects: [...] }" covering them' }),
        ]);
      });

      it('says it can never match when no tagged source is left to find any', () => {
        const sources = { tables: { maxcomputeProjects: [{ name: 'sales_dw', workspace: 91234 }] } };
        expect(lint(ruleSet({ sources, rules: [tableRule] }))).toEqual([expect.objectContaining({ message: expect.stringContaining('can never match') })]);
      });

      it('is quiet when a declared project lies in the rule\'s workspace and env', () => {
        const sources = { tagged: true, tables: { maxcomputeProjects: ['mkt_dw', { name: 'user_dw', workspace: 10001, env: 'Prod' }] } };
        expect(lint(ruleSet({ sources, rules: [tableRule] }))).toEqual([]);
      });

      it('is quiet for a table rule that names no workspace or env', () => {
        expect(lint(ruleSet({ sources: { tables: { maxcomputeProjects: ['sales_dw'] } }, rules: [rule({ match: { type: 'table', name: 'ods_*' } })] }))).toEqual([]);
      });
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

    it('warns about a notification secret or access token written in the file, and not about one read from the environment', () => {
      const url = 'https://oapi.dingtalk.com/robot/send?access_token=lint-t0ken-0123456789';
      expect(lint(ruleSet({ notify: { kind: 'dingtalk', url, secret: 'SEClint-secret-0123' } }))).toEqual([
        { level: 'warning', field: 'notify.url', message: expect.stringContaining('url: { env: NOTIFY_URL }') },
        { level: 'warning', field: 'notify.secret', message: expect.stringContaining('secret: { env: NOTIFY_SECRET }') },
      ]);
      expect(lint(ruleSet({ notify: { kind: 'dingtalk', url: { env: 'ROBOT_URL' }, secret: { env: 'ROBOT_SECRET' } } }))).toEqual([]);
      expect(JSON.stringify(lint(ruleSet({ notify: { kind: 'dingtalk', url, secret: 'SEClint-secret-0123' } })))).not.toMatch(/lint-t0ken|SEClint/);
    });

    it('does not warn about the same lacks with the default skip', () => {
      expect(lintRules(rule({ match: { type: 'table', tags: { lacks: ['classification'] } } }))).toEqual([]);
    });
  });
});
