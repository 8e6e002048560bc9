/**
 * A bounded queue between one producer side and one consumer: `push` waits while the queue is full, so a
 * producer never runs further ahead of its consumer than the capacity (that is what keeps memory flat), and
 * the consumer iterates until the queue is closed and drained. `cancel` is the consumer saying it stops: a
 * producer waiting or pushing after it is told so (`push` resolves false) instead of waiting forever.
 */
export interface Channel<T> extends AsyncIterable<T> {
  /** resolves true once `item` is queued, or false when the consumer has cancelled (the item is dropped) */
  push(item: T): Promise<boolean>;
  /** no more items: the consumer ends after the queued ones */
  close(): void;
  /** the consumer stops: queued items are dropped and producers are released */
  cancel(): void;
  /** whether the consumer has cancelled */
  readonly cancelled: boolean;
}

export function createChannel<T>(capacity: number): Channel<T> {
  const items: T[] = [];
  let closed = false;
  let cancelled = false;
  let wakeConsumer: (() => void) | undefined;
  const producers: (() => void)[] = [];
  const wake = () => {
    wakeConsumer?.();
    wakeConsumer = undefined;
  };
  const release = () => {
    while (producers.length && (cancelled || items.length < capacity)) producers.shift()!();
  };
  return {
    get cancelled() {
      return cancelled;
    },
    async push(item) {
      while (!cancelled && items.length >= capacity) await new Promise<void>((resolve) => producers.push(resolve));
      if (cancelled) return false;
      items.push(item);
      wake();
      return true;
    },
    close() {
      closed = true;
      wake();
    },
    cancel() {
      cancelled = true;
      items.length = 0;
      release();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (cancelled) return;
        const item = items.shift();
        if (item !== undefined) {
          release();
          yield item;
          continue;
        }
        if (closed) return;
        await new Promise<void>((resolve) => (wakeConsumer = resolve));
      }
    },
  };
}
