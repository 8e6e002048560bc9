/**
 * The fault scenarios of issue 10's reliability suite, as data. Each runs the rule set that makes every kind
 * of write (test/support/write-kinds-rules.ts: a key created, a key extended, binds, overwrites) on a
 * generated catalog, under what it injects, then runs again (or resumes a cut run from its cursor) until a run
 * ends ok. Each must end in exactly the state one clean unlimited run reaches on the same catalog (a fresh
 * emulator with the same seed), with every binding and every unread partition reported in every run and no
 * emulator violation (test/faults/checks.ts). Scenarios by runner (scenarios.test.ts checks this table
 * against the rows):
 *
 * | scenario | runner |
 * |---|---|
 * | 5% 5xx and resets, 2% lost responses | engine.test.ts |
 * | 20% faults: 5xx, resets, lost responses, answers after the client gave up | engine.test.ts |
 * | a throttling storm: half the calls throttled | engine.test.ts |
 * | latency: 15% of calls answered after the client gave up | engine.test.ts |
 * | a deadline during planning, then the run resumed | engine.test.ts |
 * | a deadline during planning while windows are written, then the run resumed | engine.test.ts |
 * | a deadline during apply, then the run resumed | engine.test.ts |
 * | a deadline during apply under 5% faults, then the run resumed | engine.test.ts |
 * | SIGKILL at a random write call (seed 7), then a re-run | cli-kills.test.ts |
 * | SIGKILL at a random write call (seed 23), then a re-run | cli-kills.test.ts |
 * | SIGKILL at a random write call (seed 1), then a re-run | cli-kills.test.ts |
 * | SIGKILL at a random write call (seed 43), then a re-run | cli-kills.test.ts |
 * | total: 12 | |
 *
 * The kill between an overwrite's unbind and its bind is issue 10's defect 3, in test/cli/audit-log.test.ts.
 * Time is fake where a run would wait (retry back-offs, rate limits: test/support/harness.ts); the network and
 * the client's timeout stay real, so latency scenarios keep their delays short.
 */
import type { FaultOptions } from '../../emulator';

export interface Catalog {
  assets: number;
  seed: number;
}

export interface EngineScenario {
  id: string;
  catalog: Catalog;
  /** on every call of every run */
  faults?: FaultOptions;
  /** the client's timeout (ms), where a late answer must make it give up */
  timeoutMs?: number;
  /**
   * the first run's deadline passes after it has read this many pages, or applied this many writes, or (while
   * windows are written as pages are read) once reading, paused after `pages` pages, has let `applied` be written
   */
  deadline?: { afterPages: number } | { afterApplied: number } | { whileWriting: { pages: number; applied: number } };
  /** above the guard's hold (10,000), windows are written while later pages are read */
  maxBindings?: number;
}

export interface KillScenario {
  id: string;
  catalog: Catalog;
  /** picks the write call the CLI is killed at, among those a clean run makes */
  seed: number;
}

/** lost answers and resets are what make a write land unanswered; latency past the timeout lands late */
const LATE = { latencyMs: 400 };
const TIMEOUT_MS = 250;

export const ENGINE_SCENARIOS: EngineScenario[] = [
  { id: '5% 5xx and resets, 2% lost responses', catalog: { assets: 600, seed: 3 }, faults: { rates: { '5xx': 0.025, reset: 0.025, lostResponse: 0.02 }, seed: 11 } },
  {
    id: '20% faults: 5xx, resets, lost responses, answers after the client gave up',
    catalog: { assets: 600, seed: 4 },
    faults: { rates: { '5xx': 0.05, reset: 0.05, lostResponse: 0.05, latency: 0.05 }, ...LATE, seed: 12 },
    timeoutMs: TIMEOUT_MS,
  },
  { id: 'a throttling storm: half the calls throttled', catalog: { assets: 600, seed: 5 }, faults: { rates: { throttle: 0.5 }, seed: 13 } },
  { id: 'latency: 15% of calls answered after the client gave up', catalog: { assets: 600, seed: 6 }, faults: { rates: { latency: 0.15 }, ...LATE, seed: 14 }, timeoutMs: TIMEOUT_MS },
  // the limit is just above the 1,123 writes the catalog wants: a cursor counting the writes the cut piece never made would block the resumed one
  { id: 'a deadline during planning, then the run resumed', catalog: { assets: 2000, seed: 7 }, deadline: { afterPages: 9 }, maxBindings: 1_200 },
  {
    id: 'a deadline during planning while windows are written, then the run resumed',
    catalog: { assets: 3000, seed: 10 },
    deadline: { whileWriting: { pages: 20, applied: 40 } },
    maxBindings: 20_000,
  },
  { id: 'a deadline during apply, then the run resumed', catalog: { assets: 2000, seed: 8 }, deadline: { afterApplied: 300 } },
  {
    id: 'a deadline during apply under 5% faults, then the run resumed',
    catalog: { assets: 2000, seed: 9 },
    faults: { rates: { '5xx': 0.025, reset: 0.025, lostResponse: 0.02 }, seed: 15 },
    deadline: { afterApplied: 500 },
  },
];

/** seeds whose kills land (of the 59 write calls a clean run makes) on the first key change, among the unbinds, among the binds, and on the last call */
export const KILL_SCENARIOS: KillScenario[] = [7, 23, 1, 43].map((seed) => ({ id: `SIGKILL at a random write call (seed ${seed}), then a re-run`, catalog: { assets: 600, seed: 3 }, seed }));
