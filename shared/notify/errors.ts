/**
 * Why a notification was not delivered. One class, its `code` saying which way it failed and `retryable`
 * whether another attempt may help (shared/retry reads that flag). Messages name the channel and host, never
 * the URL, which may carry an access token.
 */
import { AutotagError } from '../errors';

export type NotifyFailureCode =
  /** DingTalk errcode 130101, or HTTP 429 */
  | 'NOTIFY_RATE_LIMITED'
  /** HTTP 5xx */
  | 'NOTIFY_SERVER_ERROR'
  /** the receiver refused the message (HTTP 4xx, a DingTalk errcode such as 310000 "sign not match") */
  | 'NOTIFY_REJECTED'
  /** no answer within the timeout (not retried: the message may have arrived) */
  | 'NOTIFY_TIMEOUT'
  /** no connection (refused, reset, no route): nothing arrived, so it is retried */
  | 'NOTIFY_UNREACHABLE'
  /** a 2xx whose body is not what the channel answers */
  | 'NOTIFY_UNEXPECTED_RESPONSE';

const RETRYABLE: ReadonlySet<NotifyFailureCode> = new Set(['NOTIFY_RATE_LIMITED', 'NOTIFY_SERVER_ERROR', 'NOTIFY_UNREACHABLE']);

export class NotificationError extends AutotagError {
  readonly retryable: boolean;
  constructor(
    readonly code: NotifyFailureCode,
    message: string,
    readonly details: { httpStatus?: number; serviceCode?: string } = {},
  ) {
    super(message);
    this.retryable = RETRYABLE.has(code);
  }
  override toJSON() {
    return { ...super.toJSON(), ...this.details, retryable: this.retryable };
  }
}
