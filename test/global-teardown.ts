/**
 * Jest global teardown: the safety invariant over the whole run. Any violation an emulator reported that its
 * test did not declare (`expectViolations`) fails the run, listed with where its emulator was started; the
 * log is kept for a look. A clean log is removed.
 */
import { rmSync } from 'node:fs';
import { VIOLATION_LOG_ENV } from '../emulator/violation-log';
import { describeViolations, undeclaredViolations } from './support/violations';

export default function globalTeardown(): void {
  const dir = process.env[VIOLATION_LOG_ENV];
  if (!dir) throw new Error(`${VIOLATION_LOG_ENV} is not set: the global setup (test/global-setup.ts) did not run`);
  const undeclared = undeclaredViolations(dir);
  if (undeclared.length) throw new Error(`${describeViolations(undeclared)}\n(log: ${dir})`);
  rmSync(dir, { recursive: true, force: true });
}
