/**
 * What a command module that declares its own commands (remote, events) is handed by program.ts: the guard
 * that runs a command's body and turns an expected error into a message (or one JSON error document) and
 * an exit code, and the terminal it prints on.
 */
import type { Command } from 'commander';
import type { ExitCode } from './exit-codes';
import type { Terminal } from './terminal';

export type Guard = <A extends unknown[]>(body: (...args: A) => Promise<ExitCode>, context?: (...args: A) => { json?: boolean; rulesFile?: string }) => (...args: A) => Promise<void>;

export interface CommandDeclaration {
  program: Command;
  guard: Guard;
  term: Terminal;
}

export const examples = (lines: string[]) => `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
