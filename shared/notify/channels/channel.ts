/**
 * What a notification channel is: how it checks its URL, which parts of the URL are secret, how it builds the
 * HTTP request for a message, and how it reads the answer. Each channel is one small module; `index.ts` lists
 * them.
 */
import { NotificationError } from '../errors';
import type { NotifyEvent } from '../events';
import type { NotifyMessage } from '../message';
import type { RunOutcome } from '../types';

export interface ChannelConfig {
  url: string;
  secret?: string;
  format: 'markdown' | 'text';
}

export interface ChannelRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface Outgoing {
  message: NotifyMessage;
  outcome: RunOutcome;
  events: readonly NotifyEvent[];
  /** epoch ms, for signatures */
  now: number;
}

export interface ChannelSpec {
  /** for messages: "DingTalk robot" */
  title: string;
  /** what is wrong with `url` for this channel, if anything */
  urlProblem(url: URL): string | undefined;
  /** values in the URL that must never be shown (an access token) */
  urlSecrets(url: URL): string[];
  request(config: ChannelConfig, out: Outgoing): ChannelRequest;
  /** throws NotificationError unless the answer says the message was taken */
  judge(status: number, body: string, target: string): void;
}

/** The answer's HTTP status, read the same way by every channel: 2xx passes, the rest throws. */
export function judgeStatus(status: number, target: string): void {
  if (status >= 200 && status < 300) return;
  if (status === 429) throw new NotificationError('NOTIFY_RATE_LIMITED', `${target} answered HTTP 429: too many messages`, { httpStatus: status });
  if (status >= 500) throw new NotificationError('NOTIFY_SERVER_ERROR', `${target} answered HTTP ${status}`, { httpStatus: status });
  throw new NotificationError('NOTIFY_REJECTED', `${target} refused the message: HTTP ${status}`, { httpStatus: status });
}
