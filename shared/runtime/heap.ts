/**
 * How far V8 lets garbage pile up between full collections, in the processes a run lives in (the CLI and each
 * function instance). After a full GC V8 lets the old space grow to up to 4 × what survived before it collects
 * again, and it sizes the old space to the machine, not to the run. A run streams its pages through a bounded
 * window, so what survives stays small (about 50 MB at 100,000 assets), but the pages and responses that lived
 * through two scavenges are promoted and pile up as garbage: an apply over 100,000 assets peaked at 320 MB RSS
 * with V8's defaults and 204 MB with growth held to 50 % (same report, same wall time; bench `rss-apply-100k`).
 *
 * `--heap-growing-percent` is read each time V8 sets its next limit, so setting it once the process runs takes
 * effect (unlike the heap's maximum, fixed at start-up). Node refuses it in NODE_OPTIONS; one given on node's
 * command line wins: we only fill the default in.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;
const FLAG = '--heap-growing-percent';

/** The flag to set, or undefined when node was started with one (`--heap-growing-percent`, `--heap_growing_percent`). */
export function heapGrowthFlag(execArgv: readonly string[]): string | undefined {
  const given = execArgv.some((arg) => arg.replace(/_/g, '-').startsWith(FLAG));
  return given ? undefined : `${FLAG}=${HEAP_GROWING_PERCENT}`;
}

/** Holds this process's heap growth to HEAP_GROWING_PERCENT unless node was started with a growth of its own. */
export function boundHeapGrowth(): void {
  const flag = heapGrowthFlag(process.execArgv);
  if (flag !== undefined) setFlagsFromString(flag);
}
