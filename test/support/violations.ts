/**
 * The suite's safety invariant, read from the emulators' violation log (emulator/violation-log.ts): no
 * DeleteDataAssetTag, no dropped tag value, no call over a limit, no Tag over a bound value, anywhere in the
 * suite, unless the emulator that saw it was started expecting that kind (`expectViolations`). jest's global
 * setup opens the log and its global teardown fails the run on what this finds.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ViolationLogEntry } from '../../emulator/violation-log';

/** A fresh, empty log directory. */
export function createViolationLog(): string {
  return mkdtempSync(join(tmpdir(), 'autotag-violations-'));
}

/** Every entry every emulator appended to `dir`. */
export function readViolationLog(dir: string): ViolationLogEntry[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as ViolationLogEntry),
    );
}

/** The violations no test declared. */
export function undeclaredViolations(dir: string): ViolationLogEntry[] {
  return readViolationLog(dir).filter((e) => !e.expected);
}

/** What the teardown says when the invariant broke: each violation, where its emulator was started, and the way out. */
export function describeViolations(entries: ViolationLogEntry[]): string {
  const lines = entries.map(
    (e) => `  - ${e.violation.kind} (${e.violation.action}): ${e.violation.message}\n    during ${e.during ?? '(no test named)'}\n    emulator ${e.emulator}, started by ${e.startedBy}`,
  );
  return [
    `${entries.length} emulator violation(s) that no test declared:`,
    ...lines,
    'Fix the code that made the call; or, in a test that provokes it on purpose, start the emulator with expectViolations: [<kind>].',
  ].join('\n');
}
