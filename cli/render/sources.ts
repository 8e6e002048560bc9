/**
 * What a rule set's sources read, in a few words (`tagged assets, tasks of 2 workspaces (Prod, Dev), tables of 3
 * MaxCompute projects`), for `validate` and for the demo's note on what it scanned.
 */
import type { RuleSet } from '../../shared/rules';
import { counted } from './format';

export function describeSources(rs: RuleSet): string {
  const { tagged, tasks, tables } = rs.sources;
  const parts = [
    tagged && 'tagged assets',
    tasks && `tasks of ${counted(tasks.projects.length, 'workspace')} (${tasks.env.join(', ')})`,
    tables && `tables of ${counted(tables.maxcomputeProjects.length, 'MaxCompute project')}`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'none';
}
