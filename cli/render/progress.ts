/**
 * Progress of a run, fed by the engine's `onProgress`. On a terminal it is one line redrawn in place (assets
 * scanned per source, bindings applied of total, throttled, retries, time left); elsewhere (CI logs, pipes)
 * plain lines, at most one every few seconds plus one per phase change, so a log stays short. It never
 * writes to stdout: stdout holds the result (and with --json exactly one JSON document).
 */
import type { ProgressEvent } from '../../shared/engine';
import { plain, type Palette } from './colour';
import { renderSources } from './plan';
import { count, duration, joinParts } from './format';

export interface ProgressOptions {
  write: (text: string) => void;
  /** redraw one line in place (a terminal) instead of printing plain lines */
  tty: boolean;
  now: () => number;
  /** plain lines: at most one per this many milliseconds, besides phase changes; default 2000 */
  plainIntervalMs?: number;
  /** terminal width, so the line never wraps (a wrapped line cannot be redrawn) */
  columns?: number;
  /** colours of the live line on a terminal (default none) */
  paint?: Palette;
}

export interface ProgressReporter {
  update(event: ProgressEvent): void;
  /** clears the live line; call before printing anything else */
  finish(): void;
  /** calls throttled while discovering, i.e. reads (the rest happened while writing) */
  throttledWhileReading(): number;
}

const REDRAW_MS = 100;
const DEFAULT_PLAIN_INTERVAL_MS = 2000;
const CLEAR_LINE = '\r\x1b[K';

/** The text of one progress line; `etaMs` when the time left is known. */
export function describeProgress(e: ProgressEvent, etaMs?: number): string {
  const api = `throttled ${count(e.throttled)} · retries ${count(e.retries)}`;
  if (e.phase === 'apply') {
    const failed = e.failed ? ` (${count(e.failed)} failed)` : '';
    const left = etaMs === undefined || e.applied + e.failed >= e.totalToApply ? undefined : `about ${duration(etaMs)} left`;
    return joinParts([`Applying: ${count(e.applied + e.failed)} / ${count(e.totalToApply)} bindings${failed}`, api, left], ' | ');
  }
  if (e.phase === 'done') return `Done | ${api}`;
  return `${e.phase === 'plan' ? 'Planning' : 'Scanning'}: ${renderSources(e.scanned)} | ${api}`;
}

export function createProgress(options: ProgressOptions): ProgressReporter {
  const interval = options.plainIntervalMs ?? DEFAULT_PLAIN_INTERVAL_MS;
  const paint = options.paint ?? plain;
  let lastPhase: ProgressEvent['phase'] | undefined;
  let lastWrite = -Infinity;
  let drawn = false;
  let readThrottled = 0;
  /** the latest event, when it was not written: a phase's last count is written before the next phase's first */
  let unwritten: ProgressEvent | undefined;
  /** first apply event: where the rate for the time estimate is measured from */
  let applyStart: { at: number; done: number } | undefined;

  const eta = (e: ProgressEvent, now: number): number | undefined => {
    if (e.phase !== 'apply' || !applyStart) return undefined;
    const done = e.applied + e.failed - applyStart.done;
    const elapsed = now - applyStart.at;
    if (done <= 0 || elapsed <= 0) return undefined;
    return ((e.totalToApply - e.applied - e.failed) * elapsed) / done;
  };

  let lastLine: string | undefined;

  const write = (e: ProgressEvent, now: number) => {
    unwritten = undefined;
    const line = describeProgress(e, eta(e, now));
    if (line === lastLine) return;
    lastLine = line;
    if (options.tty) {
      // cut first, then colour the phase: a cut through an escape code would break the line
      const shown = options.columns ? line.slice(0, options.columns - 1) : line;
      options.write(CLEAR_LINE + shown.replace(/^\w+/, (phase) => paint.bold(phase)));
      drawn = true;
    } else {
      options.write(line + '\n');
    }
  };

  return {
    update(e) {
      const now = options.now();
      if (e.phase === 'discover') readThrottled = e.throttled;
      if (e.phase === 'apply' && !applyStart) applyStart = { at: now, done: e.applied + e.failed };
      const phaseChanged = e.phase !== lastPhase;
      lastPhase = e.phase;
      if (!phaseChanged && now - lastWrite < (options.tty ? REDRAW_MS : interval)) {
        unwritten = e;
        return;
      }
      // a plain log keeps every line: the phase that ended shows its final count, not the last one sampled
      if (phaseChanged && unwritten && !options.tty) write(unwritten, now);
      lastWrite = now;
      write(e, now);
    },
    finish() {
      if (unwritten && !options.tty) write(unwritten, options.now());
      if (drawn) options.write(CLEAR_LINE);
      drawn = false;
    },
    throttledWhileReading: () => readThrottled,
  };
}
