/**
 * What became of a run's notification, in one line on stderr: sent (to which channel and host, for which
 * events), not sent and why, or nothing to tell. Never the URL or the secret (shared/notify keeps them out).
 */
import type { NotifyResult } from '../../shared/notify';

export function renderNotification(r: NotifyResult): string | undefined {
  if (r.sent) return `Notified ${r.target}: ${r.events.join(', ')}.`;
  if (r.error) return `Notification not sent to ${r.target} (${r.error.code}): ${r.error.message}. The run's outcome stands.`;
  return undefined;
}
