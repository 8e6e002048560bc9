/**
 * Test wiring shared by suites that need "the cloud": a DataWorks emulator on loopback and a real client
 * (the real @alicloud/openapi-client underneath) pointed at it. Time is fake unless a test passes a clock:
 * retry back-offs and rate-limit waits cost nothing, while the network (and a request's timeout) stays real.
 * Each `client()`/`deps()` gets its own fake clock starting at the real time, so a deadline a test computes
 * from `Date.now()` just before means what it says.
 */
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { createDataWorksClient, resolveEndpoint, type ClientOptions, type DataWorksClient } from '../../shared/dataworks';
import { fakeClock } from '../../shared/clock';
import { silentLogger } from '../../shared/log';
import type { RunDeps } from '../../shared/engine';

export interface Harness {
  emulator: Emulator;
  client(options?: Partial<ClientOptions>): DataWorksClient;
  deps(options?: Partial<ClientOptions> & Partial<RunDeps>): RunDeps & { api: DataWorksClient };
  stop(): Promise<void>;
}

/** Fast by default (no QPS limits on either side) unless the options say otherwise. */
export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ readQps: 0, writeQps: 0, ...options });
  const client = (o: Partial<ClientOptions> = {}) =>
    createDataWorksClient({
      credentials: emulator.credentials,
      endpoint: resolveEndpoint({ endpoint: emulator.url }),
      clock: fakeClock(Date.now()),
      logger: silentLogger,
      limits: { readQps: 100_000, writeQps: 100_000 },
      retry: { baseDelayMs: 5, maxDelayMs: 50 },
      ...o,
    });
  return {
    emulator,
    client,
    deps: (o = {}) => {
      const clock = o.clock ?? fakeClock(Date.now());
      const api = client({ ...o, clock });
      return { logger: silentLogger, ...o, clock, api, metrics: () => api.metrics() };
    },
    stop: () => emulator.stop(),
  };
}

/**
 * The harness of a describe block: started before its first test, stopped after its last. Its members are
 * read when a test runs, so a suite can hold it in a const.
 */
export function suiteHarness(options: EmulatorOptions = {}): Harness {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness(options);
  });
  afterAll(() => started?.stop());
  const live = () => {
    if (!started) throw new Error('the harness starts in beforeAll: use it inside a test');
    return started;
  };
  return {
    get emulator() {
      return live().emulator;
    },
    client: (o) => live().client(o),
    deps: (o) => live().deps(o),
    stop: () => live().stop(),
  };
}
