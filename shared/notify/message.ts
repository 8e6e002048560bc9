/**
 * The words of a notification: a title (what DingTalk shows in the conversation list), a markdown body (the
 * run line, then each raised event's lines, then links to the report and coverage page) and the same body as
 * plain text for channels or formats without markdown.
 */
import { code, NOTIFY_EVENTS, type NotifyEvent } from './events';
import type { RunOutcome } from './types';

export interface NotifyMessage {
  title: string;
  markdown: string;
  text: string;
}

function runLine(o: RunOutcome): string {
  const parts = [`run ${code(o.runId)}`, `trigger ${o.trigger}`, `started ${o.startedAt}`];
  if (o.durationMs !== undefined) parts.push(`took ${Math.round(o.durationMs / 1000)} s`);
  if (o.dryRun) parts.push('dry run');
  return parts.join(' · ');
}

/** Markdown as plain text: no emphasis or code marks, headings as lines, links as `label: url`. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^#+ /gm, '')
    .replace(/\*\*/g, '')
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1: $2');
}

export function composeMessage(o: RunOutcome, events: readonly NotifyEvent[]): NotifyMessage {
  const headline = events.map((e) => NOTIFY_EVENTS[e].headline).join(', ');
  const subject = o.ruleSet ? `rule set ${o.ruleSet}` : `run ${o.runId}`;
  const title = `autotag: ${headline} · ${subject}`;
  const links = [o.links?.report && `[Run report](${o.links.report})`, o.links?.coverage && `[Coverage](${o.links.coverage})`].filter(Boolean);
  const paragraphs = [`### ${title}`, runLine(o), ...events.map((e) => NOTIFY_EVENTS[e].lines(o).join('\n')), ...(links.length ? [links.join(' · ')] : [])];
  const markdown = paragraphs.join('\n\n');
  return { title, markdown, text: plainText(markdown) };
}
