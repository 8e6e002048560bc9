/**
 * Signatures a receiver checks: DingTalk's custom-robot signing (HmacSHA256 of `timestamp + "\n" + secret`
 * keyed by the secret, base64, then URL-encoded, timestamp in ms, within an hour of DingTalk's clock), and the
 * generic webhook's (hex HmacSHA256 of `timestamp + "." + body`, sent as `X-Autotag-Signature: sha256=…`).
 */
import { createHmac } from 'node:crypto';

/** The `sign` query parameter DingTalk expects, already URL-encoded. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  const digest = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
  return encodeURIComponent(digest);
}

/** `sha256=<hex>` over `timestamp.body`: binding the time stops a recorded message from being replayed later. */
export function webhookSignature(secret: string, timestampMs: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampMs}.${body}`, 'utf8').digest('hex')}`;
}
