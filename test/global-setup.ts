/**
 * Jest global setup: build dist/ once (build-once.ts), and open the emulators' violation log: a directory
 * named in the environment, which every emulator the suite starts — in a worker or in a child process the
 * CLI or the benchmark runs — reports to (emulator/violation-log.ts). global-teardown.ts checks it.
 */
import { VIOLATION_LOG_ENV } from '../emulator';
import buildOnce from './build-once';
import { createViolationLog } from './support/violations';

export default function globalSetup(): void {
  buildOnce();
  // set before jest starts its workers, which inherit it
  process.env[VIOLATION_LOG_ENV] = createViolationLog();
}
