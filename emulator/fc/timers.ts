/**
 * The local FC's timers (per-invocation timeouts, `x-fc-async-delay`) as a dependency: real ones by default,
 * or manual ones a test advances, so a test of a timeout never waits for one. Only the stand-in's own
 * decisions run on them; the function's code in its instance lives in real time.
 */

export interface Timers {
  /** Runs `fire` after `ms`; the result cancels it. */
  start(ms: number, fire: () => void): () => void;
}

export const realTimers: Timers = {
  start(ms, fire) {
    const timer = setTimeout(fire, Math.max(0, ms));
    return () => clearTimeout(timer);
  },
};

export interface ManualTimers extends Timers {
  /** Moves time on by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void;
  /** how many timers are waiting */
  pending(): number;
}

const MAX_FIRINGS = 10_000;

export function manualTimers(): ManualTimers {
  let now = 0;
  let next = 0;
  const waiting = new Map<number, { at: number; fire: () => void }>();
  return {
    start(ms, fire) {
      const id = next++;
      waiting.set(id, { at: now + Math.max(0, ms), fire });
      return () => waiting.delete(id);
    },
    advance(ms) {
      const until = now + ms;
      for (let fired = 0; ; fired++) {
        // a timer that keeps re-arming itself at once would never let time move on
        if (fired > MAX_FIRINGS) throw new Error(`manual timers: more than ${MAX_FIRINGS} timers fired in one advance`);
        const due = [...waiting.entries()].filter(([, t]) => t.at <= until).sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
        if (!due) break;
        waiting.delete(due[0]);
        now = due[1].at;
        due[1].fire();
      }
      now = until;
    },
    pending: () => waiting.size,
  };
}
