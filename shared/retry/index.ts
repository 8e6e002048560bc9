/** Retrying with backoff and rate limiting: the public face of shared/retry. */
export { retry, backoffDelay, isRetryable, backoffOptionsSchema, DEFAULT_BACKOFF } from './backoff';
export type { BackoffOptions, RetryEvent, RetryOptions } from './backoff';
export { createRateLimiter } from './limiter';
export { isAbortSignal } from './stop';
export type { RateLimiter, RateLimiterOptions } from './limiter';
