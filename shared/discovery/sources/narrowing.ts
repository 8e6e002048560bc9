/**
 * How a run narrows what a source reads: the workspaces both the source and the run allow, and the one name
 * keyword the rules agree on, which ListTasks, ListTables and ListDataAssets take as a fuzzy `Name` filter.
 */
import type { AssetKind } from '../../dataworks';
import type { RunView } from './source';

/** The workspaces in both lists; an absent list does not narrow. */
export function intersect(a: readonly number[] | undefined, b: readonly number[] | undefined): readonly number[] | undefined {
  return a && b ? a.filter((x) => b.includes(x)) : (a ?? b);
}

/** The one keyword every matching name of `kind` contains, when the rules agree on exactly one. */
export function nameKeyword(run: RunView, kind: AssetKind): string | undefined {
  const names = run.hints.get(kind)?.names;
  return names?.length === 1 ? names[0] : undefined;
}
