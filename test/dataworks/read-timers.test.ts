/**
 * The read timer httpx arms for each request is disarmed once the response is read (shared/dataworks/
 * read-timers.ts): finished calls leave no armed timer behind holding their request and response for 10 s.
 */
import { createHook } from 'node:async_hooks';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { suiteHarness } from '../support/harness';

const CALLS = 60;

describe('httpx read timers', () => {
  const harness = suiteHarness();

  it('leaves no read timer armed after the calls it timed have answered', async () => {
    const api = harness.client();
    await api.listDataAssetTags({ pageNumber: 1, pageSize: 10 });
    // every timer created while the calls run, and whether it is still armed (neither fired nor cleared)
    const armed = new Set<number>();
    const hook = createHook({
      init: (id, type) => void (type === 'Timeout' && armed.add(id)),
      destroy: (id) => void armed.delete(id),
    }).enable();
    try {
      for (let i = 0; i < CALLS; i++) await api.listDataAssetTags({ pageNumber: 1, pageSize: 10 });
      // 'end' listeners run on the tick the body ends
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      hook.disable();
    }
    // before the fix each call left its 10-second read timer armed: CALLS of them
    expect(armed.size).toBeLessThan(5);
  });

  it('subscribes once per process, however many copies of the module ask (two bundles, jest realms)', async () => {
    const api = harness.client();
    // 'end' listeners on a response when the subscribers before this one have run
    const endListeners = async () => {
      let seen = -1;
      const count = (message: unknown) => (seen = (message as { response: IncomingMessage }).response.listenerCount('end'));
      subscribe('http.client.response.finish', count);
      try {
        await api.listDataAssetTags({ pageNumber: 1, pageSize: 10 });
      } finally {
        unsubscribe('http.client.response.finish', count);
      }
      return seen;
    };
    const before = await endListeners();
    for (let copy = 0; copy < 2; copy++) jest.isolateModules(() => (require('../../shared/dataworks/read-timers') as typeof import('../../shared/dataworks/read-timers')).releaseReadTimers());
    expect(await endListeners()).toBe(before);
  });
});
