/**
 * Jest setup after the environment (every test file): names the running test in the environment, so a
 * violation an emulator reports (emulator/violation-log.ts) says which test it happened in — an emulator
 * started in a shared beforeAll has no test on its call stack. Child processes inherit the name at spawn.
 */
import { relative } from 'node:path';
import { VIOLATION_CONTEXT_ENV } from '../../emulator/violation-log';

const ROOT = `${__dirname}/../..`;
const fileOf = () => relative(ROOT, expect.getState().testPath ?? '(unknown file)');

beforeAll(() => {
  process.env[VIOLATION_CONTEXT_ENV] = `${fileOf()} (before all)`;
});
beforeEach(() => {
  process.env[VIOLATION_CONTEXT_ENV] = `${fileOf()} › ${expect.getState().currentTestName ?? ''}`;
});
afterAll(() => {
  process.env[VIOLATION_CONTEXT_ENV] = `${fileOf()} (after all)`;
});
