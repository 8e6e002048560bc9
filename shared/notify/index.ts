/**
 * Notifications: a run's outcome sent to a DingTalk custom robot (signed, markdown or text) or to a generic
 * JSON webhook (optionally signed), for the events a team chose: a failed run, a partial one, conflicts left
 * alone, new tags bound. Sending never fails a run, keeps to a timeout, retries a rate limit or a 5xx with
 * backoff within a bound, and never shows the secret or the access token.
 *
 * Entry points (inputs are plain data; nothing here knows the engine):
 *   const config = parseNotifyConfig(ruleSetDoc.notify)      // or notifyConfigFromEnv(process.env)
 *   const notifier = createNotifier(config, { clock, logger });
 *   const result = await notifier.notify(outcome);           // NotifyResult, never throws
 *
 * Wiring, for whoever connects it: a RunOutcome is the engine's RunReport mapped as runId, ruleSet, trigger,
 * startedAt, durationMs, dryRun, status (the report's; 'failed' when the run threw, with `error` from the thrown
 * AutotagError's code and message), error from `stoppedBy`, bound from the applied bindings (count, a few
 * {asset, key, value}), conflicts from `conflicts` left alone (resolution skip), failures from `failures`
 * (count = result.failed, examples {reason, code, assets: assetIds.length}), sourceErrors from `sourceErrors`,
 * links to where the report and coverage page were written. Notify once per run (the coordinator, not every
 * shard): a DingTalk robot takes 20 messages a minute and, past that, refuses for ten.
 */
export { createNotifier, type Notifier, type NotifierDeps } from './send';
export {
  DEFAULT_EVENTS,
  NOTIFY_ENV,
  notifyConfigFromEnv,
  notifyConfigSchema,
  notifySectionSchema,
  parseNotifyConfig,
  registerNotifySecrets,
  resolveNotifySection,
  type NotifyConfig,
  type NotifyConfigInput,
  type NotifySection,
} from './config';
export { NOTIFY_EVENTS, NOTIFY_EVENT_NAMES, eventsRaised, type NotifyEvent, type NotifyEventSpec } from './events';
export { composeMessage, type NotifyMessage } from './message';
export { dingtalkSign, webhookSignature } from './sign';
export { NotificationError, type NotifyFailureCode } from './errors';
export { CHANNELS, CHANNEL_KINDS, WEBHOOK_FORMAT_VERSION, type ChannelKind, type ChannelSpec } from './channels';
export { MAX_EXAMPLES, runOutcomeSchema, type NotifyResult, type RunOutcome, type RunOutcomeInput } from './types';
