/**
 * The emulator's violations reported beyond the process that saw them, for a test suite's final check
 * (test/support/violations.ts): when a directory is named (the `violationLog` option, else the environment
 * variable VIOLATION_LOG_ENV), every violation is appended to `<dir>/<pid>.jsonl` the moment it is recorded —
 * so an emulator that is killed, or never stopped, has reported too — with whether the emulator was started
 * expecting that kind (`expectViolations`), who started it and the test that was running. `resetStats` forgets the counts an emulator
 * answers with, never what it has reported here.
 */
import { appendFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Violation, ViolationKind } from './stats';

/** the directory every emulator of a test run reports to; jest's global setup sets it (test/global-setup.ts) */
export const VIOLATION_LOG_ENV = 'DATAWORKS_EMULATOR_VIOLATION_LOG';
/** the test running now, when the test runner says (test/support/violation-context.ts): read as each violation is reported */
export const VIOLATION_CONTEXT_ENV = 'DATAWORKS_EMULATOR_TEST';

/** One line of the log. */
export interface ViolationLogEntry {
  violation: Violation;
  /** the emulator was started with this kind in `expectViolations` */
  expected: boolean;
  /** the emulator's address */
  emulator: string;
  pid: number;
  /** the process (its script and arguments) and the first call frames outside the emulator that started it */
  startedBy: string;
  /** the test that was running when it happened, if the runner named it */
  during?: string;
}

const FRAMES = 4;
const MAX_ARGV = 300;

/** Where `startEmulator` was called from: enough to find the test (or command) that started it. */
function callerOf(): string {
  // this folder's own frames (in a bundle: the bundle's, where argv says enough), Node's and libraries' are skipped
  const here = `${__dirname}${sep}`;
  const frames = (new Error().stack ?? '')
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('at ') && !l.includes(here) && !l.includes('node:') && !l.includes(`${sep}node_modules${sep}`));
  const argv = process.argv.slice(1).join(' ').slice(0, MAX_ARGV);
  return [argv, ...frames.slice(0, FRAMES)].join(' | ');
}

export interface ViolationReporter {
  (violation: Violation): void;
  /** set once the server listens */
  listening(url: string): void;
}

/** A reporter for one emulator, or a no-op when no directory is named. Call it while `startEmulator` runs. */
export function violationReporter(options: { violationLog?: string; expectViolations?: readonly ViolationKind[] }): ViolationReporter {
  const dir = options.violationLog ?? process.env[VIOLATION_LOG_ENV];
  const startedBy = dir ? callerOf() : '';
  const expected = new Set(options.expectViolations ?? []);
  let emulator = '(starting)';
  const report = (violation: Violation) => {
    if (!dir) return;
    const during = process.env[VIOLATION_CONTEXT_ENV];
    const entry: ViolationLogEntry = { violation, expected: expected.has(violation.kind), emulator, pid: process.pid, startedBy, ...(during && { during }) };
    appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify(entry)}\n`);
  };
  return Object.assign(report, { listening: (url: string) => void (emulator = url) });
}
