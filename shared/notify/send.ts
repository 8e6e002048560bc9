/**
 * Sending a run's outcome: check it, pick the configured events it raises (none: nothing is sent), compose one
 * message, and POST it, retrying with backoff on a rate limit, a 5xx or a connection that never opened, within
 * the attempt limit and the total timeout. `notify` never throws and never rejects: a notification that could
 * not be sent is a logged warning and a result saying why, never a failed run.
 */
import type { Clock } from '../clock';
import { AutotagError, formatIssue, toInputIssues } from '../errors';
import { redactString, type Logger } from '../log';
import { retry } from '../retry';
import { CHANNELS } from './channels';
import type { NotifyConfig } from './config';
import { NotificationError } from './errors';
import { eventsRaised } from './events';
import { composeMessage } from './message';
import { runOutcomeSchema, type NotifyResult, type RunOutcomeInput } from './types';

export interface NotifierDeps {
  clock: Clock;
  logger: Logger;
  /** jitter for backoff, uniform in [0, 1) (default Math.random) */
  random?: () => number;
}

export interface Notifier {
  /** the channel and host, for reports */
  readonly target: string;
  notify(outcome: RunOutcomeInput): Promise<NotifyResult>;
}

/** One POST with its own timeout; what went wrong becomes a NotificationError. */
async function post(request: { url: string; headers: Record<string, string>; body: string }, timeoutMs: number, target: string) {
  let response: Response;
  try {
    response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (error) {
    // read by shape: fetch's errors may come from another realm (a test runner's), where instanceof fails
    const e = error as { name?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } } | undefined;
    if (e?.name === 'TimeoutError') throw new NotificationError('NOTIFY_TIMEOUT', `${target} did not answer within ${timeoutMs} ms`);
    // the cause says why (ECONNREFUSED, ENOTFOUND …); never the URL
    const why = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? 'unknown error';
    throw new NotificationError('NOTIFY_UNREACHABLE', `${target} could not be reached (${String(why)})`);
  }
  return { status: response.status, body: await response.text() };
}

export function createNotifier(config: NotifyConfig, deps: NotifierDeps): Notifier {
  const channel = CHANNELS[config.kind];
  const target = `${channel.title} ${new URL(config.url).host}`;
  const random = deps.random ?? Math.random;
  const logger = deps.logger.child({ notify: target });

  const failed = (events: string[], attempts: number, code: string, message: string): NotifyResult => {
    const error = { code, message: redactString(message) };
    logger.warn('notification not sent', { events, attempts, error });
    return { sent: false, events, target, attempts, error };
  };

  return {
    target,
    async notify(input) {
      const parsed = runOutcomeSchema.safeParse(input);
      if (!parsed.success) return failed([], 0, 'INVALID_INPUT', `invalid run outcome: ${toInputIssues(parsed.error).map(formatIssue).join('; ')}`);
      const outcome = parsed.data;
      const events = eventsRaised(outcome, config.events);
      if (events.length === 0) return { sent: false, events: [], target, attempts: 0 };

      const message = composeMessage(outcome, events);
      const deadline = deps.clock.now() + config.totalTimeoutMs;
      let attempts = 0;
      try {
        await retry(
          async () => {
            attempts++;
            const now = deps.clock.now();
            // signed per attempt: DingTalk refuses a timestamp more than an hour old
            const request = channel.request(config, { message, outcome, events, now });
            const answer = await post(request, Math.max(1, Math.min(config.timeoutMs, deadline - now)), target);
            channel.judge(answer.status, answer.body, target);
          },
          { ...config.retry, clock: deps.clock, random, deadline },
        );
      } catch (error) {
        // a NotificationError, or the deadline refusing the first attempt (DeadlineExceededError)
        if (error instanceof AutotagError) return failed(events, attempts, error.code, error.message);
        return failed(events, attempts, 'NOTIFY_FAILED', error instanceof Error ? error.message : String(error));
      }
      logger.info('notification sent', { events, attempts });
      return { sent: true, events, target, attempts };
    },
  };
}
