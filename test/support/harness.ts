/**
 * Test wiring shared by suites that need "the cloud": a DataWorks emulator on loopback and a real client
 * (the real @alicloud/openapi-client underneath) pointed at it.
 */
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { createDataWorksClient, resolveEndpoint, type ClientOptions, type DataWorksClient } from '../../shared/dataworks';
import { systemClock } from '../../shared/clock';
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
      clock: systemClock,
      logger: silentLogger,
      limits: { readQps: 100_000, writeQps: 100_000 },
      retry: { baseDelayMs: 5, maxDelayMs: 50 },
      ...o,
    });
  return {
    emulator,
    client,
    deps: (o = {}) => {
      const api = client(o);
      return { clock: systemClock, logger: silentLogger, ...o, api, metrics: () => api.metrics() };
    },
    stop: () => emulator.stop(),
  };
}
