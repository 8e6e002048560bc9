/**
 * The built CLI on a terminal: run under util-linux `script`, which gives it a pseudo-terminal for stdin, stdout
 * and stderr (what a person at a shell sees, both streams in one), with the same clean environment as
 * built-cli.ts. Output keeps its escape codes; line ends are the terminal's CRLF.
 */
import { spawn } from 'node:child_process';
import { CLI, cleanEnv, finished, ROOT, type CliResult } from './built-cli';

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

export function runCliOnTerminal(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  // -e: script exits with the command's code; -q: no "Script started" lines; /dev/null: no typescript file
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: cleanEnv({ TERM: 'xterm-256color', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  return finished(child);
}

/** An ANSI SGR escape (colour, bold, dim). */
export const SGR = /\x1b\[\d+m/;
