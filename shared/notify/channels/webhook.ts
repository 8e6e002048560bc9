/**
 * A generic JSON webhook: `POST <url>` with the outcome as data (`formatVersion` 1) beside the message's title
 * and text, and, when a secret is set, `X-Autotag-Timestamp` and `X-Autotag-Signature: sha256=<hex>` (see
 * ../sign.ts) for the receiver to check. Any 2xx is taken.
 */
import { webhookSignature } from '../sign';
import { judgeStatus, type ChannelSpec } from './channel';

export const WEBHOOK_FORMAT_VERSION = 1;

export const webhook: ChannelSpec = {
  title: 'webhook',
  urlProblem: () => undefined,
  urlSecrets: () => [],
  request(config, { message, outcome, events, now }) {
    const body = JSON.stringify({
      formatVersion: WEBHOOK_FORMAT_VERSION,
      source: 'autotag',
      events,
      title: message.title,
      text: config.format === 'markdown' ? message.markdown : message.text,
      outcome,
    });
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (config.secret) {
      headers['x-autotag-timestamp'] = String(now);
      headers['x-autotag-signature'] = webhookSignature(config.secret, now, body);
    }
    return { url: config.url, headers, body };
  },
  judge: (status, _body, target) => judgeStatus(status, target),
};
