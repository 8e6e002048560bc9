/**
 * Driving a handler as FC does: a fresh module per scenario (its own cold start), the environment of its
 * s.yaml-like configuration set while it runs, an FC context with the emulator's credentials, and its JSON
 * log lines captured from stdout (where FC reads them).
 */
import { resolve } from 'node:path';
import type { Emulator } from '../../emulator';
import { suiteHarness } from './harness';

export const RULES_DIR = resolve(__dirname, '..', 'fixtures', 'rules');
/** The source module of a function (functions/<name>), for `loadHandler`. */
export const functionModule = (name: string) => resolve(__dirname, '..', '..', 'functions', name);
/** The bundle of a function as `npm run build` (jest's global setup) makes it: dist/<name>/index.js. */
export const builtFunction = (name: string) => resolve(__dirname, '..', '..', 'dist', name, 'index.js');

export type Handler = (event: unknown, context: unknown) => Promise<unknown>;

let requests = 0;

/** An FC 3.0 context carrying the emulator's AccessKey pair as the invocation's credentials. */
export function fcContext(emulator: Emulator, over: Record<string, unknown> = {}) {
  return {
    requestId: `1-test-${++requests}`,
    accountId: '1234567890123456',
    region: 'cn-hangzhou',
    credentials: { ...emulator.credentials },
    function: { name: 'autotag-test', handler: 'index.handler', memory: 512, timeout: 60 },
    ...over,
  };
}

/** The environment a handler runs with against the emulator (plus `extra`). */
export function handlerEnv(emulator: Emulator, extra: Record<string, string> = {}): Record<string, string> {
  return { AUTOTAG_RULES: RULES_DIR, AUTOTAG_REGION: 'cn-hangzhou', DATAWORKS_ENDPOINT: emulator.url, ...extra };
}

/**
 * Loads `modulePath` afresh and returns its handler, run with `env` set (and everything else that starts
 * with AUTOTAG_ removed) for the duration of each call. Log lines written meanwhile go to `lines`.
 */
export function loadHandler(modulePath: string, env: Record<string, string>, lines: string[] = []): Handler {
  let handler: Handler | undefined;
  jest.isolateModules(() => {
    handler = (require(modulePath) as { handler: Handler }).handler;
  });
  return async (event, context) => {
    const saved = { ...process.env };
    for (const k of Object.keys(process.env)) if (k.startsWith('AUTOTAG_') || k === 'DATAWORKS_ENDPOINT') delete process.env[k];
    Object.assign(process.env, env);
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    });
    try {
      return await handler!(event, context);
    } finally {
      write.mockRestore();
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  };
}

/** An asset's tags in the emulator's catalog, as key → value. */
export const tagsOf = (emulator: Emulator, assetId: string) =>
  Object.fromEntries(emulator.catalog().bindings.filter((b) => b.assetId === assetId).map((b) => [b.key, b.value]));

/** Log lines as objects. */
export const parsed = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

export interface SuiteFunction {
  readonly emulator: Emulator;
  /** the log lines of the last invocation */
  readonly lines: string[];
  /** one invocation with an FC context carrying the emulator's credentials; the log lines and the emulator's call counts start afresh */
  invoke(event: unknown): Promise<unknown>;
}

/**
 * A built function loaded once for a describe block, against an emulator of its own (50 assets, no quotas):
 * started before the block's first test, stopped after its last.
 */
export function suiteFunction(name: string): SuiteFunction {
  const h = suiteHarness({ assets: 50 });
  let handler: Handler | undefined;
  const lines: string[] = [];
  beforeAll(() => {
    handler = loadHandler(builtFunction(name), handlerEnv(h.emulator), lines);
  });
  return {
    get emulator() {
      return h.emulator;
    },
    lines,
    invoke(event) {
      lines.length = 0;
      this.emulator.resetStats();
      return handler!(event, fcContext(this.emulator));
    },
  };
}
