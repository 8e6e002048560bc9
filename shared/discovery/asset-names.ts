/**
 * What a person may type to name an asset (`autotag explain`): a task id (digits), a table's MetaEntityId
 * (`maxcompute-table:::proj::tbl`) or its asset id in the rule set's format, `project.table`, or a bare name,
 * which the sources look for as a task's or a table's exact name. Text that can only be a mistake is refused
 * before any call, every such text at once.
 */
import { InvalidInputError, type InputIssue } from '../errors';
import { tableOfAssetId } from './assets';
import { MAXCOMPUTE_PROJECT } from './sources/fields';
import type { TableAssetIdFormat } from './types';

/** One asset as named, `text` as typed. */
export type AssetName =
  | { kind: 'task'; text: string; taskId: number }
  | { kind: 'table'; text: string; maxcomputeProject: string; tableName: string }
  | { kind: 'name'; text: string; name: string };

/** The name `text` gives, or why it cannot name an asset. */
function parseOne(text: string, format: TableAssetIdFormat): AssetName | { refused: string } {
  const t = text.trim();
  if (!t) return { refused: 'is empty: give a task id, a table id, project.table or a name' };
  if (/^\d+$/.test(t)) {
    const taskId = Number(t);
    return Number.isSafeInteger(taskId) && taskId > 0 ? { kind: 'task', text, taskId } : { refused: 'is no task id: task ids are whole numbers from 1 to 2^53 - 1' };
  }
  const table = tableOfAssetId(format, t);
  if (table) return { kind: 'table', text, maxcomputeProject: table.project, tableName: table.table };
  if (t.startsWith('maxcompute-table:')) return { refused: 'is no MetaEntityId of a MaxCompute table: expected maxcompute-table:::<project>::<table>' };
  const qualified = /^([^.]+)\.([^.]+)$/.exec(t);
  if (qualified && MAXCOMPUTE_PROJECT.test(qualified[1])) return { kind: 'table', text, maxcomputeProject: qualified[1], tableName: qualified[2] };
  return { kind: 'name', text, name: t };
}

/** Each distinct text once, in the order given; every text that cannot name an asset is an input error. */
export function parseAssetNames(texts: readonly string[], format: TableAssetIdFormat): AssetName[] {
  const distinct = [...new Set(texts)];
  const parsed = distinct.map((text) => parseOne(text, format));
  const issues: InputIssue[] = parsed.flatMap((p, i) => ('refused' in p ? [{ field: `assets[${i}]`, message: `${JSON.stringify(distinct[i])} ${p.refused}` }] : []));
  if (issues.length) throw new InvalidInputError(issues, 'asset names');
  return parsed.filter((p): p is AssetName => !('refused' in p));
}
