/**
 * A rule's condition tree as `autotag explain` prints it: one line per condition, nested conditions (any / all /
 * not) indented below theirs, each with its verdict mark, what it expected and what it saw. The explanation
 * holds the rule model's values; the words for them are here: name patterns as written (regexes between
 * slashes), lists as alternatives, tag tests as `key=value`, and a tag the rule saw only because another rule is
 * about to bind it marked as pending.
 */
import type { PendingTag } from '../../shared/engine';
import { isRecord } from '../../shared/json';
import type { Explanation } from '../../shared/rules';

export const MARK: Record<Explanation['verdict'], string> = { match: '✓', 'no-match': '✗', unknown: '?' };

/** How the tree reads a value the asset did not report: not fetched (no outcome needed it) or not reported at all. */
export interface SeenContext {
  detailsFetched: boolean;
  pending: readonly PendingTag[];
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** A name pattern, a workspace, an env, an owner, a kind. */
function scalar(v: unknown): string {
  if (isRecord(v) && typeof v.glob === 'string') return v.glob;
  if (isRecord(v) && typeof v.regex === 'string') return `/${v.regex}/`;
  return String(v);
}

/** `pii=true`, `pii=true|false` (one of them), `team` (any value). */
function tagTest(t: unknown): string {
  if (!isRecord(t)) return String(t);
  return Array.isArray(t.values) ? `${String(t.key)}=${t.values.join('|')}` : String(t.key);
}

/** `has pii=true, team; lacks classification` */
function tagTests(v: Record<string, unknown>): string {
  return ['has', 'lacks'].flatMap((side) => (Array.isArray(v[side]) ? [`${side} ${v[side].map(tagTest).join(', ')}`] : [])).join('; ');
}

function expected(e: Explanation): string {
  if (e.condition === 'tags' && isRecord(e.expected)) return tagTests(e.expected);
  return list(e.expected).map(scalar).join(' or ');
}

function seen(e: Explanation, ctx: SeenContext): string {
  if (e.actual === null) return 'unreadable';
  if (e.actual === undefined) return ctx.detailsFetched ? 'none reported' : 'not fetched (no outcome depended on it)';
  if (e.condition !== 'tags' || !isRecord(e.actual)) return scalar(e.actual);
  const tags = Object.entries(e.actual).map(([key, value]) => {
    const from = ctx.pending.find((p) => p.key === key && p.value === value);
    return `${key}=${String(value)}${from ? ` (pending, from ${from.ruleId})` : ''}`;
  });
  return tags.length ? tags.join(', ') : 'none of these keys';
}

/** The lines of a Match's conditions (the Match's own verdict is the caller's), indented by `indent`. */
export function conditionLines(match: Explanation, indent: string, ctx: SeenContext): string[] {
  return (match.children ?? []).flatMap((c) => {
    const head = `${indent}${MARK[c.verdict]} ${c.condition}`;
    if (!c.children) return [`${head}: ${expected(c)} · saw ${seen(c, ctx)}`];
    // any / all / not: each nested Match below, one of several conditions as an "all of" item
    const nested = c.children.flatMap((m) => {
      const inner = m.children?.length ?? 0;
      if (inner === 0) return [`${indent}  ${MARK[m.verdict]} (no condition)`];
      return inner === 1 ? conditionLines(m, `${indent}  `, ctx) : [`${indent}  ${MARK[m.verdict]} all of:`, ...conditionLines(m, `${indent}    `, ctx)];
    });
    return [head, ...nested];
  });
}
