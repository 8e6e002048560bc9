/** The bounded channel between discovery and the writer, and the slots that bound calls in flight. */
import { createChannel, createSlots } from '../../shared/concurrency';

describe('concurrency', () => {
  describe('createChannel', () => {
    it('makes a producer wait while the queue is full, and hands the items over in order', async () => {
      const channel = createChannel<number>(2);
      const pushed: number[] = [];
      const producing = (async () => {
        for (let i = 0; i < 6; i++) if (await channel.push(i)) pushed.push(i);
        channel.close();
      })();
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(pushed).toEqual([0, 1]);
      const taken: number[] = [];
      for await (const item of channel) taken.push(item);
      await producing;
      expect(taken).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it('releases a waiting producer when the consumer cancels', async () => {
      const channel = createChannel<number>(1);
      await channel.push(1);
      const waiting = channel.push(2);
      channel.cancel();
      await expect(waiting).resolves.toBe(false);
      expect(channel.cancelled).toBe(true);
      const left: number[] = [];
      for await (const item of channel) left.push(item);
      expect(left).toEqual([]);
    });
  });

  describe('createSlots', () => {
    it('runs at most `size` tasks at once, the others in turn', async () => {
      const slots = createSlots(3);
      let running = 0;
      let most = 0;
      const order: number[] = [];
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          slots.run(async () => {
            most = Math.max(most, ++running);
            await new Promise((resolve) => setTimeout(resolve, 2));
            running--;
            order.push(i);
          }),
        ),
      );
      expect(most).toBe(3);
      expect(order).toHaveLength(10);
    });
  });
});
