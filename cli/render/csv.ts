/**
 * CSV for spreadsheets and scripts (`--format csv`): the plan as one row per planned binding, and the report as
 * one row per binding outcome, each row written as it happens. RFC 4180: comma-separated, CRLF after every row,
 * a field quoted when it holds a comma, a double quote, CR or LF, a quote doubled inside.
 *
 * Formula injection: a spreadsheet runs a cell that starts with = + - @ (or a tab or CR before them) as a
 * formula, and asset names and tag values are anyone's text. Such a cell gets a leading ' (OWASP's advice):
 * spreadsheets show the text as it is, and a program reading the file strips one leading ' from any cell that
 * starts with one (a cell that starts with ' itself gets one too, so stripping always gives the text back).
 * Quoting alone would not do: spreadsheets evaluate a quoted "=1+1" as well.
 *
 * Our own code rather than a library: the writer is these few lines (no parsing here), with the escaping
 * rules in one place; the tests read the files back with an independent parser (Python's csv module).
 */
import type { BindingResult, PlannedBinding } from '../../shared/engine';

type Cell = string | number | undefined;

/** Cells a spreadsheet would take for a formula, and the mark itself (so that stripping one ' is exact). */
const FORMULA_START = /^[=+\-@\t\r']/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: Cell): string {
  if (value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A kind of row: its column names, and the cells of one item. */
export interface CsvTable<T> {
  columns: readonly string[];
  row(item: T): Cell[];
}

export const PLAN_CSV: CsvTable<PlannedBinding> = {
  columns: ['asset_id', 'asset_name', 'asset_type', 'workspace', 'env', 'key', 'value', 'action', 'current_value', 'resolution', 'rule'],
  row: (b) => [b.assetId, b.assetName, b.assetType, b.projectId, b.envType, b.key, b.value, b.action, b.currentValue, b.resolution, b.ruleId],
};

export const RESULT_CSV: CsvTable<BindingResult> = {
  columns: ['asset_id', 'key', 'value', 'rule', 'outcome', 'reason', 'code'],
  row: (r) => [r.assetId, r.key, r.value, r.ruleId, r.outcome, r.reason, r.code],
};

/** Rows of one table written as they come, the header first (also when no row comes). */
export function csvWriter<T>(table: CsvTable<T>, write: (text: string) => void): { add(item: T): void; end(): void } {
  let started = false;
  const start = () => {
    if (!started) write(csvRow(table.columns));
    started = true;
  };
  return {
    add: (item) => {
      start();
      write(csvRow(table.row(item)));
    },
    end: start,
  };
}
