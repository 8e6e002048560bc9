/**
 * CSV read back by a parser that is not ours: Python's csv module (the machine's python3), so a test of the
 * CLI's CSV checks it against how another program reads RFC 4180, not against the writer's own idea of it.
 * `unguard` undoes the formula guard as the README tells a program to: one leading ' dropped.
 */
import { execFileSync } from 'node:child_process';

const READ_CSV = `
import csv, io, json, sys
rows = list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline=""), strict=True))
json.dump(rows, sys.stdout)
`;

/** Every row of `text`, header first, each cell as Python's csv.reader gives it. */
export function parseCsv(text: string): string[][] {
  return JSON.parse(execFileSync('python3', ['-c', READ_CSV], { input: text, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as string[][];
}

export function unguard(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

/** The rows of `text` as objects keyed by its header row, formula guards undone. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((row) => Object.fromEntries(header.map((column, i) => [column, unguard(row[i])])));
}
