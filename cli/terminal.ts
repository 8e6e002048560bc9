/**
 * Where the CLI writes: stdout for the result (text, or exactly one JSON document with --json), stderr for
 * progress, hints and errors. Commands take a Terminal instead of touching `process`, so what they print
 * is decided in one place.
 */
import { versioned } from '../shared/json';
import { createLogger, silentLogger, type Logger, type LogLevel } from '../shared/log';
import { paletteFor, type Palette } from './render/colour';

export interface Terminal {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: progress may redraw one line in place */
  errIsTTY: boolean;
  /** width of that terminal, when known */
  columns?: number;
  /** the colours of each stream (plain off a terminal, with NO_COLOR, --no-color or --json) */
  paint: { out: Palette; err: Palette };
}

/** `colourOff`: --no-color or --json was given. */
export function processTerminal(colourOff: boolean): Terminal {
  const paint = (stream: NodeJS.WriteStream) => paletteFor({ isTTY: !!stream.isTTY, env: process.env, off: colourOff });
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    errIsTTY: !!process.stderr.isTTY,
    columns: process.stderr.columns,
    paint: { out: paint(process.stdout), err: paint(process.stderr) },
  };
}

/**
 * Settles once everything written to `stream` so far has been handed to the OS, or the stream failed (a reader
 * that went away). A pipe takes 64 KiB at a time and the rest waits in the process: `process.exit` before this
 * settles drops it.
 */
export function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed) resolve();
    else stream.write('', () => resolve());
  });
}

/** `text` plus a newline on stdout. */
export function println(term: Terminal, text: string): void {
  term.out(text.endsWith('\n') ? text : `${text}\n`);
}

/** `text` plus a newline on stderr. */
export function eprintln(term: Terminal, text: string): void {
  term.err(text.endsWith('\n') ? text : `${text}\n`);
}

/** The one JSON document of a --json run, with its `formatVersion` (shared/json). */
export function printJson(term: Terminal, doc: object): void {
  printForeignJson(term, versioned(doc));
}

/** A document in a format defined elsewhere (a JSON Schema, a RAM policy): as it is, with no `formatVersion`. */
export function printForeignJson(term: Terminal, value: unknown): void {
  term.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** The engine's and client's JSON log lines on stderr at `level`, or nothing when no level was asked for. */
export function stderrLogger(term: Terminal, level: LogLevel | undefined): Logger {
  return level ? createLogger({ level, write: (line) => eprintln(term, line) }) : silentLogger;
}
