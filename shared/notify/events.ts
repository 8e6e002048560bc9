/**
 * What is worth telling people about a run, each event with the test that raises it and the lines it adds to
 * the message. A message carries every configured event the outcome raises, in this table's order, so one run
 * is one message (DingTalk allows a robot 20 a minute). A new event is one entry here.
 */
import type { RunOutcome } from './types';

/** examples a message shows per list */
export const SHOWN = 5;

export interface NotifyEventSpec {
  /** a word for the title: "failed" */
  headline: string;
  raisedBy(o: RunOutcome): boolean;
  /** markdown lines (DingTalk's subset: headings, bold, lists, links, code spans) */
  lines(o: RunOutcome): string[];
}

/** A catalog name as a code span: shown as written whatever markdown it holds. */
export const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** The first SHOWN examples as list items, then how many more the run had. */
function listed<T>(list: { count: number; examples: T[] }, item: (x: T) => string): string[] {
  const shown = list.examples.slice(0, SHOWN);
  const rest = Math.max(list.count, list.examples.length) - shown.length;
  return [...shown.map((x) => `- ${item(x)}`), ...(rest > 0 ? [`- … and ${rest} more`] : [])];
}

export const NOTIFY_EVENTS = {
  failed: {
    headline: 'failed',
    raisedBy: (o) => o.status === 'failed' || o.status === 'blocked',
    lines: (o) => [`**${o.status === 'blocked' ? 'Stopped before any write' : 'Failed'}**${o.error ? `: ${o.error.message} (${code(o.error.code)})` : ''}`],
  },
  partial: {
    headline: 'partial',
    raisedBy: (o) => o.status === 'partial' || o.status === 'deadline',
    lines: (o) => [
      `**${o.status === 'deadline' ? 'Cut short by the time budget' : 'Finished with failures'}**: ${o.failures.count} binding(s) failed, ${o.sourceErrors.count} source partition(s) not read`,
      ...(o.error ? [o.error.message] : []),
      ...listed({ count: 0, examples: o.failures.examples }, (f) => `${f.assets} failed: ${f.reason}${f.code ? ` (${code(f.code)})` : ''}`),
      ...listed(o.sourceErrors, (e) => `not read: ${code(e.partition)}: ${e.message}`),
    ],
  },
  conflicts: {
    headline: 'conflicts left alone',
    raisedBy: (o) => o.conflicts.count > 0,
    lines: (o) => [
      `**Conflicts left alone**: ${o.conflicts.count}`,
      ...listed(o.conflicts, (c) => `${code(c.asset)}: ${code(c.key)} is ${code(c.currentValue)}, the rule wants ${code(c.value)}`),
    ],
  },
  bound: {
    headline: 'new tags bound',
    raisedBy: (o) => o.bound.count > 0 && !o.dryRun,
    lines: (o) => [`**New tags bound**: ${o.bound.count}`, ...listed(o.bound, (b) => `${code(b.asset)}: ${code(`${b.key}=${b.value}`)}`)],
  },
} as const satisfies Record<string, NotifyEventSpec>;

export type NotifyEvent = keyof typeof NOTIFY_EVENTS;

export const NOTIFY_EVENT_NAMES = Object.keys(NOTIFY_EVENTS) as [NotifyEvent, ...NotifyEvent[]];

/** The configured events `o` raises, in table order. */
export function eventsRaised(o: RunOutcome, configured: readonly NotifyEvent[]): NotifyEvent[] {
  return NOTIFY_EVENT_NAMES.filter((e) => configured.includes(e) && NOTIFY_EVENTS[e].raisedBy(o));
}
