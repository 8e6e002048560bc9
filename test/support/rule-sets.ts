/** Rule sets for the tests: a valid base to vary, the issues a parse reports, and an asset to match. */
import { generateCatalog, type Catalog } from '../../emulator';
import { InvalidInputError, type InputIssue } from '../../shared/errors';
import { parseRuleSet, type MatchableAsset, type RuleSet } from '../../shared/rules';

export const FILE = 'rules/test.yaml';

/** A valid rule set with one rule; tests override parts of it. */
export function ruleSet(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    tagKeys: [
      { key: 'classification', values: ['public', 'internal', 'confidential', 'restricted'] },
      { key: 'pii', values: ['true'] },
      { key: 'team' },
    ],
    sources: { tagged: true, tasks: { projects: [10001] }, tables: { maxcomputeProjects: ['sales_dw'] } },
    rules: [rule()],
    ...overrides,
  };
}

export function rule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'r1', match: { type: 'table', name: 'ods_*' }, tags: { classification: 'internal' }, ...overrides };
}

/** The issues parsing `input` (an object, sent as JSON, or YAML text) reports; fails the test when it parses. */
export function issuesOf(input: string | Record<string, unknown>): InputIssue[] {
  try {
    parseRuleSet(typeof input === 'string' ? input : JSON.stringify(input), FILE);
  } catch (e) {
    if (e instanceof InvalidInputError) return e.issues;
    throw e;
  }
  throw new Error('expected the rule set to be rejected, but it parsed');
}

/** A table as the matcher sees it, with its details fetched; tests override parts of it. */
export const matchableTable = (over: Partial<MatchableAsset> = {}): MatchableAsset => ({
  kind: 'table',
  name: 'ods_user_info',
  projectId: 10001,
  envType: 'Prod',
  owner: 'alice',
  ...over,
});

/**
 * A generated catalog where no asset carries the `team` key yet: every table's owner can then change a write of
 * aliceTablesRuleSet and is read (a table carrying the key already needs no owner).
 */
export function catalogWithoutTeam(options: { assets: number; seed: number }): Catalog {
  const generated = generateCatalog(options);
  return { ...generated, bindings: generated.bindings.filter((b) => b.key !== 'team') };
}

/** One table-owner rule over the tables of `projects`: alice's tables (narrowed by `name`) get `team: alpha`. */
export function aliceTablesRuleSet(projects: readonly string[], name?: string, onConflict?: 'overwrite'): RuleSet {
  const match = JSON.stringify({ type: 'table', ...(name && { name }), owner: 'alice' });
  return parseRuleSet(
    `
version: 1
tagKeys: [{ key: team, values: [alpha] }]
sources:
  tables: { maxcomputeProjects: [${projects.join(', ')}] }
rules:
  - id: alice-tables
    match: ${match}
    tags: { team: alpha }${onConflict ? `\n    onConflict: ${onConflict}` : ''}
`,
    'alice-tables.yaml',
  );
}
