/** Bounded concurrency, batching and queues: the public face of shared/concurrency. */
export { forEachLimit } from './pool';
export { chunk } from './chunk';
export { createChannel, type Channel } from './channel';
export { createSlots, type Slots } from './slots';
