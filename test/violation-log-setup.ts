/**
 * Opens the emulators' violation log for a jest run: a fresh directory named in the environment, set
 * before jest starts its workers (which inherit it), and so passed to every emulator the run starts — in a
 * worker, or in a child process (the CLI's `cleanEnv` passes it on). global-teardown.ts checks it. Used by
 * the suite's global setup (global-setup.ts) and, alone, by the run that proves the check fails
 * (test/invariants/fixtures/jest.config.js).
 */
import { VIOLATION_LOG_ENV } from '../emulator/violation-log';
import { createViolationLog } from './support/violations';

export default function openViolationLog(): void {
  process.env[VIOLATION_LOG_ENV] = createViolationLog();
}
