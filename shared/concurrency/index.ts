/** Bounded concurrency and batching: the public face of shared/concurrency. */
export { forEachLimit } from './pool';
export { chunk } from './chunk';
