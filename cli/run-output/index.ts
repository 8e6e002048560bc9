/**
 * The output formats of `plan` and `apply` (`--format text|json|csv`, `--json` standing for `--format json`),
 * one module each: a new format is one entry here.
 */
import { csvOutput } from './csv';
import { jsonOutput } from './json';
import type { RunOutputKind } from './output';
import { textOutput } from './text';

export const RUN_FORMATS = { text: textOutput, json: jsonOutput, csv: csvOutput } as const satisfies Record<string, RunOutputKind>;
export type RunFormat = keyof typeof RUN_FORMATS;
export const RUN_FORMAT_NAMES = Object.keys(RUN_FORMATS) as RunFormat[];

export { reportLine } from './json';
export type { RunOutcome, RunOutput, RunOutputContext } from './output';
