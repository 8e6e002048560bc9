import { parseRuleSet, unreadScopes } from '../../shared/rules';

/** A rule set with these sources and task rules (YAML flow mappings). */
const ruleSet = (sources: string, ...matches: string[]) =>
  parseRuleSet(
    ['version: 1', 'tagKeys: [{ key: team }]', `sources: ${sources}`, 'rules:', ...matches.map((m, i) => `  - { id: r${i}, match: ${m}, tags: { team: a } }`)].join('\n'),
  );

describe('unreadScopes: where rules could match and no source reads', () => {
  it('names each workspace and env a task rule names that the tasks source does not list', () => {
    const rs = ruleSet('{ tasks: { projects: [10001], env: [Prod, Dev] } }', '{ type: task, projects: [10001, 10003] }', '{ type: task, env: Dev, projects: [10004] }');
    expect(unreadScopes(rs).map((s) => s.label)).toEqual(['tasks 10003 Dev', 'tasks 10003 Prod', 'tasks 10004 Dev']);
    expect(unreadScopes(rs)[0]).toEqual({ kind: 'task', projectId: 10003, env: 'Dev', label: 'tasks 10003 Dev' });
  });

  it('takes a rule without an env at the envs the tasks source reads, Prod when there is no tasks source', () => {
    expect(unreadScopes(ruleSet('{ tasks: { projects: [10001] } }', '{ type: task, projects: [10001] }'))).toEqual([]);
    expect(unreadScopes(ruleSet('{ tables: { maxcomputeProjects: [sales_dw] } }', '{ projects: [10001] }')).map((s) => s.label)).toEqual(['tasks 10001 Prod']);
  });

  it('does not count the tagged source, which lists only assets already tagged, as reading a workspace', () => {
    expect(unreadScopes(ruleSet('{ tagged: true }', '{ type: task, projects: [10001] }')).map((s) => s.label)).toEqual(['tasks 10001 Prod']);
  });

  it('says nothing of table rules, rules naming no workspace, or rules that can never match', () => {
    const rs = ruleSet('{ tasks: { projects: [10001] }, tables: { maxcomputeProjects: [sales_dw] } }', '{ type: table, projects: [10009] }', '{ type: task, name: "ods_*" }', '{ all: [{ env: Prod }, { env: Dev }], projects: [10009] }');
    expect(unreadScopes(rs)).toEqual([]);
  });
});
