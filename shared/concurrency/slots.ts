/**
 * A fixed number of slots for tasks started from many places (several windows' calls at once): at most `size`
 * run at a time, the others wait their turn in order. The rate limiter decides how fast calls go; this only
 * keeps the number of open requests bounded.
 */
export interface Slots {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createSlots(size: number): Slots {
  let free = Math.max(1, size);
  const waiting: (() => void)[] = [];
  return {
    async run(task) {
      if (free > 0) free--;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else free++;
      }
    },
  };
}
