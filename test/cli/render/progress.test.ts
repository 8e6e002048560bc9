import { ansi } from '../../../cli/render/colour';
import { createProgress, describeProgress } from '../../../cli/render/progress';
import type { ProgressEvent } from '../../../shared/engine';

const event = (over: Partial<ProgressEvent>): ProgressEvent => ({ phase: 'discover', scanned: {}, applied: 0, failed: 0, totalToApply: 0, throttled: 0, retries: 0, ...over });

function setup(tty: boolean) {
  let now = 0;
  const written: string[] = [];
  const progress = createProgress({ write: (t) => written.push(t), tty, now: () => now });
  return { progress, written, advance: (ms: number) => (now += ms) };
}

describe('cli/render/progress', () => {
  describe('describeProgress', () => {
    it('shows assets scanned per source while discovering', () => {
      expect(describeProgress(event({ scanned: { tables: 1200, tasks: 30 }, throttled: 2, retries: 3 }))).toBe('Scanning: tables 1,200 · tasks 30 | throttled 2 · retries 3');
    });

    it('shows bindings done of total, failures and the time left while applying', () => {
      expect(describeProgress(event({ phase: 'apply', applied: 800, failed: 20, totalToApply: 1030 }), 4000)).toBe(
        'Applying: 820 / 1,030 bindings (20 failed) | throttled 0 · retries 0 | about 4.0 s left',
      );
    });
  });

  describe('createProgress', () => {
    it('off a terminal, prints a plain line per phase change and at most one every two seconds', () => {
      const { progress, written, advance } = setup(false);
      progress.update(event({ scanned: { tables: 100 } }));
      advance(500);
      progress.update(event({ scanned: { tables: 200 } }));
      advance(1600);
      progress.update(event({ scanned: { tables: 300 } }));
      advance(100);
      progress.update(event({ phase: 'apply', totalToApply: 10 }));
      expect(written).toEqual([
        'Scanning: tables 100 | throttled 0 · retries 0\n',
        'Scanning: tables 300 | throttled 0 · retries 0\n',
        'Applying: 0 / 10 bindings | throttled 0 · retries 0\n',
      ]);
      progress.finish();
      expect(written).toHaveLength(3);
    });

    it('on a terminal, redraws one line in place and clears it when finished', () => {
      const { progress, written, advance } = setup(true);
      progress.update(event({ scanned: { tasks: 1 } }));
      advance(200);
      progress.update(event({ scanned: { tasks: 2 } }));
      expect(written).toEqual(['\r\x1b[KScanning: tasks 1 | throttled 0 · retries 0', '\r\x1b[KScanning: tasks 2 | throttled 0 · retries 0']);
      progress.finish();
      expect(written[2]).toBe('\r\x1b[K');
      expect(written.every((w) => !w.includes('\n'))).toBe(true);
    });

    it('estimates the time left from the pace of the apply so far', () => {
      const { progress, written, advance } = setup(false);
      progress.update(event({ phase: 'apply', applied: 0, totalToApply: 100 }));
      advance(10_000);
      progress.update(event({ phase: 'apply', applied: 50, totalToApply: 100 }));
      expect(written[1]).toContain('about 10.0 s left');
    });

    it('off a terminal, ends each phase on its final count, also when the last count came between two lines', () => {
      const { progress, written, advance } = setup(false);
      progress.update(event({ scanned: { tables: 100 } }));
      advance(100);
      progress.update(event({ scanned: { tables: 250 } }));
      progress.update(event({ phase: 'apply', applied: 0, totalToApply: 40 }));
      advance(100);
      progress.update(event({ phase: 'apply', applied: 40, totalToApply: 40 }));
      progress.finish();
      expect(written).toEqual([
        'Scanning: tables 100 | throttled 0 · retries 0\n',
        'Scanning: tables 250 | throttled 0 · retries 0\n',
        'Applying: 0 / 40 bindings | throttled 0 · retries 0\n',
        'Applying: 40 / 40 bindings | throttled 0 · retries 0\n',
      ]);
    });

    it('writes a line only once, and no time left once everything is applied', () => {
      const { progress, written, advance } = setup(false);
      progress.update(event({ phase: 'apply', applied: 0, totalToApply: 10 }));
      advance(5000);
      progress.update(event({ phase: 'apply', applied: 10, totalToApply: 10 }));
      advance(5000);
      progress.update(event({ phase: 'apply', applied: 10, totalToApply: 10 }));
      progress.finish();
      expect(written).toEqual(['Applying: 0 / 10 bindings | throttled 0 · retries 0\n', 'Applying: 10 / 10 bindings | throttled 0 · retries 0\n']);
    });

    it('on a terminal, puts the phase in bold and nothing else', () => {
      let now = 0;
      const written: string[] = [];
      const progress = createProgress({ write: (t) => written.push(t), tty: true, now: () => now, paint: ansi });
      progress.update(event({ scanned: { tasks: 3 } }));
      now += 1;
      expect(written).toEqual(['\r\x1b[K\x1b[1mScanning\x1b[22m: tasks 3 | throttled 0 · retries 0']);
    });

    it('remembers how many calls were throttled while reading', () => {
      const { progress } = setup(false);
      progress.update(event({ throttled: 4 }));
      progress.update(event({ phase: 'apply', throttled: 9 }));
      expect(progress.throttledWhileReading()).toBe(4);
    });
  });
});
