/**
 * Where a rule set's rules could match but none of its sources reads: for coverage, which counts those assets
 * apart as never scanned (`source-not-configured`). A rule names a scope through its footprint (the workspaces
 * and env every asset it matches is in); a task scope is unread when no source that lists tasks (not the
 * tagged source, which lists only assets already tagged) reaches that workspace and env. A rule naming no env
 * is taken at the envs the tasks source reads (Prod, when there is none). Tables are left out: which workspace a
 * MaxCompute project lies in is not known offline, so "no source reads it" cannot be said of one.
 */
import type { EnvType } from '../dataworks';
import { reachOf } from '../discovery';
import { footprint, mayMatchKind } from './footprint';
import type { RuleSet } from './types';

export interface UnreadScope {
  kind: 'task';
  projectId: number;
  env: EnvType;
  /** as the partitions of the tasks source are named: `tasks 10003 Dev` */
  label: string;
}

const DEFAULT_TASK_ENVS: readonly EnvType[] = ['Prod'];

export function unreadScopes(ruleSet: RuleSet): UnreadScope[] {
  const listers = reachOf(ruleSet.sources).filter((s) => s.kinds.includes('task') && !s.taggedOnly);
  const readEnvs = listers.find((s) => s.env)?.env ?? DEFAULT_TASK_ENVS;
  const read = (projectId: number, env: EnvType) => listers.some((s) => (!s.projects || s.projects.includes(projectId)) && (!s.env || s.env.includes(env)));
  const found = new Map<string, UnreadScope>();
  for (const rule of ruleSet.rules) {
    const fp = footprint(rule.match);
    if (fp.never || !fp.projects || !mayMatchKind(fp, 'task')) continue;
    for (const projectId of fp.projects) {
      for (const env of fp.env ? [fp.env] : readEnvs) {
        const label = `tasks ${projectId} ${env}`;
        if (!read(projectId, env) && !found.has(label)) found.set(label, { kind: 'task', projectId, env, label });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.projectId - b.projectId || a.env.localeCompare(b.env));
}
